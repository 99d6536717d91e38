import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import type { Db } from "mongodb";
import type { Logger } from "pino";
import { createSignatureApp, type SignatureApp } from "../app.js";
import type { Config, TlsFiles } from "../config.js";
import { routeGrpcJsLogs } from "../grpc-js/grpc-js-logging.js";
import { createGrpcServer } from "../grpc-js/grpc-server.js";
import { createOnePortServer, type TlsCredentials } from "./one-port-server.js";

interface RunningServers {
  /** The main port (every protocol). */
  readonly address: AddressInfo;
  /** The dedicated gRPC port, when GRPC_PORT is set. */
  readonly grpcPort: number | undefined;
  /** Stops both, each letting in-flight calls finish up to the shutdown timeout. */
  close(): Promise<void>;
}

export interface RunningService extends RunningServers {
  readonly app: SignatureApp;
}

/**
 * The app on its servers, as src/main.ts, the tests and the benchmark run it.
 * close() stops in order: the app first (health turns NOT_SERVING and its
 * Watch streams end), then the servers, which let in-flight calls finish.
 */
export async function startService(config: Config, db: Db, log: Logger): Promise<RunningService> {
  const app = await createSignatureApp(config, db, log);
  let servers: RunningServers;
  try {
    servers = await startServers(config, app);
  } catch (error) {
    await app.close();
    throw error;
  }
  return {
    ...servers,
    app,
    close: async () => {
      await app.close();
      await servers.close();
    },
  };
}

/** Starts the main port and, when configured, the gRPC port, both serving the app's services. */
async function startServers(config: Config, app: SignatureApp): Promise<RunningServers> {
  const tls = await readTlsCredentials(config.tls);
  const limits = {
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    maxConcurrentStreams: config.maxConcurrentStreams,
    idleTimeoutMs: config.idleTimeoutMs,
    tls,
  };
  const main = createOnePortServer({ host: config.host, port: config.port, handler: app.handler, ...limits });
  const grpc =
    config.grpcPort === undefined
      ? undefined
      : createGrpcServer({
          host: config.host,
          port: config.grpcPort,
          services: app.services,
          maxReceiveMessageBytes: app.readMaxBytes,
          onRefused: app.onRefused,
          ...limits,
        });
  if (grpc !== undefined) routeGrpcJsLogs(app.log);
  const address = await main.listen();
  let grpcPort: number | undefined;
  try {
    grpcPort = await grpc?.listen();
  } catch (error) {
    await main.close();
    throw error;
  }
  return {
    address,
    grpcPort,
    close: async () => {
      await Promise.all([main.close(), grpc?.close()]);
    },
  };
}

async function readTlsCredentials(files: TlsFiles | undefined): Promise<TlsCredentials | undefined> {
  if (files === undefined) return undefined;
  const [cert, key, clientCa] = await Promise.all([
    readFile(files.certFile),
    readFile(files.keyFile),
    files.clientCaFile === undefined ? undefined : readFile(files.clientCaFile),
  ]);
  return { cert, key, clientCa };
}
