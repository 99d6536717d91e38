import { randomUUID } from "node:crypto";
import type { Db, MongoClient } from "mongodb";
import { readConfig } from "../../src/config.js";
import { engineLogLines } from "../../src/database/engine-log.js";
import { openDatabase } from "../../src/database/open-database.js";

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
  const config = readConfig({
    MONGODB_URI: process.env["MONGODB_URI"],
    MONGODB_DB: `bench_${randomUUID().replaceAll("-", "")}`,
    MONGODB_TIMEOUT_MS: "10000",
  });
  const database = await openDatabase({ ...config, dataDir: undefined }, engineLogLines(log));
  return {
    uri: database.uri,
    description: database.description,
    db: database.db,
    client: database.client,
    close: async () => {
      await database.db.dropDatabase().catch(() => undefined);
      await database.close();
    },
  };
}
