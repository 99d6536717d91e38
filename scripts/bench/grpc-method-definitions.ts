import { type DescMessage, type DescMethod, fromBinary, type MessageShape, toBinary } from "@bufbuild/protobuf";
import type * as grpc from "@grpc/grpc-js";
import { SignatureService } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";

export type AnyMessage = MessageShape<DescMessage>;
export type GrpcMethodDefinition = grpc.MethodDefinition<AnyMessage, AnyMessage>;

/**
 * A method as @grpc/grpc-js sees it: its path and (de)serializers. The
 * messages are encoded by protobuf-es from our generated schemas, so neither
 * side needs proto-loader or a second code generator.
 */
export function grpcMethodDefinition(method: DescMethod): GrpcMethodDefinition {
  return {
    path: `/${method.parent.typeName}/${method.name}`,
    requestStream: false,
    responseStream: false,
    requestSerialize: (message: AnyMessage) => Buffer.from(toBinary(method.input, message)),
    requestDeserialize: (bytes: Buffer) => fromBinary(method.input, bytes),
    responseSerialize: (message: AnyMessage) => Buffer.from(toBinary(method.output, message)),
    responseDeserialize: (bytes: Buffer) => fromBinary(method.output, bytes),
  };
}

/** Every method of SignatureService by its local name ("get", "save", ...), for grpc.Server#addService. */
export function signatureServiceDefinition(): Record<string, GrpcMethodDefinition> {
  return Object.fromEntries(SignatureService.methods.map((method) => [method.localName, grpcMethodDefinition(method)]));
}
