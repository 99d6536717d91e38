import { type Db, MongoClient } from "mongodb";
import type { Config } from "../config.js";
import { reportUnrecoverable } from "../health/liveness.js";
import { type EmbeddedEngine, startEmbeddedEngine } from "./embedded-engine.js";
import type { EngineLog } from "./engine-log.js";

export interface Database {
  /** The connection string in use (an embedded engine's, or MONGODB_URI). */
  readonly uri: string;
  readonly client: MongoClient;
  /** The database named by MONGODB_DB. */
  readonly db: Db;
  /** Where the data lives, for the start-up log (never the credentials). */
  readonly description: string;
  /** Closes the client, then stops the embedded engine if one was started. */
  close(): Promise<void>;
}

/** What opening the database reads from the configuration; dataDir undefined keeps an embedded engine in memory. */
export type DatabaseSettings = Pick<Config, "mongodbUri" | "mongodbDb" | "mongodbTimeoutMs" | "embeddedEngine"> & {
  readonly dataDir: string | undefined;
};

/**
 * Connects to MONGODB_URI, or to an embedded engine started for this process
 * when it is unset (docs/database.md), and stops that engine again if the connection
 * fails. The one way the service, the tests and the benchmark open a database.
 * An embedded engine that dies and cannot be restarted makes the process
 * unrecoverable (liveness fails).
 */
export async function openDatabase(settings: DatabaseSettings, log: EngineLog): Promise<Database> {
  let engine: EmbeddedEngine | undefined;
  let uri = settings.mongodbUri;
  let description = "MongoDB at MONGODB_URI";
  if (uri === undefined) {
    engine = await startEmbeddedEngine({ dataDir: settings.dataDir, kind: settings.embeddedEngine, log });
    engine.onFailure(reportUnrecoverable);
    uri = engine.uri;
    description = engine.description;
  }
  const client = createMongoClient(uri, settings.mongodbTimeoutMs);
  try {
    await client.connect();
  } catch (error) {
    await engine?.stop();
    throw error;
  }
  return {
    uri,
    client,
    db: client.db(settings.mongodbDb),
    description,
    close: async () => {
      await client.close();
      await engine?.stop();
    },
  };
}

/**
 * A client that gives up on an unreachable database after timeoutMs instead
 * of the driver's 30 s, and whose acknowledged writes are durable (docs/operations.md, Durability):
 * journaled (`j`), and on a replica set on a majority of members, so neither a
 * crash of mongod nor a failover takes back a save the service confirmed.
 * A standalone mongod treats "majority" as itself; the local engine ignores
 * the write concern and commits before it answers instead.
 */
export function createMongoClient(uri: string, timeoutMs: number): MongoClient {
  return new MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    appName: "ncanode-signature-store",
    // The driver's own check of each server every 2 s (default 10 s): a server that stops
    // answering is marked unknown within seconds, which lets calls fail fast (known-outage.ts).
    heartbeatFrequencyMS: 2000,
    // Optional fields left undefined (a signer without signing time) are left out, not stored as null.
    ignoreUndefined: true,
    writeConcern: { w: "majority", journal: true },
  });
}
