import { SignatureService } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import type { BenchSettings } from "./bench-settings.js";
import { startChildServer } from "./child-server.js";
import { createGrpcLoadClient } from "./grpc-load-client.js";
import type { ServerKind } from "./ipc-messages.js";
import { type LoadResult, runLoad } from "./load-runner.js";

/** Section 3's servers, each answering Get with an empty message, from the heaviest stack to the floor. */
export const emptyRpcServers = [
  { kind: "empty-connect-one-port", label: "connect-node, one-port server (sniffed)" },
  { kind: "empty-connect-h2c", label: "connect-node, plain http2 server (h2c)" },
  { kind: "empty-grpc-js-adapter", label: "grpc-js port: our adapter (createGrpcServer)" },
  { kind: "empty-grpc-js", label: "@grpc/grpc-js Server, plain" },
  { kind: "empty-raw-http2", label: "bare node:http2 gRPC frames" },
] as const satisfies readonly { kind: ServerKind; label: string }[];

export type EmptyRpcKind = (typeof emptyRpcServers)[number]["kind"];

/** One result per concurrency level, in the order of settings.concurrencies. */
export type EmptyRpcResults = Record<EmptyRpcKind, LoadResult[]>;

/** Section 3: the transport alone, with the same client, request and concurrency levels as the real Get. */
export async function measureEmptyRpcs(settings: BenchSettings, progress: (line: string) => void): Promise<EmptyRpcResults> {
  const results = {} as EmptyRpcResults;
  for (const { kind, label } of emptyRpcServers) {
    const server = await startChildServer({ type: "start", kind });
    const client = createGrpcLoadClient(server.port);
    try {
      results[kind] = [];
      for (const concurrency of settings.concurrencies) {
        const result = await runLoad(
          {
            createWorker: () => ({
              // The same small request a real Get sends, so that only the answer differs.
              call: async () => {
                await client.unary(SignatureService.method.get, { document: "bench-list", thread: "thread-1" });
              },
            }),
          },
          {
            name: `empty Get on ${label}`,
            concurrency,
            seconds: settings.seconds,
            warmupSeconds: settings.warmupSeconds,
            serverCpu: server.cpuUsage,
          },
        );
        progress(`empty RPC ${label} c=${concurrency}: ${Math.round(result.opsPerSecond)} ops/s, p50 ${result.p50Ms.toFixed(2)} ms`);
        results[kind].push(result);
      }
    } finally {
      client.close();
      await server.stop();
    }
  }
  return results;
}
