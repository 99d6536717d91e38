import type { TestProject } from "vitest/node";
import { readConfig } from "../src/config.js";
import { engineLogLines } from "../src/database/engine-log.js";
import { openDatabase } from "../src/database/open-database.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The database every test file connects to (each file uses a database of its own). */
    mongoUri: string;
    /** Which engine that is, for the log and for the closing report. */
    engineDescription: string;
  }
}

/**
 * One engine for the whole run, opened as the service opens it (docs/database.md):
 * MONGODB_URI when set, else mongodb-memory-server, else the local
 * MongoDB-wire server in memory.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // MONGODB_URI and EMBEDDED_ENGINE as the service reads them ("auto" skips a doomed mongod download at once).
  const config = readConfig({ MONGODB_URI: process.env["MONGODB_URI"], EMBEDDED_ENGINE: process.env["EMBEDDED_ENGINE"] });
  const database = await openDatabase(
    { ...config, dataDir: undefined },
    engineLogLines((line) => console.warn(line)),
  );
  console.log(`tests run on: ${database.description}`);
  project.provide("mongoUri", database.uri);
  project.provide("engineDescription", database.description);
  return () => database.close();
}
