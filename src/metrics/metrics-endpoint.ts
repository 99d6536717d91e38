import type { Registry } from "prom-client";
import type { NodeHandler } from "../server/node-handler.js";

/** GET /metrics in the Prometheus text format; every other request goes to next. */
export function withMetricsEndpoint(registry: Registry, next: NodeHandler): NodeHandler {
  return (request, response) => {
    if (request.method !== "GET" || (request.url ?? "").split("?")[0] !== "/metrics") return next(request, response);
    registry.metrics().then(
      (text) => {
        (response as import("node:http").ServerResponse).writeHead(200, { "content-type": registry.contentType });
        response.end(text);
      },
      () => {
        (response as import("node:http").ServerResponse).writeHead(500);
        response.end();
      },
    );
  };
}
