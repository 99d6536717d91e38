import { type Config, readConfig } from "../src/config.js";
import { openDatabase } from "../src/database/open-database.js";
import { createLogger } from "../src/logger.js";
import { reencryptVersions } from "../src/store/version-reencryption.js";

/*
 * `npm run reencrypt`: brings every stored version under the newest data key
 * (the last of ENCRYPTION_KEYS_FILE then ENCRYPTION_KEYS): versions saved before
 * encryption was turned on are encrypted, versions under older keys re-encrypted,
 * and clear signer index values replaced by their keyed hashes. Reads the
 * service's own configuration. Safe to run while the service serves, and again
 * after an interruption: it only reads what still needs work. Once it reports
 * no unreadable or skipped versions, the older keys can be removed (docs/operations.md, Keys).
 * With the embedded engine (no MONGODB_URI), stop the service first: its data file has one owner.
 */
const config = readOrExit();
const log = createLogger(config.logLevel);
if (config.encryption === undefined) {
  log.fatal("reencrypt: no keys configured: set ENCRYPTION_KEYS or ENCRYPTION_KEYS_FILE, and ENCRYPTION_INDEX_KEY");
  process.exit(1);
}
const currentKey = config.encryption.dataKeys.at(-1)?.id;
const database = await openDatabase(config, (level, message, fields) => log[level](fields ?? {}, message));
try {
  log.info({ database: database.description, currentKey }, "reencrypt: bringing every version under the current key");
  const summary = await reencryptVersions(database.db, {
    encryption: config.encryption,
    onProgress: (progress) => log.info(progress, "reencrypt: progress"),
  });
  log.info({ ...summary, currentKey }, "reencrypt: done");
  if (summary.unreadable > 0) {
    log.warn(
      { unreadable: summary.unreadable },
      "reencrypt: some versions are under a key that is not configured, or do not decrypt: they were left as they are",
    );
  }
  if (summary.skipped > 0) {
    log.warn({ skipped: summary.skipped }, "reencrypt: some writes lost to concurrent saves or deletes: run it again");
  }
  process.exitCode = summary.unreadable > 0 ? 2 : 0;
} finally {
  await database.close();
}

/** The configuration, or the process ends with the reason (a malformed key names its variable) and no stack. */
function readOrExit(): Config {
  try {
    return readConfig();
  } catch (error) {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exit(1);
  }
}
