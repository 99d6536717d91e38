/**
 * The browser client of the signature store: `createSignatureClient(baseUrl, options)`
 * over Connect (binary or JSON) or gRPC-Web, built on @connectrpc/connect-web (fetch).
 * Cross-origin pages need the service's CORS_ORIGINS to name their origin.
 */
import { createClient, type Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-web";
import { SignatureService } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import { type CommonClientOptions, headerInterceptors, type SignatureClient } from "./client-options.js";

export interface BrowserSignatureClientOptions extends CommonClientOptions {
  /** The wire protocol; "connect" by default. Browsers cannot speak plain gRPC. */
  readonly protocol?: "connect" | "grpc-web";
  /** Sends side-effect-free calls (Get, List, ListVersions) as cacheable GET requests. Connect only. */
  readonly useHttpGet?: boolean;
  /** The fetch to use; globalThis.fetch by default. */
  readonly fetch?: typeof globalThis.fetch;
}

/** A client of the service at `baseUrl` (e.g. "https://signatures.example.com"). */
export function createSignatureClient(baseUrl: string, options: BrowserSignatureClientOptions = {}): SignatureClient {
  return createClient(SignatureService, createSignatureTransport(baseUrl, options));
}

/** The transport createSignatureClient uses, for callers who build clients themselves. */
export function createSignatureTransport(baseUrl: string, options: BrowserSignatureClientOptions = {}): Transport {
  const common = {
    baseUrl,
    interceptors: headerInterceptors(options),
    useBinaryFormat: options.format !== "json",
    ...(options.timeoutMs === undefined ? {} : { defaultTimeoutMs: options.timeoutMs }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
  switch (options.protocol ?? "connect") {
    case "connect":
      return createConnectTransport({ ...common, ...(options.useHttpGet === undefined ? {} : { useHttpGet: options.useHttpGet }) });
    case "grpc-web":
      return createGrpcWebTransport(common);
    default:
      throw new Error(`createSignatureClient: unknown protocol ${String(options.protocol)}`);
  }
}

export { Code, ConnectError } from "@connectrpc/connect";
export * from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
export { type CommonClientOptions, errorInfoOf, type SignatureClient } from "./client-options.js";
