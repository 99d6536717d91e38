import { create, fromBinary, toBinary, type DescMessage, type DescMethod, type MessageShape } from "@bufbuild/protobuf";
import { Code, ConnectError, createHandlerContext, type HandlerContext } from "@connectrpc/connect";
import * as grpc from "@grpc/grpc-js";
import type { HostedService } from "../hosted-service.js";
import { asConnectError, headersOf, metadataOf, toGrpcStatus } from "./grpc-status.js";

type Message = MessageShape<DescMessage>;
type AnyCall = grpc.ServerUnaryCall<Message, Message> | grpc.ServerWritableStream<Message, Message> | grpc.ServerReadableStream<Message, Message> | grpc.ServerDuplexStream<Message, Message>;
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
      requestSerialize: (message) => Buffer.from(toBinary(method.input, message)),
      requestDeserialize: (bytes) => fromBinary(method.input, bytes),
      responseSerialize: (message) => Buffer.from(toBinary(method.output, message)),
      responseDeserialize: (bytes) => fromBinary(method.output, bytes),
    };
    const impl = (service.impl as Record<string, AnyImpl | undefined>)[method.localName];
    implementation[method.localName] = handlerFor(service, method, impl?.bind(service.impl));
  }
  return { definition: definition as grpc.ServiceDefinition, implementation };
}

function handlerFor(service: HostedService, method: DescMethod, impl: AnyImpl | undefined): grpc.UntypedHandleCall {
  const unimplemented = { code: grpc.status.UNIMPLEMENTED, details: `${service.desc.typeName}.${method.name} is not implemented` };
  switch (method.methodKind) {
    case "unary":
      return (call: grpc.ServerUnaryCall<Message, Message>, callback: grpc.sendUnaryData<Message>) => {
        if (impl === undefined) return callback(unimplemented);
        const context = contextOf(service, method, call);
        answer(method, call, context, impl(call.request, context), callback);
      };
    case "server_streaming":
      return (call: grpc.ServerWritableStream<Message, Message>) => {
        if (impl === undefined) {
          call.emit("error", unimplemented);
          return;
        }
        void stream(method, call, contextOf(service, method, call), (context) => impl(call.request, context));
      };
    case "bidi_streaming":
      return (call: grpc.ServerDuplexStream<Message, Message>) => {
        if (impl === undefined) {
          call.emit("error", unimplemented);
          return;
        }
        void stream(method, call, contextOf(service, method, call), (context) => impl(requestsOf(call), context));
      };
    case "client_streaming":
      return (call: grpc.ServerReadableStream<Message, Message>, callback: grpc.sendUnaryData<Message>) => {
        if (impl === undefined) return callback(unimplemented);
        const context = contextOf(service, method, call);
        answer(method, call, context, impl(requestsOf(call), context), callback);
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
function answer(
  method: DescMethod,
  call: AnyCall,
  context: HandlerContext & { abort(reason?: unknown): void },
  result: unknown,
  callback: grpc.sendUnaryData<Message>,
): void {
  Promise.resolve(result).then(
    (output) => {
      sendHeaders(call, context);
      callback(null, create(method.output, output as Message), metadataOf(context.responseTrailer));
      context.abort();
    },
    (error: unknown) => {
      callback(toGrpcStatus(asConnectError(error), context.responseTrailer));
      context.abort();
    },
  );
}

/** Runs a streaming implementation, writing each output, then ends the call with OK or the error's status. */
async function stream(
  method: DescMethod,
  call: grpc.ServerWritableStream<Message, Message> | grpc.ServerDuplexStream<Message, Message>,
  context: HandlerContext & { abort(reason?: unknown): void },
  run: (context: HandlerContext) => unknown,
): Promise<void> {
  try {
    for await (const output of run(context) as AsyncIterable<Message>) {
      sendHeaders(call, context);
      if (!call.write(create(method.output, output))) await new Promise((resolve) => call.once("drain", resolve));
    }
    sendHeaders(call, context);
    call.end(metadataOf(context.responseTrailer));
  } catch (error) {
    if (!call.cancelled) call.emit("error", toGrpcStatus(asConnectError(error), context.responseTrailer));
  } finally {
    context.abort();
  }
}

const headersSent = new WeakSet<object>();

/** Sends the implementation's response headers once, before the first message or the status. */
function sendHeaders(call: AnyCall, context: HandlerContext): void {
  if (headersSent.has(call)) return;
  headersSent.add(call);
  let any = false;
  context.responseHeader.forEach(() => (any = true));
  if (any) call.sendMetadata(metadataOf(context.responseHeader));
}

/** The HandlerContext of a grpc-js call: its metadata, deadline and cancellation. */
function contextOf(service: HostedService, method: DescMethod, call: AnyCall) {
  const deadline = call.getDeadline();
  const deadlineMs = deadline instanceof Date ? deadline.getTime() : deadline;
  const cancelled = new AbortController();
  // grpc-js cancels the call itself when the deadline passes, usually before our own timer fires.
  (call as NodeJS.EventEmitter).once("cancelled", () =>
    cancelled.abort(
      Date.now() >= deadlineMs
        ? new ConnectError("the deadline was exceeded", Code.DeadlineExceeded)
        : new ConnectError("the client cancelled the call", Code.Canceled),
    ),
  );
  return createHandlerContext({
    service: service.desc,
    method,
    protocolName: "grpc",
    requestMethod: "POST",
    url: call.getPath(),
    requestHeader: headersOf(call.metadata),
    requestSignal: cancelled.signal,
    ...(Number.isFinite(deadlineMs) ? { timeoutMs: Math.max(0, deadlineMs - Date.now()) } : {}),
  });
}
