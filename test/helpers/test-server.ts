import { randomUUID } from "node:crypto";
import type { MongoClient } from "mongodb";
import { inject } from "vitest";
import { createSignatureApp } from "../../src/app.js";
import { readConfig, type Config } from "../../src/config.js";
import { createMongoClient } from "../../src/database/open-database.js";
import { createLogger } from "../../src/logger.js";
import { startServers } from "../../src/server/start-servers.js";

export interface TestServer {
  /** The main port, e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  /** The dedicated gRPC (grpc-js) port. */
  readonly grpcBaseUrl: string;
  readonly port: number;
  /** The dedicated gRPC (grpc-js) port's number. */
  readonly grpcPort: number;
  readonly config: Config;
  /** The driver client the server uses. */
  readonly client: MongoClient;
  /** Stops the server, drops its database and closes the client. */
  close(): Promise<void>;
}

/**
 * The real service on a free port of 127.0.0.1 against the run's database,
 * in a database of its own. `env` overrides configuration variables.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  mongoUri = inject("mongoUri"),
  log = createLogger(process.env["LOG_LEVEL"] ?? "warn"),
): Promise<TestServer> {
  const config = readConfig({
    PORT: "0",
    GRPC_PORT: "0",
    MONGODB_DB: `test_${randomUUID().replaceAll("-", "")}`,
    MONGODB_TIMEOUT_MS: "2000",
    SHUTDOWN_TIMEOUT_MS: "5000",
    ...env,
  });
  const client = createMongoClient(mongoUri, config.mongodbTimeoutMs);
  await client.connect();
  const app = await createSignatureApp(config, client.db(config.mongodbDb), log);
  const servers = await startServers(config, app);
  const scheme = config.tls === undefined ? "http" : "https";
  return {
    baseUrl: `${scheme}://127.0.0.1:${servers.address.port}`,
    grpcBaseUrl: `${scheme}://127.0.0.1:${servers.grpcPort}`,
    port: servers.address.port,
    grpcPort: servers.grpcPort ?? 0,
    config,
    client,
    close: async () => {
      await app.close();
      await servers.close();
      await client.db(config.mongodbDb).dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}
