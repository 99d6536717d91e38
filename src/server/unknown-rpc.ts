import type { ServerResponse } from "node:http";
import type { NodeHandler } from "./node-handler.js";

/**
 * gRPC and gRPC-Web requests for a method this server does not have get the
 * status gRPC clients expect, UNIMPLEMENTED (a trailers-only response),
 * instead of the JSON/HTTP API's 404; everything else goes on to next.
 */
export function withUnknownRpc(next: NodeHandler): NodeHandler {
  return (request, response) => {
    const type = request.headers["content-type"] ?? "";
    if (!type.startsWith("application/grpc")) return next(request, response);
    const headers = {
      "content-type": type.startsWith("application/grpc-web") ? "application/grpc-web+proto" : "application/grpc",
      "grpc-status": "12",
      "grpc-message": encodeURIComponent(`unknown method ${request.url ?? ""}`),
    };
    if ("stream" in response) {
      // HTTP/2: one HEADERS frame that ends the stream (gRPC's "trailers-only"); the
      // compatibility API's end() would add an empty DATA frame gRPC clients reject.
      request.resume();
      response.stream.respond({ ":status": 200, ...headers }, { endStream: true });
      return;
    }
    (response as ServerResponse).writeHead(200, headers);
    response.end();
  };
}
