import { readConfig } from "./config.js";
import { createSignatureApp } from "./app.js";
import { openDatabase } from "./database.js";
import { createLogger } from "./logger.js";
import { createSignatureServer } from "./server.js";

/** Reads the configuration, opens the database, serves, and stops cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const log = createLogger();
  const config = readConfig();
  const database = await openDatabase(config, (line) => log.warn(line));
  log.info({ database: database.description }, "database connected");
  const server = createSignatureServer({
    host: config.host,
    port: config.port,
    handler: (await createSignatureApp(config, database.db, log)).handler,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
  });
  const address = await server.listen();
  log.info({ address: `${address.address}:${address.port}` }, `listening on ${address.address}:${address.port}`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: finishing in-flight calls");
    await server.close();
    await database.close();
    log.info("stopped");
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, "stop failed");
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  // Start-up failures (bad configuration, no database) end the process with the reason.
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
