import { parseArgs } from "node:util";
import { readConfig } from "../src/config.js";
import { openDatabase } from "../src/database/open-database.js";
import { auditChains } from "../src/integrity/chain-audit.js";
import { createLogger } from "../src/logger.js";
import { createMongoSignatureStore } from "../src/store/mongo-signature-store.js";

/*
 * `npm run verify-chains [-- --after-id=N]`: recomputes every record's hash
 * chain and names each record whose stored versions were altered. Reads the
 * service's own configuration (MONGODB_URI, MONGODB_DB). Safe while the
 * service serves (it only reads). Progress lines carry `lastId`; after an
 * interruption, `--after-id` with the last one printed resumes there. Exits 1
 * when any chain is broken, 2 on bad arguments.
 */
let afterId: number | undefined;
try {
  const { values } = parseArgs({ options: { "after-id": { type: "string" } }, strict: true });
  const raw = values["after-id"];
  if (raw !== undefined) {
    afterId = Number(raw);
    if (!Number.isSafeInteger(afterId) || afterId < 0) throw new Error(`--after-id must be a record id (a whole number), got "${raw}"`);
  }
} catch (error) {
  console.error(`verify-chains: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const config = readConfig();
const log = createLogger(config.logLevel);
const database = await openDatabase(config, (level, message, fields) => log[level](fields ?? {}, message));
let broken = 0;
try {
  log.info({ database: database.description, afterId }, "verify-chains: checking every record's hash chain");
  const store = createMongoSignatureStore({ db: database.db, maxRecordBytes: config.maxRecordBytes });
  const summary = await auditChains(database.db, store, {
    ...(afterId === undefined ? {} : { afterId }),
    onProgress: (progress) => log.info(progress, "verify-chains: progress"),
    onBroken: (record) => log.error(record, "verify-chains: broken chain"),
  });
  broken = summary.broken;
  log.info(summary, "verify-chains: done");
} finally {
  await database.close();
}
process.exit(broken > 0 ? 1 : 0);
