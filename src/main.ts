import { readConfig } from "./config.js";
import { openDatabase } from "./database/open-database.js";
import { onUnrecoverable } from "./health/liveness.js";
import { createLogger } from "./logger.js";
import { startService } from "./server/start-servers.js";

/** Reads the configuration, opens the database, serves, and stops cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config.logLevel);
  if (config.tokens.length === 0 && !isLoopback(config.host)) {
    log.warn(
      { host: config.host },
      "AUTHENTICATION IS OFF on a non-loopback address: anyone who can reach this port can read, write and delete signatures. Set AUTH_TOKENS or AUTH_TOKENS_FILE.",
    );
  }
  const database = await openDatabase(config, (level, message, fields) => log[level](fields ?? {}, message));
  log.info({ database: database.description }, "database connected");
  const service = await startService(config, database.db, log);
  const { address, grpcPort } = service;
  const scheme = config.tls === undefined ? "http" : "https";
  log.info(
    { address: `${address.address}:${address.port}`, tls: config.tls !== undefined, auth: config.tokens.length > 0 },
    `listening on ${scheme}://${address.address}:${address.port}`,
  );
  if (grpcPort !== undefined) {
    log.info({ grpcAddress: `${config.host}:${grpcPort}` }, `gRPC (grpc-js) listening on ${config.host}:${grpcPort}`);
  }

  // A safety net: a promise some library forgot to handle must not take every in-flight call down with it.
  process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled rejection"));

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: finishing in-flight calls");
    await service.close();
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
  // The embedded engine died for good: /healthz answers 503 from now on; stop and
  // exit non-zero so whatever supervises this process starts a fresh one.
  onUnrecoverable((error) => {
    log.fatal({ err: error }, "the process cannot recover: stopping");
    stop("unrecoverable").finally(() => process.exit(1));
  });
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}

main().catch((error: unknown) => {
  // Start-up failures (bad configuration, no database) end the process with the reason.
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
