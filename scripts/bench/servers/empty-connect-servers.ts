import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { SignatureService } from "../../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import { createOnePortServer } from "../../../src/server/one-port-server.js";

/**
 * connect-node with nothing behind it: Get answers an empty response at once.
 * What is left is the cost of connect-node's gRPC protocol handling and of
 * the HTTP server in front of it.
 */
function emptyConnectHandler() {
  return connectNodeAdapter({
    routes: (router) => router.service(SignatureService, { get: () => ({}) }),
  });
}

/** Through our one-port server: the connection is sniffed and replayed into node:http2 as a JS stream. */
export async function startEmptyConnectOnePortServer(): Promise<number> {
  const server = createOnePortServer({ host: "127.0.0.1", port: 0, handler: emptyConnectHandler(), shutdownTimeoutMs: 0 });
  return (await server.listen()).port;
}

/** On a plain node:http2 server reading its socket natively: the one-port server's sniffing cost shows as the difference. */
export function startEmptyConnectH2cServer(): Promise<number> {
  const server = http2.createServer(emptyConnectHandler());
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}
