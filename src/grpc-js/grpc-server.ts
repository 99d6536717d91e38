import { type Code, ConnectError } from "@connectrpc/connect";
import * as grpc from "@grpc/grpc-js";
import type { HostedService } from "../server/hosted-service.js";
import type { TlsCredentials } from "../server/one-port-server.js";
import type { RefusedCall } from "../server/rpc-handler.js";
import { clientErrorInterceptor } from "./client-error-interceptor.js";
import { toGrpcJsService } from "./grpc-js-service.js";

export interface GrpcServerOptions {
  /** Address to listen on. */
  readonly host: string;
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /** The services to host (the same list the main port serves). */
  readonly services: readonly HostedService[];
  /** Largest request message in bytes. */
  readonly maxReceiveMessageBytes: number;
  /** How long in-flight calls may take to finish on close() before they are cancelled. */
  readonly shutdownTimeoutMs: number;
  /** Streams one connection may have open at once. Default 100. */
  readonly maxConcurrentStreams?: number;
  /** A connection idle this long is closed. Default 300000. */
  readonly idleTimeoutMs?: number;
  /** Serve TLS (mutual when clientCa is given). Default: cleartext. */
  readonly tls?: TlsCredentials | undefined;
  /** Hears of every call grpc-js answered before the service saw it (logs, metrics). Default: nobody. */
  readonly onRefused?: ((call: RefusedCall) => void) | undefined;
}

export interface GrpcServer {
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops accepting, lets in-flight calls finish (up to the timeout), then cancels the rest. */
  close(): Promise<void>;
}

/**
 * The dedicated gRPC port: the same services hosted by @grpc/grpc-js on native
 * sockets, for gRPC clients that want the most calls per core (docs/operations.md, Which port).
 */
export function createGrpcServer(options: GrpcServerOptions): GrpcServer {
  const server = new grpc.Server({
    "grpc.max_receive_message_length": options.maxReceiveMessageBytes,
    "grpc.max_send_message_length": -1,
    "grpc.max_concurrent_streams": options.maxConcurrentStreams ?? 100,
    "grpc.max_connection_idle_ms": options.idleTimeoutMs ?? 300_000,
    interceptors: [
      clientErrorInterceptor(({ procedure, code, details }) =>
        options.onRefused?.({ procedure, protocol: "grpc", error: new ConnectError(details, code as number as Code) }),
      ),
    ],
  });
  const { tls } = options;
  const credentials =
    tls === undefined
      ? grpc.ServerCredentials.createInsecure()
      : grpc.ServerCredentials.createSsl(
          tls.clientCa ?? null,
          [{ private_key: tls.key, cert_chain: tls.cert }],
          tls.clientCa !== undefined,
        );
  for (const service of options.services) {
    const { definition, implementation } = toGrpcJsService(service);
    server.addService(definition, implementation);
  }
  return {
    listen: () =>
      new Promise((resolve, reject) => {
        const address = options.host.includes(":") ? `[${options.host}]:${options.port}` : `${options.host}:${options.port}`;
        server.bindAsync(address, credentials, (error, port) => (error === null ? resolve(port) : reject(error)));
      }),
    close: () =>
      new Promise((resolve) => {
        const force = setTimeout(() => server.forceShutdown(), options.shutdownTimeoutMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
