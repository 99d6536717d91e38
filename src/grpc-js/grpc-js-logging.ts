import { format } from "node:util";
import * as grpc from "@grpc/grpc-js";
import type { Logger } from "pino";

/** grpc-js's words for a request header whose value it cannot hold; the value follows them. */
const refusedHeader = /Failed to add metadata entry ([^:\s]+):/;

/**
 * Sends what @grpc/grpc-js logs (to stderr by default) to the service's JSON
 * log. grpc-js quotes a header value it refuses (a tab in "authorization:
 * Bearer …" is enough), so such a line keeps only the header's name: a bearer
 * token must never reach a log. grpc-js has one logger per process: the last
 * call wins.
 */
export function routeGrpcJsLogs(log: Logger): void {
  const write =
    (level: "warn" | "info" | "debug") =>
    (...args: unknown[]) => {
      const text = format(...args);
      const header = refusedHeader.exec(text)?.[1];
      if (header !== undefined) log[level]({ source: "grpc-js", header }, "grpc-js refused a request header value (value not logged)");
      else log[level]({ source: "grpc-js" }, text);
    };
  grpc.setLogger({ error: write("warn"), info: write("info"), debug: write("debug") });
}
