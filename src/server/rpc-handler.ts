import http2 from "node:http2";
import { Code, ConnectError, createConnectRouter, createContextKey, createContextValues, type HandlerContext } from "@connectrpc/connect";
import { createAsyncIterable, encodeEnvelope, readAllBytes, type UniversalServerResponse } from "@connectrpc/connect/protocol";
import {
  codeToHttpStatus,
  endStreamFlag,
  endStreamToJson,
  errorFromJsonBytes,
  errorToJsonBytes,
} from "@connectrpc/connect/protocol-connect";
import { setTrailerStatus } from "@connectrpc/connect/protocol-grpc";
import { trailerFlag, trailerParse, trailerSerialize } from "@connectrpc/connect/protocol-grpc-web";
import {
  compressionBrotli,
  compressionGzip,
  universalRequestFromNodeRequest,
  universalResponseToNodeResponse,
} from "@connectrpc/connect-node";
import type { HostedService } from "./hosted-service.js";
import type { NodeHandler, NodeRequest, NodeResponse } from "./node-handler.js";

type AnyImpl = (input: unknown, context: HandlerContext) => unknown;

/** A call that ended before or outside the implementation, for logs and metrics. */
export interface RefusedCall {
  /** "/package.Service/Method" */
  readonly procedure: string;
  /** connect, grpc or grpc-web */
  readonly protocol: string;
  readonly error: ConnectError;
}

export interface RpcHandlerOptions {
  /** The services to serve over Connect, gRPC and gRPC-Web. */
  readonly services: readonly HostedService[];
  /** Largest request message in bytes. */
  readonly readMaxBytes: number;
  /** Answers every request whose path is not an RPC. */
  readonly fallback: NodeHandler;
  /** Hears of every call answered here rather than by the implementation (the middleware never saw it). */
  readonly onRefused?: (call: RefusedCall) => void;
}

/** Set on the request's context values; the implementation marks it when a call reaches it. */
const progressKey = createContextKey<{ reached: boolean } | undefined>(undefined, { description: "the call reached its implementation" });

type Protocol = "grpc" | "grpc-web" | "connect" | "connect-stream";

/**
 * The Connect router (Connect, gRPC, gRPC-Web) on node:http and node:http2, as
 * connect-node's connectNodeAdapter mounts it, with two guarantees that adapter
 * lacks:
 * - A request that fails before it reaches the implementation failed because of
 *   what the client sent (a body that is not a valid message, bad compression):
 *   it gets INVALID_ARGUMENT. connect-es reports a protobuf binary decoding
 *   failure as INTERNAL, which tells a client to blame the server.
 * - Every stream gets an answer. When Connect fails to write one (seen: a JSON
 *   body holding a lone surrogate made its percent-encoding of grpc-message
 *   throw, and the stream hung open), the call gets a status from here or,
 *   once its headers are out, a reset.
 */
export function createRpcHandler(options: RpcHandlerOptions): NodeHandler {
  const router = createConnectRouter({ readMaxBytes: options.readMaxBytes, acceptCompression: [compressionGzip, compressionBrotli] });
  for (const service of options.services) router.service(service.desc, marking(service));
  const handlers = new Map(router.handlers.map((handler) => [handler.requestPath, handler]));

  return (request, response) => {
    const handler = handlers.get(request.url?.split("?", 1)[0] ?? "");
    if (handler === undefined) return options.fallback(request, response);
    const progress = { reached: false };
    const call = universalRequestFromNodeRequest(request, response, undefined, createContextValues().set(progressKey, progress));
    const protocol = protocolOf(request);
    const procedure = `/${handler.service.typeName}/${handler.method.name}`;
    const refused = (error: ConnectError): void => options.onRefused?.({ procedure, protocol: protocol.replace("-stream", ""), error });
    handler(call)
      .then(async (answer) => {
        if (!progress.reached) {
          const read = await failureOf(answer, protocol);
          answer = read.answer;
          const failure = read.error;
          if (failure !== undefined) {
            const error = failure.code === Code.Internal ? undecodable(failure.rawMessage) : failure;
            refused(error);
            answer = errorAnswer(protocol, request, error);
          }
        }
        await universalResponseToNodeResponse(answer, response);
      })
      .catch(async (reason: unknown) => {
        const error = progress.reached
          ? new ConnectError("internal error", Code.Internal, undefined, undefined, reason)
          : undecodable(reason instanceof Error ? reason.message : String(reason));
        refused(error);
        if (response.headersSent || response.writableEnded) return reset(response);
        await universalResponseToNodeResponse(errorAnswer(protocol, request, error), response).catch(() => reset(response));
      });
  };
}

/** The service with every method marking the call's progress before it runs. */
function marking(service: HostedService): HostedService["impl"] {
  const impl: Record<string, AnyImpl> = {};
  for (const method of service.desc.methods) {
    const original = (service.impl as Record<string, AnyImpl | undefined>)[method.localName];
    if (original === undefined) continue;
    impl[method.localName] = (input, context) => {
      const progress = context.values.get(progressKey);
      if (progress !== undefined) progress.reached = true;
      return original.call(service.impl, input, context);
    };
  }
  return impl as unknown as HostedService["impl"];
}

function protocolOf(request: NodeRequest): Protocol {
  const type = request.headers["content-type"] ?? "";
  if (type.startsWith("application/grpc-web")) return "grpc-web";
  if (type.startsWith("application/grpc")) return "grpc";
  if (type.startsWith("application/connect+")) return "connect-stream";
  return "connect";
}

function undecodable(reason: string): ConnectError {
  return new ConnectError(`the request could not be decoded: ${reason}`, Code.InvalidArgument);
}

/**
 * The error a response Connect made carries, if any. Only answers made before
 * the implementation ran are read: they are small (no message was written).
 */
async function failureOf(
  answer: UniversalServerResponse,
  protocol: Protocol,
): Promise<{ answer: UniversalServerResponse; error?: ConnectError | undefined }> {
  switch (protocol) {
    case "grpc":
      return { answer, error: statusError(new Headers(answer.trailer)) };
    case "grpc-web": {
      const body = await bodyBytes(answer);
      const isTrailer = body.byteLength >= 5 && (body[0]! & trailerFlag) === trailerFlag;
      return {
        answer: { ...answer, body: createAsyncIterable([body]) },
        error: isTrailer ? statusError(trailerParse(body.subarray(5))) : undefined,
      };
    }
    case "connect": {
      if (answer.status < 400) return { answer };
      const body = await bodyBytes(answer);
      let error: ConnectError | undefined;
      try {
        error = errorFromJsonBytes(body, undefined, new ConnectError("", Code.Unknown));
      } catch {
        error = undefined; // not a Connect error body (e.g. an empty 415)
      }
      return { answer: { ...answer, body: createAsyncIterable([body]) }, error };
    }
    case "connect-stream":
      return { answer }; // streaming calls reach their implementation before their input is read
  }
}

/** The error a gRPC trailer holds, if its status is not OK. */
function statusError(trailer: Headers): ConnectError | undefined {
  const status = Number(trailer.get("grpc-status") ?? 0);
  return status === 0 ? undefined : new ConnectError(decodeMessage(trailer.get("grpc-message")), status as Code);
}

async function bodyBytes(answer: UniversalServerResponse): Promise<Uint8Array> {
  if (answer.body === undefined) return new Uint8Array(0);
  return readAllBytes(answer.body, Number.MAX_SAFE_INTEGER);
}

function decodeMessage(encoded: string | null): string {
  try {
    return decodeURIComponent(encoded ?? "");
  } catch {
    return encoded ?? "";
  }
}

/** An error response in the request's protocol. */
function errorAnswer(protocol: Protocol, request: NodeRequest, error: ConnectError): UniversalServerResponse {
  // An unpaired surrogate cannot be percent-encoded or written as UTF-8.
  const safe = new ConnectError(error.rawMessage.replace(/\p{Surrogate}/gu, "\uFFFD"), error.code, error.metadata);
  const json = (request.headers["content-type"] ?? "").endsWith("json");
  switch (protocol) {
    case "grpc": {
      const trailer = new Headers();
      setTrailerStatus(trailer, safe);
      return { status: 200, header: new Headers({ "content-type": json ? "application/grpc+json" : "application/grpc+proto" }), trailer };
    }
    case "grpc-web": {
      const trailer = new Headers();
      setTrailerStatus(trailer, safe);
      return {
        status: 200,
        header: new Headers({ "content-type": json ? "application/grpc-web+json" : "application/grpc-web+proto" }),
        body: createAsyncIterable([encodeEnvelope(trailerFlag, trailerSerialize(trailer))]),
      };
    }
    case "connect":
      return {
        status: codeToHttpStatus(safe.code),
        header: new Headers({ "content-type": "application/json" }),
        body: createAsyncIterable([errorToJsonBytes(safe, {})]),
      };
    case "connect-stream": {
      const end = new TextEncoder().encode(JSON.stringify(endStreamToJson(new Headers(), safe, {})));
      return {
        status: 200,
        header: new Headers({ "content-type": json ? "application/connect+json" : "application/connect+proto" }),
        body: createAsyncIterable([encodeEnvelope(endStreamFlag, end)]),
      };
    }
  }
}

/** Ends a call whose answer cannot be completed: HTTP/2 resets the stream, HTTP/1.1 drops the connection. */
function reset(response: NodeResponse): void {
  if ("stream" in response) response.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
  else response.destroy();
}
