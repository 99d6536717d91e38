import { create, type DescMessage, type DescMethod, fromBinary, type MessageShape, toBinary } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import * as grpc from "@grpc/grpc-js";
import type { HostedService } from "../server/hosted-service.js";
import { GrpcJsCallContext } from "./grpc-js-call-context.js";
import { asConnectError, toGrpcStatus } from "./grpc-status.js";

type Message = MessageShape<DescMessage>;
/** A method implementation of any kind, as a hosted service holds it. */
type AnyImpl = (input: unknown, context: HandlerContext) => unknown;

/**
 * A protobuf-es service and its Connect-style implementation as a grpc-js
 * service: the descriptor gives the paths and the protobuf-es codecs, the
 * implementation runs unchanged with a HandlerContext made from the call.
 */
export function toGrpcJsService(service: HostedService): {
  definition: grpc.ServiceDefinition;
  implementation: grpc.UntypedServiceImplementation;
} {
  const definition: Record<string, grpc.MethodDefinition<Message, Message>> = {};
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const method of service.desc.methods) {
    definition[method.localName] = {
      path: `/${service.desc.typeName}/${method.name}`,
      requestStream: method.methodKind === "client_streaming" || method.methodKind === "bidi_streaming",
      responseStream: method.methodKind === "server_streaming" || method.methodKind === "bidi_streaming",
      requestSerialize: (message) => asBuffer(toBinary(method.input, message)),
      requestDeserialize: (bytes) => fromBinary(method.input, bytes),
      responseSerialize: (message) => asBuffer(toBinary(method.output, message)),
      responseDeserialize: (bytes) => fromBinary(method.output, bytes),
    };
    const impl = (service.impl as Record<string, AnyImpl | undefined>)[method.localName];
    implementation[method.localName] = handlerFor(service, method, impl?.bind(service.impl));
  }
  return { definition: definition as grpc.ServiceDefinition, implementation };
}

/** The encoded bytes as the Buffer grpc-js wants, sharing their memory (Buffer.from(bytes) would copy them). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function handlerFor(service: HostedService, method: DescMethod, impl: AnyImpl | undefined): grpc.UntypedHandleCall {
  const unimplemented = { code: grpc.status.UNIMPLEMENTED, details: `${service.desc.typeName}.${method.name} is not implemented` };
  switch (method.methodKind) {
    case "unary":
      return (call: grpc.ServerUnaryCall<Message, Message>, callback: grpc.sendUnaryData<Message>) => {
        if (impl === undefined) return callback(unimplemented);
        const context = new GrpcJsCallContext(service.desc, method, call);
        answer(method, context, impl(call.request, context), callback);
      };
    case "server_streaming":
      return (call: grpc.ServerWritableStream<Message, Message>) => {
        if (impl === undefined) {
          call.emit("error", unimplemented);
          return;
        }
        void stream(method, call, new GrpcJsCallContext(service.desc, method, call), (context) => impl(call.request, context));
      };
    case "bidi_streaming":
      return (call: grpc.ServerDuplexStream<Message, Message>) => {
        if (impl === undefined) {
          call.emit("error", unimplemented);
          return;
        }
        void stream(method, call, new GrpcJsCallContext(service.desc, method, call), (context) => impl(requestsOf(call), context));
      };
    case "client_streaming":
      return (call: grpc.ServerReadableStream<Message, Message>, callback: grpc.sendUnaryData<Message>) => {
        if (impl === undefined) return callback(unimplemented);
        const context = new GrpcJsCallContext(service.desc, method, call);
        answer(method, context, impl(requestsOf(call), context), callback);
      };
  }
}

/**
 * The call's requests. A plain `for await` over the call would destroy the
 * stream when the requests end, and the status sent after the last response
 * would never leave; the iterator keeps the call open.
 */
function requestsOf(call: grpc.ServerReadableStream<Message, Message> | grpc.ServerDuplexStream<Message, Message>): AsyncIterable<Message> {
  return call.iterator({ destroyOnReturn: false }) as AsyncIterable<Message>;
}

/** Answers a call with a single response: the output with the trailers, or the error's status. */
function answer(method: DescMethod, context: GrpcJsCallContext, result: unknown, callback: grpc.sendUnaryData<Message>): void {
  const fail = (error: unknown): void => {
    context.finish();
    callback(toGrpcStatus(asConnectError(error), context.trailers()));
  };
  Promise.resolve(result).then((output) => {
    let response: Message;
    try {
      response = create(method.output, output as Message);
    } catch (error) {
      return fail(error); // an output that is not a valid message is an internal error, not a crash
    }
    context.finish();
    context.sendHeaders();
    callback(null, response, context.trailers());
  }, fail);
}

/** Runs a streaming implementation, writing each output, then ends the call with OK or the error's status. */
async function stream(
  method: DescMethod,
  call: grpc.ServerWritableStream<Message, Message> | grpc.ServerDuplexStream<Message, Message>,
  context: GrpcJsCallContext,
  run: (context: HandlerContext) => unknown,
): Promise<void> {
  try {
    for await (const output of run(context) as AsyncIterable<Message>) {
      context.sendHeaders();
      if (!call.write(create(method.output, output))) await new Promise((resolve) => call.once("drain", resolve));
    }
    context.finish();
    context.sendHeaders();
    call.end(context.trailers());
  } catch (error) {
    context.finish();
    if (!call.cancelled) call.emit("error", toGrpcStatus(asConnectError(error), context.trailers()));
  }
}
