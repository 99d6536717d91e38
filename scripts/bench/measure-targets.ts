import { SignatureService } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import type { RecordRef } from "./bench-records.js";
import type { BenchSettings } from "./bench-settings.js";
import { type ChildServer, startChildServer } from "./child-server.js";
import { createGrpcLoadClient, type GrpcLoadClient } from "./grpc-load-client.js";
import { type LoadResult, runLoad } from "./load-runner.js";

/** How many times each of issue 7's inputs is measured; the targets use the medians. */
export const targetRounds = 3;

/** Server CPU µs per call of each round, at one concurrency level. */
export interface TargetSamples {
  /** Get on the grpc-js port of the real service. */
  readonly grpcJsGet: number[];
  /** The calls/s Get reached in each round: the rate its two baselines are paced to. */
  readonly grpcJsGetRate: number[];
  /** The service's findOne with the driver alone, inside the service's process, as fast as it goes. */
  readonly inServerFindOne: number[];
  /** The same findOne paced to Get's rate of the round. */
  readonly pacedFindOne: number[];
  /** The empty call through our adapter (createGrpcServer), as fast as it goes. */
  readonly adapterEmpty: number[];
  /** The same empty call paced to Get's rate of the round. */
  readonly pacedAdapterEmpty: number[];
  /** The empty call on a plain @grpc/grpc-js server. */
  readonly plainEmpty: number[];
}

/** By concurrency level. */
export type TargetResults = ReadonlyMap<number, TargetSamples>;

/**
 * Issue 7's two targets compare server CPU per call across several measurements.
 * On a noisy 2-core machine a single 3-second point moves by ±15%, more than
 * the margin a target is judged on, so they are measured again here in
 * alternating rounds (each round: all of them, close in time) and judged on their
 * medians. The service child is the one every other section used (warm); the
 * two empty servers run in children of their own beside it.
 *
 * Target (ii) compares Get with the sum of its two parts (the empty call and
 * the driver's findOne). Measured as fast as they go, the parts run at three
 * to four times Get's calls/s, and on this machine CPU per call falls with
 * load; so each round also measures both parts paced to the calls/s Get
 * reached in that round, and (ii) is judged at that equal load.
 */
export async function measureTargets(
  service: ChildServer,
  getRecords: readonly RecordRef[],
  settings: BenchSettings,
  progress: (line: string) => void,
): Promise<TargetResults> {
  const grpcPort = service.ports.grpc;
  if (grpcPort === undefined) throw new Error("the service child reported no grpc-js port");
  const adapter = await startChildServer({ type: "start", kind: "empty-grpc-js-adapter" });
  const plain = await startChildServer({ type: "start", kind: "empty-grpc-js" });
  const clients = {
    service: createGrpcLoadClient(grpcPort),
    adapter: createGrpcLoadClient(adapter.port),
    plain: createGrpcLoadClient(plain.port),
  };
  const keys = getRecords.map(({ document, thread }) => ({ document, thread }));
  const pick = () => keys[Math.floor(Math.random() * keys.length)]!;
  const load = (
    client: GrpcLoadClient,
    server: ChildServer,
    concurrency: number,
    what: string,
    request: () => { document: string; thread: string },
    callsPerSecond?: number,
  ) =>
    runLoad(
      { createWorker: () => ({ call: async () => void (await client.unary(SignatureService.method.get, request())) }) },
      {
        name: what,
        concurrency,
        seconds: settings.seconds,
        warmupSeconds: settings.warmupSeconds,
        serverCpu: server.cpuUsage,
        callsPerSecond,
      },
    );
  const serverCpu = (result: LoadResult): number => result.serverCpuUsPerCall ?? Number.NaN;
  const findOne = async (concurrency: number, callsPerSecond?: number): Promise<number> => {
    const { calls, cpuMicros } = await service.driverGet({ seconds: settings.seconds, concurrency, callsPerSecond, records: keys });
    return cpuMicros / calls;
  };
  // The same small request a real Get sends, so that only the answer differs.
  const emptyRequest = () => ({ document: "bench-list", thread: "thread-1" });
  const results = new Map<number, TargetSamples>();
  try {
    for (const level of settings.tableConcurrencies) {
      results.set(level, {
        grpcJsGet: [],
        grpcJsGetRate: [],
        inServerFindOne: [],
        pacedFindOne: [],
        adapterEmpty: [],
        pacedAdapterEmpty: [],
        plainEmpty: [],
      });
    }
    for (let round = 1; round <= targetRounds; round++) {
      for (const level of settings.tableConcurrencies) {
        const samples = results.get(level)!;
        const get = await load(clients.service, service, level, "Get on the grpc-js port", pick);
        const getRate = get.opsPerSecond;
        samples.grpcJsGet.push(serverCpu(get));
        samples.grpcJsGetRate.push(getRate);
        samples.pacedFindOne.push(await findOne(level, getRate));
        samples.pacedAdapterEmpty.push(
          serverCpu(await load(clients.adapter, adapter, level, "paced empty call through the adapter", emptyRequest, getRate)),
        );
        samples.inServerFindOne.push(await findOne(level));
        samples.adapterEmpty.push(serverCpu(await load(clients.adapter, adapter, level, "empty call through the adapter", emptyRequest)));
        samples.plainEmpty.push(serverCpu(await load(clients.plain, plain, level, "empty call on plain grpc-js", emptyRequest)));
        const last = (values: readonly number[]) => values.at(-1)!.toFixed(0);
        progress(
          `targets round ${round}/${targetRounds} c=${level}: Get ${last(samples.grpcJsGet)} at ${last(samples.grpcJsGetRate)}/s; ` +
            `at that rate findOne in server ${last(samples.pacedFindOne)}, adapter empty ${last(samples.pacedAdapterEmpty)}; ` +
            `unpaced findOne ${last(samples.inServerFindOne)}, adapter empty ${last(samples.adapterEmpty)}, ` +
            `plain empty ${last(samples.plainEmpty)} µs CPU per call`,
        );
      }
    }
    return results;
  } finally {
    for (const client of Object.values(clients)) client.close();
    await Promise.all([adapter.stop(), plain.stop()]);
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
