/**
 * The Node.js client of the signature store: `createSignatureClient(baseUrl, options)`
 * over Connect (binary or JSON), gRPC or gRPC-Web, built on @connectrpc/connect-node.
 * Browsers use `./browser.js` (package export "./client/browser").
 */
import { createClient, type Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import { SignatureService } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import { type CommonClientOptions, headerInterceptors, type SignatureClient } from "./client-options.js";

export interface SignatureClientOptions extends CommonClientOptions {
  /** The wire protocol; "connect" by default. All three are served on the service's one port. */
  readonly protocol?: "connect" | "grpc" | "grpc-web";
  /**
   * HTTP version of Connect and gRPC-Web calls: "1.1" (the default) or "2"
   * (cleartext HTTP/2 with prior knowledge on http:// URLs). gRPC always uses HTTP/2.
   */
  readonly httpVersion?: "1.1" | "2";
}

/** A client of the service at `baseUrl` (e.g. "http://127.0.0.1:8080"). */
export function createSignatureClient(baseUrl: string, options: SignatureClientOptions = {}): SignatureClient {
  return createClient(SignatureService, createSignatureTransport(baseUrl, options));
}

/** The transport createSignatureClient uses, for callers who build clients themselves. */
export function createSignatureTransport(baseUrl: string, options: SignatureClientOptions = {}): Transport {
  const common = {
    baseUrl,
    interceptors: headerInterceptors(options),
    ...(options.timeoutMs === undefined ? {} : { defaultTimeoutMs: options.timeoutMs }),
  };
  const useBinaryFormat = options.format !== "json";
  const httpVersion = options.httpVersion ?? "1.1";
  switch (options.protocol ?? "connect") {
    case "connect":
      return createConnectTransport({ ...common, httpVersion, useBinaryFormat });
    case "grpc-web":
      return createGrpcWebTransport({ ...common, httpVersion, useBinaryFormat });
    case "grpc":
      if (options.format === "json") throw new Error("createSignatureClient: the gRPC protocol is binary only");
      return createGrpcTransport({ ...common });
    default:
      throw new Error(`createSignatureClient: unknown protocol ${String(options.protocol)}`);
  }
}

export { Code, ConnectError } from "@connectrpc/connect";
export * from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
export { type CommonClientOptions, errorInfoOf, type SignatureClient } from "./client-options.js";
