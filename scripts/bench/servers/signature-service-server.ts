import { pino } from "pino";
import { createSignatureApp } from "../../../src/app.js";
import { readConfig } from "../../../src/config.js";
import { createMongoClient } from "../../../src/database.js";
import { createSignatureServer } from "../../../src/server.js";

/**
 * The real service exactly as src/main.ts wires it (createSignatureApp behind
 * the one-port server), on a database the bench process has seeded.
 * Resolves with the bound port.
 */
export async function startSignatureServiceServer(mongodbUri: string, mongodbDb: string): Promise<number> {
  // Defaults for everything else (payload limits, locale), as a plain deployment has them.
  const config = readConfig({ PORT: "0", MONGODB_DB: mongodbDb, MONGODB_TIMEOUT_MS: "10000" });
  // Errors only, and on stderr: the bench's stdout holds the report.
  const log = pino({ level: "error", base: { service: "signature-store-bench" } }, pino.destination(2));
  const client = createMongoClient(mongodbUri, config.mongodbTimeoutMs);
  await client.connect();
  const server = createSignatureServer({
    host: "127.0.0.1",
    port: 0,
    handler: (await createSignatureApp(config, client.db(config.mongodbDb), log)).handler,
    shutdownTimeoutMs: 0,
  });
  return (await server.listen()).port;
}
