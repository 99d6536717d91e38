import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Health, HealthCheckResponse_ServingStatus as ServingStatus } from "../../gen/ts/grpc/health/v1/health_pb.js";

export { ServingStatus };

export function healthClient(baseUrl: string) {
  return createClient(Health, createGrpcTransport({ baseUrl }));
}

/** A Watch call through a connect-node gRPC client, recording every status it receives. */
export interface WatchRecorder {
  readonly statuses: ServingStatus[];
  /** Settles when the stream ends: with undefined, or with the error it ended with. */
  readonly ended: Promise<unknown>;
  /** Resolves once the last status received is `status`; rejects after timeoutMs. */
  until(status: ServingStatus, timeoutMs?: number): Promise<void>;
  /** Cancels the call. */
  cancel(): void;
}

export function watchHealth(baseUrl: string, service: string): WatchRecorder {
  const controller = new AbortController();
  const statuses: ServingStatus[] = [];
  const ended = (async () => {
    for await (const response of healthClient(baseUrl).watch({ service }, { signal: controller.signal })) {
      statuses.push(response.status);
    }
  })().then(
    () => undefined,
    (error: unknown) => error,
  );
  return {
    statuses,
    ended,
    until: async (status, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (statuses.at(-1) !== status) {
        if (Date.now() > deadline) {
          throw new Error(
            `Watch(${service}) did not report ${ServingStatus[status]} in ${timeoutMs} ms: got ${statuses.map((s) => ServingStatus[s]).join(", ")}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    cancel: () => controller.abort(),
  };
}
