import type { NodeHandler, NodeResponse } from "../server/node-handler.js";
import type { DatabaseMonitor } from "./database-monitor.js";
import { unrecoverableFailure } from "./liveness.js";

/**
 * HTTP probes in front of another handler:
 * `GET /healthz` 200 while the process can do its job, 503 once it cannot recover (liveness, see liveness.ts);
 * `GET /readyz` 200 when the database answers a ping now, 503 when it does not (readiness).
 */
export function withHealthEndpoints(monitor: DatabaseMonitor, next: NodeHandler): NodeHandler {
  return (request, response) => {
    const path = (request.url ?? "").split("?")[0];
    if (path !== "/healthz" && path !== "/readyz") return next(request, response);
    if (request.method !== "GET" && request.method !== "HEAD") {
      return reply(response, 405, { status: "method not allowed" }, request.method, { allow: "GET, HEAD" });
    }
    if (path === "/healthz") {
      return unrecoverableFailure() === undefined
        ? reply(response, 200, { status: "ok" }, request.method)
        : reply(response, 503, { status: "failed", reason: "the process cannot recover (see its log)" }, request.method);
    }
    void monitor
      .check()
      .then((reachable) =>
        reachable
          ? reply(response, 200, { status: "ok" }, request.method)
          : reply(response, 503, { status: "unavailable", reason: "database unreachable" }, request.method),
      );
  };
}

function reply(
  response: NodeResponse,
  status: number,
  body: Record<string, string>,
  method: string | undefined,
  headers: Record<string, string> = {},
): void {
  const json = JSON.stringify(body);
  response.statusCode = status;
  for (const [name, value] of Object.entries({
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(json)),
    "cache-control": "no-store",
    ...headers,
  })) {
    response.setHeader(name, value);
  }
  if (method === "HEAD") response.end();
  else response.end(json);
}
