import { startLocalWireServer } from "./local-wire-server.js";
import { startMemoryServer } from "./memory-server.js";

/** A MongoDB-compatible server this process started and owns. */
export interface EmbeddedEngine {
  /** Connection string for the driver. */
  readonly uri: string;
  /** What runs, for the log: "mongodb-memory-server (mongod 8.2.6)" or "local MongoDB-wire server (...)". */
  readonly description: string;
  stop(): Promise<void>;
}

export interface EmbeddedEngineOptions {
  /** Folder for the engine's data; undefined keeps everything in memory (tests). */
  readonly dataDir: string | undefined;
  /** Receives one line per engine tried. */
  readonly log: (line: string) => void;
}

export class NoEmbeddedEngineError extends Error {
  override name = "NoEmbeddedEngineError";
}

/**
 * The default database when MONGODB_URI is unset (SPEC §4): a real mongod from
 * mongodb-memory-server, else the project's local MongoDB-wire server, else a
 * clear error.
 */
export async function startEmbeddedEngine(options: EmbeddedEngineOptions): Promise<EmbeddedEngine> {
  const failures: string[] = [];
  for (const start of [startMemoryServer, startLocalWireServer]) {
    try {
      return await start(options.dataDir);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      failures.push(reason ?? "unknown");
      options.log(`embedded engine unavailable: ${reason}`);
    }
  }
  throw new NoEmbeddedEngineError(
    `no embedded MongoDB could be started (${failures.join("; ")}); set MONGODB_URI to a MongoDB >= 6.0`,
  );
}
