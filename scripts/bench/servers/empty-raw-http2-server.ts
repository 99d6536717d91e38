import http2 from "node:http2";
import type { AddressInfo } from "node:net";

/** A gRPC message frame holding an empty message: flag 0 (uncompressed), length 0. */
const emptyMessageFrame = Buffer.alloc(5);

/**
 * The floor for a gRPC server in Node: bare node:http2 writing valid gRPC
 * responses (headers, one empty message, grpc-status trailers) with no
 * framework, no routing and no decoding.
 */
export function startEmptyRawHttp2Server(): Promise<number> {
  const server = http2.createServer();
  server.on("stream", (stream) => {
    stream.on("error", () => stream.destroy()); // a client reset ends that stream only
    stream.resume(); // the request message is read and dropped
    stream.once("end", () => {
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
      stream.end(emptyMessageFrame);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}
