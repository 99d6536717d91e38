/**
 * The messages between the bench process and a server child process, over
 * the IPC channel of child_process.fork (never argv or env: the MongoDB URI
 * may hold credentials).
 */

/** The servers a child process can run. */
export const serverKinds = [
  "signature-service",
  "empty-connect-one-port",
  "empty-connect-h2c",
  "empty-grpc-js",
  "empty-grpc-js-adapter",
  "empty-raw-http2",
  "fastify-rest",
] as const;
export type ServerKind = (typeof serverKinds)[number];

/** Parent → child: what to serve. Sent once, right after fork. */
export interface StartServerMessage {
  readonly type: "start";
  readonly kind: ServerKind;
  /** For "signature-service" and "fastify-rest" (each opens its own connection pool). */
  readonly mongodbUri?: string;
  readonly mongodbDb?: string;
}

/** Parent → child: report your cumulative CPU time. */
export interface CpuUsageRequest {
  readonly type: "cpu-usage";
}

/**
 * Parent → child (signature service only): issue the store's Get query with the
 * driver from inside the server process, to measure its CPU cost there.
 */
export interface DriverGetRequest {
  readonly type: "driver-get";
  readonly seconds: number;
  readonly concurrency: number;
  /** Calls started per second at most (see createCallPacer); default: as fast as they return. */
  readonly callsPerSecond?: number | undefined;
  readonly records: readonly { readonly document: string; readonly thread: string }[];
}

export type ParentMessage = StartServerMessage | CpuUsageRequest | DriverGetRequest;

/**
 * Where a started server listens. Every server has a main port; the signature
 * service also serves its dedicated gRPC port (grpc-js, GRPC_PORT) and the app's
 * handler on a plain node:http2 server (h2c, no sniffing).
 */
export interface ServerPorts {
  readonly main: number;
  readonly grpc?: number;
  readonly h2c?: number;
}

export type ChildMessage =
  | { readonly type: "listening"; readonly ports: ServerPorts }
  | { readonly type: "cpu-usage"; readonly usage: NodeJS.CpuUsage }
  | { readonly type: "driver-get"; readonly calls: number; readonly cpuMicros: number }
  | { readonly type: "failed"; readonly message: string };
