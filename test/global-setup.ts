import type { TestProject } from "vitest/node";
import { readConfig } from "../src/config.js";
import { startEmbeddedEngine, type EmbeddedEngine } from "../src/database/embedded-engine.js";
import { engineLogLines } from "../src/database/engine-log.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The database every test file connects to (each file uses a database of its own). */
    mongoUri: string;
    /** Which engine that is, for the log and for the closing report. */
    engineDescription: string;
  }
}

/**
 * One engine for the whole run, chosen as the service chooses it (SPEC §4):
 * MONGODB_URI when set, else mongodb-memory-server, else the local
 * MongoDB-wire server in memory.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let engine: EmbeddedEngine | undefined;
  let uri = process.env["MONGODB_URI"];
  let description = "MongoDB at MONGODB_URI";
  if (uri === undefined || uri === "") {
    // EMBEDDED_ENGINE as the service reads it: "auto" skips a doomed mongod download at once.
    const { embeddedEngine } = readConfig({ EMBEDDED_ENGINE: process.env["EMBEDDED_ENGINE"] });
    engine = await startEmbeddedEngine({ dataDir: undefined, kind: embeddedEngine, log: engineLogLines((line) => console.warn(line)) });
    uri = engine.uri;
    description = engine.description;
  }
  console.log(`tests run on: ${description}`);
  project.provide("mongoUri", uri);
  project.provide("engineDescription", description);
  return async () => {
    await engine?.stop();
  };
}
