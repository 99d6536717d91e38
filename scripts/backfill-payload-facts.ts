import { readConfig } from "../src/config.js";
import { openDatabase } from "../src/database/open-database.js";
import { createLogger } from "../src/logger.js";
import { backfillPayloadFacts } from "../src/store/payload-facts-backfill.js";

/*
 * `npm run backfill`: gives the versions saved before Save inspected payloads
 * their facts (format, SHA-256, signers, verification), so that Get shows them
 * and List finds those records by signer. Reads the service's own
 * configuration (MONGODB_URI, MONGODB_DB, MAX_RECORD_BYTES). Safe to run while
 * the service serves, and again after an interruption: it only reads what
 * still needs work. With the embedded engine (no MONGODB_URI), stop the
 * service first: its data file has one owner.
 */
const config = readConfig();
const log = createLogger(config.logLevel);
const database = await openDatabase(config, (level, message, fields) => log[level](fields ?? {}, message));
try {
  log.info({ database: database.description }, "backfill: giving stored versions their payload facts");
  const summary = await backfillPayloadFacts(database.db, {
    maxRecordBytes: config.maxRecordBytes,
    onProgress: (progress) => log.info(progress, "backfill: progress"),
  });
  log.info(summary, "backfill: done");
  if (config.encryption !== undefined && summary.filled > 0) {
    // The backfill writes facts and signer index values as a plaintext save would; reencrypt seals and hashes them.
    log.warn(
      { filled: summary.filled },
      "backfill: encryption at rest is on: run `npm run reencrypt` now to encrypt the facts just written",
    );
  }
  if (summary.tooLarge > 0) {
    log.warn({ tooLarge: summary.tooLarge }, "backfill: some versions were left without facts: their records' histories are full");
  }
} finally {
  await database.close();
}
