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
  /**
   * For "signature-service": configuration variables (as src/config.ts reads
   * them) added to the bench's defaults, e.g. ENCRYPTION_KEYS for section 12.
   * Sent here rather than set in the child's environment because they may be
   * secrets, like the URI.
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * For "signature-service": count the store's appends and head reads with the
   * driver's command monitoring (see AppendCommandsRequest). It costs CPU per
   * command, so only a child whose CPU is not measured asks for it.
   */
  readonly countAppendCommands?: boolean;
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

/**
 * Parent → child (a signature service started with countAppendCommands): how
 * many appends (findAndModify on the records) and head reads (the append's
 * find of version and head) the store has sent so far.
 */
export interface AppendCommandsRequest {
  readonly type: "append-commands";
}

/** What AppendCommandsRequest answers: appends that found no head remembered (or a stale one) read it first. */
export interface AppendCommandCounts {
  readonly appends: number;
  readonly headReads: number;
}

export type ParentMessage = StartServerMessage | CpuUsageRequest | DriverGetRequest | AppendCommandsRequest;

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
  | { readonly type: "append-commands"; readonly counts: AppendCommandCounts }
  | { readonly type: "failed"; readonly message: string };
