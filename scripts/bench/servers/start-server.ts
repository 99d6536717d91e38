import type { ServerPorts, StartServerMessage } from "../ipc-messages.js";
import { startEmptyConnectH2cServer, startEmptyConnectOnePortServer } from "./empty-connect-servers.js";
import { startEmptyGrpcJsAdapterServer } from "./empty-grpc-js-adapter-server.js";
import { startEmptyGrpcJsServer } from "./empty-grpc-js-server.js";
import { startEmptyRawHttp2Server } from "./empty-raw-http2-server.js";
import { startFastifyRestServer } from "./fastify-rest-server.js";
import { startSignatureServiceServer } from "./signature-service-server.js";

/** Starts the server a child process was asked for; resolves with its ports. */
export async function startServer(request: StartServerMessage): Promise<ServerPorts> {
  switch (request.kind) {
    case "signature-service":
      if (request.mongodbUri === undefined || request.mongodbDb === undefined) {
        throw new Error("signature-service needs mongodbUri and mongodbDb");
      }
      return startSignatureServiceServer(request.mongodbUri, request.mongodbDb, {
        environment: request.environment ?? {},
        countAppendCommands: request.countAppendCommands === true,
      });
    case "fastify-rest":
      if (request.mongodbUri === undefined || request.mongodbDb === undefined) {
        throw new Error("fastify-rest needs mongodbUri and mongodbDb");
      }
      return { main: await startFastifyRestServer(request.mongodbUri, request.mongodbDb) };
    case "empty-connect-one-port":
      return { main: await startEmptyConnectOnePortServer() };
    case "empty-connect-h2c":
      return { main: await startEmptyConnectH2cServer() };
    case "empty-grpc-js":
      return { main: await startEmptyGrpcJsServer() };
    case "empty-grpc-js-adapter":
      return { main: await startEmptyGrpcJsAdapterServer() };
    case "empty-raw-http2":
      return { main: await startEmptyRawHttp2Server() };
  }
}
