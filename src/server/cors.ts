import type { ServerResponse } from "node:http";
import { cors } from "@connectrpc/connect";
import type { NodeHandler } from "./node-handler.js";

/** Headers browsers may send and read beyond the protocols' own: auth, locale, request ids. */
const allowHeaders = [...cors.allowedHeaders, "authorization", "api-locale", "x-request-id"].join(", ");
const exposeHeaders = [...cors.exposedHeaders, "x-request-id"].join(", ");
const allowMethods = [...new Set([...cors.allowedMethods, "DELETE"])].join(", ");

/**
 * CORS for browser clients (Connect, gRPC-Web, the JSON/HTTP API) from the
 * configured origins ("*" allows any). Preflights are answered here; other
 * requests get the CORS headers and go on to the handler.
 */
export function withCors(origins: readonly string[], handler: NodeHandler): NodeHandler {
  if (origins.length === 0) return handler;
  const anyOrigin = origins.includes("*");
  const allowed = new Set(origins);
  return (request, response) => {
    const origin = request.headers.origin;
    if (typeof origin !== "string" || !(anyOrigin || allowed.has(origin))) return handler(request, response);
    const res = response as ServerResponse;
    res.setHeader("access-control-allow-origin", anyOrigin ? "*" : origin);
    res.setHeader("vary", "origin");
    if (request.method === "OPTIONS" && request.headers["access-control-request-method"] !== undefined) {
      res.writeHead(204, {
        "access-control-allow-methods": allowMethods,
        "access-control-allow-headers": allowHeaders,
        "access-control-max-age": "7200",
      });
      res.end();
      return;
    }
    res.setHeader("access-control-expose-headers", exposeHeaders);
    handler(request, response);
  };
}
