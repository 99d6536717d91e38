import { create, type DescFile, type MessageInitShape } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import {
  type ServerReflectionRequest,
  type ServerReflectionResponse,
  ServerReflectionResponseSchema,
} from "../../gen/ts/grpc/reflection/v1/reflection_pb.js";
import type { DescriptorIndex } from "./descriptor-index.js";

type Answer = NonNullable<MessageInitShape<typeof ServerReflectionResponseSchema>["messageResponse"]>;

/** The response to one request of the reflection stream (grpc.reflection.v1 messages). */
export function answerReflectionRequest(index: DescriptorIndex, request: ServerReflectionRequest): ServerReflectionResponse {
  return create(ServerReflectionResponseSchema, {
    validHost: request.host,
    originalRequest: request,
    messageResponse: answer(index, request.messageRequest),
  });
}

function answer(index: DescriptorIndex, question: ServerReflectionRequest["messageRequest"]): Answer {
  switch (question.case) {
    case "listServices":
      return {
        case: "listServicesResponse",
        value: { service: index.serviceNames.map((name) => ({ name })) },
      };
    case "fileByFilename":
      return files(index, index.fileByName(question.value), `file "${question.value}" not found`);
    case "fileContainingSymbol":
      return files(index, index.fileContainingSymbol(question.value), `symbol "${question.value}" not found`);
    case "fileContainingExtension": {
      const { containingType, extensionNumber } = question.value;
      return files(
        index,
        index.fileContainingExtension(containingType, extensionNumber),
        `extension ${extensionNumber} of "${containingType}" not found`,
      );
    }
    case "allExtensionNumbersOfType": {
      const numbers = index.extensionNumbersOf(question.value);
      return numbers === undefined
        ? error(Code.NotFound, `type "${question.value}" not found`)
        : { case: "allExtensionNumbersResponse", value: { baseTypeName: question.value, extensionNumber: numbers } };
    }
    case undefined:
      return error(Code.InvalidArgument, "the request names no question");
  }
}

function files(index: DescriptorIndex, file: DescFile | undefined, notFound: string): Answer {
  return file === undefined
    ? error(Code.NotFound, notFound)
    : { case: "fileDescriptorResponse", value: { fileDescriptorProto: index.serializedWithDependencies(file) } };
}

function error(code: Code, message: string): Answer {
  // connect's Code enum has the gRPC status numbers.
  return { case: "errorResponse", value: { errorCode: code, errorMessage: message } };
}
