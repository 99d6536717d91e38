import { randomUUID } from "node:crypto";
import type { MongoClient } from "mongodb";
import { inject } from "vitest";
import { type Config, readConfig } from "../../src/config.js";
import { openDatabase } from "../../src/database/open-database.js";
import { createLogger } from "../../src/logger.js";
import { startService } from "../../src/server/start-servers.js";

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
  /** Stops the server and closes the client, leaving the database to another server that shares it (MONGODB_DB). */
  stop(): Promise<void>;
}

/**
 * The real service on a free port of 127.0.0.1 against the run's database,
 * in a database of its own, opened and started as src/main.ts does it. `env` overrides configuration variables.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  mongoUri = inject("mongoUri"),
  log = createLogger(process.env["LOG_LEVEL"] ?? "warn"),
): Promise<TestServer> {
  const config = readConfig({
    MONGODB_URI: mongoUri,
    PORT: "0",
    GRPC_PORT: "0",
    MONGODB_DB: `test_${randomUUID().replaceAll("-", "")}`,
    MONGODB_TIMEOUT_MS: "2000",
    // Most tests exercise versioning with short stand-in payloads; the payload tests turn this off.
    ACCEPT_UNRECOGNISED_PAYLOADS: "true",
    SHUTDOWN_TIMEOUT_MS: "5000",
    // The sharded CI job (.github/workflows/ci.yml) shards each test server's new database through mongos.
    SHARD_COLLECTIONS: process.env["SHARD_COLLECTIONS"],
    ...env,
  });
  const database = await openDatabase({ ...config, dataDir: undefined }, () => undefined);
  const service = await startService(config, database.db, log);
  const scheme = config.tls === undefined ? "http" : "https";
  return {
    baseUrl: `${scheme}://127.0.0.1:${service.address.port}`,
    grpcBaseUrl: `${scheme}://127.0.0.1:${service.grpcPort}`,
    port: service.address.port,
    grpcPort: service.grpcPort ?? 0,
    config,
    client: database.client,
    close: async () => {
      await service.close();
      await database.db.dropDatabase().catch(() => undefined);
      await database.close();
    },
    stop: async () => {
      await service.close();
      await database.close();
    },
  };
}
