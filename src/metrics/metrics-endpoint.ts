import type { Registry } from "prom-client";
import type { NodeRequest } from "../rest/rest-request.js";
import type { NodeResponse } from "../rest/rest-response.js";

/** GET /metrics in the Prometheus text format; every other request goes to next. */
export function withMetricsEndpoint(
  registry: Registry,
  next: (request: NodeRequest, response: NodeResponse) => void,
): (request: NodeRequest, response: NodeResponse) => void {
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
