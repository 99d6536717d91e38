import type { StartServerMessage } from "../ipc-messages.js";
import { startEmptyConnectH2cServer, startEmptyConnectOnePortServer } from "./empty-connect-servers.js";
import { startEmptyGrpcJsServer } from "./empty-grpc-js-server.js";
import { startEmptyRawHttp2Server } from "./empty-raw-http2-server.js";
import { startSignatureServiceServer } from "./signature-service-server.js";

/** Starts the server a child process was asked for; resolves with its port. */
export async function startServer(request: StartServerMessage): Promise<number> {
  switch (request.kind) {
    case "signature-service":
      if (request.mongodbUri === undefined || request.mongodbDb === undefined) {
        throw new Error("signature-service needs mongodbUri and mongodbDb");
      }
      return startSignatureServiceServer(request.mongodbUri, request.mongodbDb);
    case "empty-connect-one-port":
      return startEmptyConnectOnePortServer();
    case "empty-connect-h2c":
      return startEmptyConnectH2cServer();
    case "empty-grpc-js":
      return startEmptyGrpcJsServer();
    case "empty-raw-http2":
      return startEmptyRawHttp2Server();
  }
}
