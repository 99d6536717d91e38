import { readConfig } from "../src/config.js";
import { openDatabase } from "../src/database/open-database.js";
import { createLogger } from "../src/logger.js";
import { repairVersionArchive } from "../src/store/version-archive-repair.js";

/*
 * `npm run repair-versions`: completes moves of old versions out of records
 * that a crash cut short (versions left in both places) and removes the moved
 * versions of records whose delete was cut short (src/store/version-archive-repair.ts).
 * Reads the service's own configuration (MONGODB_URI, MONGODB_DB). Safe while
 * the service serves, and to run again. With the embedded engine, stop the
 * service first: its data file has one owner.
 */
const config = readConfig();
const log = createLogger(config.logLevel);
const database = await openDatabase(config, (level, message, fields) => log[level](fields ?? {}, message));
try {
  const summary = await repairVersionArchive(database.db);
  log.info(summary, "repair-versions: done");
} finally {
  await database.close();
}
