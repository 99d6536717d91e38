import { MongoClient, type Db } from "mongodb";
import type { Config } from "./config.js";
import { startEmbeddedEngine, type EmbeddedEngine } from "./engine/embedded-engine.js";

export interface Database {
  readonly db: Db;
  /** Where the data lives, for the start-up log (never the credentials). */
  readonly description: string;
  close(): Promise<void>;
}

/**
 * Connects to MONGODB_URI, or to an embedded engine started for this process
 * when it is unset (SPEC §4).
 */
export async function openDatabase(config: Config, log: (line: string) => void): Promise<Database> {
  let engine: EmbeddedEngine | undefined;
  let uri = config.mongodbUri;
  let description = "MongoDB at MONGODB_URI";
  if (uri === undefined) {
    engine = await startEmbeddedEngine({ dataDir: config.dataDir, log });
    uri = engine.uri;
    description = engine.description;
  }
  const client = createMongoClient(uri, config.mongodbTimeoutMs);
  try {
    await client.connect();
  } catch (error) {
    await engine?.stop();
    throw error;
  }
  return {
    db: client.db(config.mongodbDb),
    description,
    close: async () => {
      await client.close();
      await engine?.stop();
    },
  };
}

/** A client that gives up on an unreachable database after timeoutMs instead of the driver's 30 s. */
export function createMongoClient(uri: string, timeoutMs: number): MongoClient {
  return new MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    appName: "ncanode-signature-store",
  });
}
