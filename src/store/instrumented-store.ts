import { toStoreError } from "./mongo-error-codes.js";
import { type SignatureStore, StoreUnavailableError } from "./signature-store.js";

/** Receives one store operation: its name ("get", "append", …), seconds taken, and whether it failed. */
export type OperationObserver = (operation: string, seconds: number, failed: boolean) => void;

export interface StoreInstrumentation {
  /** Hears of every operation's duration and outcome (for metrics). Default: nobody. */
  readonly observe?: OperationObserver | undefined;
  /**
   * Whether the database is known to be down (its health monitor's last ping
   * failed): operations then fail at once with StoreUnavailableError instead of
   * each waiting for the driver's server selection timeout. Default: never.
   */
  readonly knownDown?: (() => boolean) | undefined;
}

/**
 * The store with every operation timed for the observer, failing fast while the
 * database is known down, and its driver errors turned into domain errors in
 * one place (toStoreError).
 */
export function instrumentStore(store: SignatureStore, options: StoreInstrumentation): SignatureStore {
  const { observe, knownDown } = options;
  async function run<T>(operation: string, body: () => Promise<T>): Promise<T> {
    const started = performance.now();
    let failed = false;
    try {
      if (knownDown?.() === true) throw new StoreUnavailableError("database unreachable (failed its last health ping)");
      return await body();
    } catch (error) {
      failed = true;
      throw toStoreError(error);
    } finally {
      observe?.(operation, (performance.now() - started) / 1000, failed);
    }
  }
  return {
    get: (key, version, call) => run("get", () => store.get(key, version, call)),
    currentVersion: (key, call) => run("currentVersion", () => store.currentVersion(key, call)),
    idOf: (key, call) => run("idOf", () => store.idOf(key, call)),
    parentOf: (id, call) => run("parentOf", () => store.parentOf(id, call)),
    create: (key, first, changes, call) => run("create", () => store.create(key, first, changes, call)),
    append: (key, expected, next, changes, call) => run("append", () => store.append(key, expected, next, changes, call)),
    delete: (key, call) => run("delete", () => store.delete(key, call)),
    list: (query, call) => run("list", () => store.list(query, call)),
    listVersions: (key, offset, limit, includeCms, call) =>
      run("listVersions", () => store.listVersions(key, offset, limit, includeCms, call)),
  };
}
