import { type DescFile, type DescService, fromBinary, toBinary } from "@bufbuild/protobuf";
import * as v1 from "../../gen/ts/grpc/reflection/v1/reflection_pb.js";
import * as v1alpha from "../../gen/ts/grpc/reflection/v1alpha/reflection_pb.js";
import { type HostedService, hosted } from "../server/hosted-service.js";
import { createDescriptorIndex } from "./descriptor-index.js";
import { answerReflectionRequest } from "./reflection-answer.js";

/**
 * gRPC server reflection, grpc.reflection.v1 and its original name
 * grpc.reflection.v1alpha, for the given services and files (with everything
 * they import). Both reflection services publish themselves too, so
 * `grpcurl list` shows them as every gRPC server does.
 */
export function createReflectionServices(publish: readonly (DescFile | DescService)[]): HostedService[] {
  const index = createDescriptorIndex([...publish, v1.ServerReflection, v1alpha.ServerReflection]);
  return [
    hosted(v1.ServerReflection, {
      async *serverReflectionInfo(requests) {
        for await (const request of requests) yield answerReflectionRequest(index, request);
      },
    }),
    // The same protocol on the wire: v1alpha messages are answered as their v1 twins.
    hosted(v1alpha.ServerReflection, {
      async *serverReflectionInfo(requests) {
        for await (const request of requests) {
          const asV1 = fromBinary(v1.ServerReflectionRequestSchema, toBinary(v1alpha.ServerReflectionRequestSchema, request));
          const answer = answerReflectionRequest(index, asV1);
          yield fromBinary(v1alpha.ServerReflectionResponseSchema, toBinary(v1.ServerReflectionResponseSchema, answer));
        }
      },
    }),
  ];
}
