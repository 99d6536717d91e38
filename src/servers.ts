import type { AddressInfo } from "node:net";
import type { SignatureApp } from "./app.js";
import type { Config } from "./config.js";
import { createGrpcServer } from "./grpc-server.js";
import { createSignatureServer } from "./server.js";

export interface RunningServers {
  /** The main port (every protocol). */
  readonly address: AddressInfo;
  /** The dedicated gRPC port, when GRPC_PORT is set. */
  readonly grpcPort: number | undefined;
  /** Stops both, each letting in-flight calls finish up to the shutdown timeout. */
  close(): Promise<void>;
}

/** Starts the main port and, when configured, the gRPC port, both serving the app's services. */
export async function startServers(config: Config, app: SignatureApp): Promise<RunningServers> {
  const main = createSignatureServer({
    host: config.host,
    port: config.port,
    handler: app.handler,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
  });
  const grpc =
    config.grpcPort === undefined
      ? undefined
      : createGrpcServer({
          host: config.host,
          port: config.grpcPort,
          services: app.services,
          maxReceiveMessageBytes: app.readMaxBytes,
          shutdownTimeoutMs: config.shutdownTimeoutMs,
        });
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
