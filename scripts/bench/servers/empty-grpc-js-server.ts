import { create } from "@bufbuild/protobuf";
import * as grpc from "@grpc/grpc-js";
import { GetResponseSchema } from "../../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import { signatureServiceDefinition } from "../grpc-method-definitions.js";

/** @grpc/grpc-js's own server answering Get with an empty message: another Node gRPC stack for comparison. */
export function startEmptyGrpcJsServer(): Promise<number> {
  const server = new grpc.Server();
  const empty = create(GetResponseSchema);
  server.addService(signatureServiceDefinition(), {
    get: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => callback(null, empty),
  });
  return new Promise((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) =>
      error === null ? resolve(port) : reject(error),
    );
  });
}
