import { create, type DescMessage, fromBinary, type MessageShape, toBinary } from "@bufbuild/protobuf";
import { type CallOptions, type Client, type Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import * as grpc from "@grpc/grpc-js";
import { StatusSchema } from "../../gen/ts/google/rpc/status_pb.js";
import { SignatureService } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";

export type SignatureClient = Client<typeof SignatureService>;

/** Where a test server listens: the main port, and the grpc-js port when it runs one. */
export interface Endpoints {
  readonly baseUrl: string;
  readonly grpcBaseUrl?: string;
}

function grpcPortOf(at: Endpoints): string {
  if (at.grpcBaseUrl === undefined) throw new Error("this server runs no gRPC port");
  return at.grpcBaseUrl;
}

/** Every way a client can reach the service, on the main port and on the grpc-js port, by name. */
export const protocols = {
  "Connect JSON (HTTP/1.1)": (at: Endpoints) =>
    createClient(SignatureService, createConnectTransport({ baseUrl: at.baseUrl, httpVersion: "1.1", useBinaryFormat: false })),
  "Connect binary (HTTP/2)": (at: Endpoints) =>
    createClient(SignatureService, createConnectTransport({ baseUrl: at.baseUrl, httpVersion: "2", useBinaryFormat: true })),
  "gRPC (connect-node client)": (at: Endpoints) => createClient(SignatureService, createGrpcTransport({ baseUrl: at.baseUrl })),
  "gRPC-Web (HTTP/1.1)": (at: Endpoints) =>
    createClient(SignatureService, createGrpcWebTransport({ baseUrl: at.baseUrl, httpVersion: "1.1", useBinaryFormat: true })),
  "gRPC (@grpc/grpc-js client)": (at: Endpoints) => createGrpcJsClient(at.baseUrl),
  "gRPC port (@grpc/grpc-js client)": (at: Endpoints) => createGrpcJsClient(grpcPortOf(at)),
  "gRPC port (connect-node client)": (at: Endpoints) => createClient(SignatureService, createGrpcTransport({ baseUrl: grpcPortOf(at) })),
} satisfies Record<string, (at: Endpoints) => SignatureClient>;

export type ProtocolName = keyof typeof protocols;

/**
 * An independent gRPC client: @grpc/grpc-js speaks the transport, protobuf-es
 * only encodes the messages. Its errors are turned into ConnectErrors with the
 * google.rpc.Status details decoded from grpc-status-details-bin, so tests
 * assert on them the same way for every protocol.
 */
function createGrpcJsClient(baseUrl: string): SignatureClient {
  const definition: Record<string, grpc.MethodDefinition<MessageShape<DescMessage>, MessageShape<DescMessage>>> = {};
  for (const method of SignatureService.methods) {
    definition[method.localName] = {
      path: `/${SignatureService.typeName}/${method.name}`,
      requestStream: false,
      responseStream: false,
      requestSerialize: (message: MessageShape<DescMessage>) => Buffer.from(toBinary(method.input, message)),
      requestDeserialize: (bytes: Buffer) => fromBinary(method.input, bytes),
      responseSerialize: (message: MessageShape<DescMessage>) => Buffer.from(toBinary(method.output, message)),
      responseDeserialize: (bytes: Buffer) => fromBinary(method.output, bytes),
    };
  }
  const Constructor = grpc.makeGenericClientConstructor(definition, SignatureService.typeName);
  const client = new Constructor(new URL(baseUrl).host, grpc.credentials.createInsecure());
  const facade: Record<string, unknown> = {};
  for (const method of SignatureService.methods) {
    facade[method.localName] = (request: Record<string, unknown>, options?: CallOptions) =>
      new Promise((resolve, reject) => {
        const metadata = new grpc.Metadata();
        new Headers(options?.headers).forEach((value, key) => {
          metadata.set(key, value);
        });
        const callOptions: grpc.CallOptions = options?.timeoutMs === undefined ? {} : { deadline: Date.now() + options.timeoutMs };
        const call = client[method.localName] as (
          request: unknown,
          metadata: grpc.Metadata,
          options: grpc.CallOptions,
          callback: (error: grpc.ServiceError | null, response: unknown) => void,
        ) => grpc.ClientUnaryCall;
        const pending = call.call(client, create(method.input, request), metadata, callOptions, (error, response) =>
          error === null ? resolve(response) : reject(toConnectError(error)),
        );
        options?.signal?.addEventListener("abort", () => pending.cancel());
      });
  }
  return facade as unknown as SignatureClient;
}

function toConnectError(error: grpc.ServiceError): ConnectError {
  const connectError = new ConnectError(error.details, error.code as number as Code);
  const [statusBytes] = error.metadata.get("grpc-status-details-bin");
  if (statusBytes instanceof Buffer) {
    const status = fromBinary(StatusSchema, statusBytes);
    connectError.details = status.details.map((any) => ({
      type: any.typeUrl.slice(any.typeUrl.lastIndexOf("/") + 1),
      value: any.value,
    }));
  }
  return connectError;
}
