import { readConfig } from "./config.js";
import { createSignatureApp } from "./app.js";
import { openDatabase } from "./database.js";
import { createLogger } from "./logger.js";
import { startServers } from "./servers.js";

/** Reads the configuration, opens the database, serves, and stops cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const log = createLogger();
  const config = readConfig();
  const database = await openDatabase(config, (line) => log.warn(line));
  log.info({ database: database.description }, "database connected");
  const servers = await startServers(config, await createSignatureApp(config, database.db, log));
  const { address, grpcPort } = servers;
  log.info({ address: `${address.address}:${address.port}` }, `listening on ${address.address}:${address.port}`);
  if (grpcPort !== undefined) {
    log.info({ grpcAddress: `${config.host}:${grpcPort}` }, `gRPC (grpc-js) listening on ${config.host}:${grpcPort}`);
  }

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: finishing in-flight calls");
    await servers.close();
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
