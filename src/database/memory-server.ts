import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { MongoInstanceEvents } from "mongodb-memory-server-core/lib/util/MongoInstance.js";
import type { EmbeddedEngine } from "./embedded-engine.js";

/**
 * A real mongod run by mongodb-memory-server: taken from MONGOMS_SYSTEM_BINARY
 * or downloaded on first use (which fails within seconds on offline machines).
 */
export async function startMemoryServer(dataDir: string | undefined): Promise<EmbeddedEngine> {
  const { MongoBinary, MongoMemoryServer } = await import("mongodb-memory-server-core");
  // Resolved (downloaded if need be) before the server starts: a failed start
  // prints its error with a stack to the console itself, a failed getPath only throws.
  await MongoBinary.getPath();
  const dbPath = dataDir === undefined ? undefined : path.resolve(dataDir, "mongod");
  if (dbPath !== undefined) await mkdir(dbPath, { recursive: true });
  const server = await MongoMemoryServer.create({
    instance: dbPath === undefined ? {} : { dbPath, storageEngine: "wiredTiger" },
  });
  // mongodb-memory-server does not restart a mongod that dies: the process is then
  // unrecoverable, and its listeners (liveness) make it exit for its supervisor to restart.
  const listeners: Array<(error: Error) => void> = [];
  let stopping = false;
  server.instanceInfo?.instance.once("instanceClosed" as MongoInstanceEvents, (code: number | null, signal: string | null) => {
    if (stopping) return;
    const error = new Error(`mongod exited unexpectedly (code ${code}, signal ${signal})`);
    for (const listener of listeners) listener(error);
  });
  return {
    uri: server.getUri(),
    description: `mongodb-memory-server (a real mongod${dbPath === undefined ? ", in memory" : `, data in ${dbPath}`})`,
    onFailure: (listener) => void listeners.push(listener),
    stop: async () => {
      stopping = true;
      await server.stop({ doCleanup: dbPath === undefined });
    },
  };
}
