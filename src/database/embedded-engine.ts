import type { EngineLog } from "./engine-log.js";
import { startMemoryServer } from "./memory-server.js";
import { mongodObtainable } from "./mongod-availability.js";
import { startSupervisedLocalWireServer } from "./supervised-local-wire-server.js";

/** A MongoDB-compatible server this process started and owns. */
export interface EmbeddedEngine {
  /** Connection string for the driver. */
  readonly uri: string;
  /** What runs, for the log: "mongodb-memory-server (…)" or "local MongoDB-wire server (…, pid N)". */
  readonly description: string;
  /**
   * Hears, at most once, that the engine died and could not be brought back:
   * from then on the process cannot serve and should be restarted.
   */
  onFailure(listener: (error: Error) => void): void;
  stop(): Promise<void>;
}

/** Which embedded engine to run (EMBEDDED_ENGINE). */
type EmbeddedEngineKind = "auto" | "mongod" | "local";

export interface EmbeddedEngineOptions {
  /** Folder for the engine's data; undefined keeps everything in memory (tests). */
  readonly dataDir: string | undefined;
  /** "auto" (default): a real mongod when one can be had, else the local engine; or just one of them. */
  readonly kind?: EmbeddedEngineKind;
  /** Receives one line per fact: the engine chosen or skipped, its own log, its restarts. */
  readonly log: EngineLog;
}

class NoEmbeddedEngineError extends Error {
  override name = "NoEmbeddedEngineError";
}

/**
 * The default database when MONGODB_URI is unset (docs/database.md): a real mongod from
 * mongodb-memory-server, else the project's local MongoDB-wire server, else a
 * clear error.
 */
export async function startEmbeddedEngine(options: EmbeddedEngineOptions): Promise<EmbeddedEngine> {
  const { dataDir, log } = options;
  const kind = options.kind ?? "auto";
  const failures: string[] = [];
  if (kind !== "local") {
    const mongod = kind === "mongod" ? { obtainable: true, reason: "EMBEDDED_ENGINE=mongod" } : await mongodObtainable();
    if (mongod.obtainable) {
      try {
        return await startMemoryServer(dataDir);
      } catch (error) {
        failures.push(firstLine(error));
        log("warn", "mongodb-memory-server unavailable", { reason: firstLine(error) });
      }
    } else {
      log("info", "mongodb-memory-server skipped", { reason: mongod.reason });
    }
  }
  if (kind !== "mongod") {
    try {
      return await startSupervisedLocalWireServer({ dataDir, log });
    } catch (error) {
      failures.push(firstLine(error));
      log("warn", "local MongoDB-wire server unavailable", { reason: firstLine(error) });
    }
  }
  throw new NoEmbeddedEngineError(
    `no embedded MongoDB could be started (${failures.join("; ") || "none tried"}); set MONGODB_URI to a MongoDB >= 6.0`,
  );
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "unknown";
}
