import { randomUUID } from "node:crypto";
import type { Db, MongoClient } from "mongodb";
import { readConfig } from "../../src/config.js";
import { createMongoClient } from "../../src/database/open-database.js";
import { startEmbeddedEngine, type EmbeddedEngine } from "../../src/database/embedded-engine.js";
import { engineLogLines } from "../../src/database/engine-log.js";

/** The one engine every measurement of a run uses, and a throw-away database on it. */
export interface BenchDatabase {
  /** For the server child, which opens its own connection pool as the service does. */
  readonly uri: string;
  /** Which engine, for the report. */
  readonly description: string;
  /** A database of this run only; dropped by close(). */
  readonly db: Db;
  readonly client: MongoClient;
  close(): Promise<void>;
}

/**
 * MONGODB_URI when set (validated as the service validates it), else the
 * embedded engine the service itself would start, kept in memory.
 */
export async function openBenchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  const config = readConfig({ MONGODB_URI: process.env["MONGODB_URI"] });
  let engine: EmbeddedEngine | undefined;
  let uri = config.mongodbUri;
  let description = "MongoDB at MONGODB_URI";
  if (uri === undefined) {
    engine = await startEmbeddedEngine({ dataDir: undefined, log: engineLogLines(log) });
    uri = engine.uri;
    description = engine.description;
  }
  const client = createMongoClient(uri, 10_000);
  try {
    await client.connect();
  } catch (error) {
    await engine?.stop();
    throw error;
  }
  const db = client.db(`bench_${randomUUID().replaceAll("-", "")}`);
  return {
    uri,
    description,
    db,
    client,
    close: async () => {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
      await engine?.stop();
    },
  };
}
