import { SignatureService } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import type { RecordRef } from "./bench-records.js";
import type { BenchSettings } from "./bench-settings.js";
import type { ChildServer } from "./child-server.js";
import { findOrInstallGhz, type Ghz, type GhzReport, runGhz } from "./ghz.js";
import { createGrpcLoadClient } from "./grpc-load-client.js";
import { type LoadResult, runLoad } from "./load-runner.js";
import { createWorkload } from "./workloads/create-workload.js";

export const ghzCalls = ["Get", "Save (create)"] as const;
export type GhzCall = (typeof ghzCalls)[number];

/** The service child's ports that ghz calls: the main (one-port) port and the grpc-js port. */
export const ghzPorts = [
  { key: "one-port", label: "one-port (main)" },
  { key: "grpc-js", label: "grpc-js port" },
] as const;
export type GhzPortKey = (typeof ghzPorts)[number]["key"];

export type GhzOutcome = (GhzReport & { readonly serverCpuUsPerCall: number }) | { readonly failed: string };

export interface GhzPoint {
  readonly call: GhzCall;
  readonly port: GhzPortKey;
  readonly ghz: GhzOutcome;
  /** Our load generator on the same call, port and concurrency. */
  readonly ours: LoadResult;
}

export type GhzResults =
  | { readonly missing: string }
  | {
      readonly ghz: Ghz;
      readonly concurrency: number;
      /** ghz's request templates, printed with the table. */
      readonly getData: string;
      readonly saveData: string;
      readonly points: readonly GhzPoint[];
    };

/** Our own Get figures at settings.ghzConcurrency, measured earlier in the run (sections 1 and 7). */
export type OurGetResults = Record<GhzPortKey, LoadResult>;

/**
 * Section 8: ghz against Get and Save on both ports of the service child, by
 * server reflection, beside our load generator's figures for the same calls.
 * Save creates a new record on every call (a new thread per request number),
 * so no call can conflict on a version; our generator makes the same creates
 * here, while its Get figures are the table's. Never fails the bench: without
 * ghz, or when a run fails, the report says so.
 */
export async function measureGhz(
  service: ChildServer,
  getRecords: readonly RecordRef[],
  ourGets: OurGetResults,
  settings: BenchSettings,
  progress: (line: string) => void,
): Promise<GhzResults> {
  const found = await findOrInstallGhz(progress);
  if ("missing" in found) {
    progress(found.missing);
    return found;
  }
  const concurrency = settings.ghzConcurrency;
  const cms = "x".repeat(settings.cmsBytes);
  const getData = JSON.stringify(getTemplate(getRecords));
  const saveData = (document: string): string => JSON.stringify({ document, thread: "t-{{.RequestNumber}}", cms });
  const ports: Record<GhzPortKey, number | undefined> = { "one-port": service.ports.main, "grpc-js": service.ports.grpc };

  const points: GhzPoint[] = [];
  for (const { key } of ghzPorts) {
    const port = ports[key];
    if (port === undefined) throw new Error(`the service child reported no ${key} port`);
    const ghzRun = async (call: GhzCall, method: string, data: string): Promise<GhzOutcome> => {
      const before = await service.cpuUsage();
      try {
        const report = await runGhz({ ghz: found, port, call: method, data, concurrency, seconds: settings.seconds });
        const after = await service.cpuUsage();
        progress(
          `ghz ${call} on ${key} c=${concurrency}: ${Math.round(report.rps)} calls/s, p50 ${report.p50Ms.toFixed(2)} ms` +
            (report.errors > 0 ? `, ${report.errors} failed: ${report.topError ?? report.statuses}` : ""),
        );
        return { ...report, serverCpuUsPerCall: (cpuMicros(after) - cpuMicros(before)) / Math.max(1, report.count) };
      } catch (error) {
        const failed = error instanceof Error ? error.message : String(error);
        progress(`ghz ${call} on ${key} failed: ${failed}`);
        return { failed };
      }
    };
    const getMethod = `${SignatureService.typeName}/${SignatureService.method.get.name}`;
    const saveMethod = `${SignatureService.typeName}/${SignatureService.method.save.name}`;
    points.push({ call: "Get", port: key, ghz: await ghzRun("Get", getMethod, getData), ours: ourGets[key] });

    const ghzSave = await ghzRun("Save (create)", saveMethod, saveData(`ghz-create-${key}`));
    const client = createGrpcLoadClient(port);
    let ours: LoadResult;
    try {
      ours = await runLoad(createWorkload(client, `ours-create-${key}`, cms), {
        name: `Save (create) on ${key}`,
        concurrency,
        seconds: settings.seconds,
        warmupSeconds: settings.warmupSeconds,
        serverCpu: service.cpuUsage,
      });
    } finally {
      client.close();
    }
    progress(`ours Save (create) on ${key} c=${concurrency}: ${Math.round(ours.opsPerSecond)} calls/s, p50 ${ours.p50Ms.toFixed(2)} ms`);
    points.push({ call: "Save (create)", port: key, ghz: ghzSave, ours });
  }
  // The payload shortened for the report.
  const shownSaveData = saveData("ghz-create-<port>").replace(cms, `<${cms.length} × x>`);
  return { ghz: found, concurrency, getData, saveData: shownSaveData, points };
}

/**
 * Get of a random seeded record, as our Get workload does: the seeded threads
 * are "thread-<id>" with consecutive ids, which ghz's {{randomInt min max}}
 * (max exclusive) can pick from; otherwise always the first record.
 */
function getTemplate(records: readonly RecordRef[]): { document: string; thread: string } {
  const first = records[0];
  if (first === undefined) throw new Error("no records to Get");
  const ids = records.map((record) => /^thread-(\d+)$/.exec(record.thread)?.[1]).map(Number);
  const low = ids[0] ?? Number.NaN;
  const consecutive = records.every((record, index) => record.document === first.document && ids[index] === low + index);
  return consecutive && Number.isSafeInteger(low)
    ? { document: first.document, thread: `thread-{{randomInt ${low} ${low + records.length}}}` }
    : { document: first.document, thread: first.thread };
}

function cpuMicros(usage: NodeJS.CpuUsage): number {
  return usage.user + usage.system;
}
