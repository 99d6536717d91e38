import { SignatureService } from "../../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import { createGrpcServer } from "../../../src/grpc-js/grpc-server.js";
import { hosted } from "../../../src/server/hosted-service.js";

/** grpc-js's default receive limit, as the plain grpc-js server of the comparison has it. */
const maxReceiveMessageBytes = 4 * 1024 * 1024;

/**
 * The dedicated gRPC port with nothing behind it: @grpc/grpc-js hosting a
 * SignatureService whose Get answers an empty message, through our adapter
 * (createGrpcServer → toGrpcJsService: protobuf-es codecs, a HandlerContext
 * per call). Against the plain grpc-js server this is the adapter's own cost.
 */
export async function startEmptyGrpcJsAdapterServer(): Promise<number> {
  const server = createGrpcServer({
    host: "127.0.0.1",
    port: 0,
    services: [hosted(SignatureService, { get: () => ({}) })],
    maxReceiveMessageBytes,
    shutdownTimeoutMs: 0,
  });
  return server.listen();
}
