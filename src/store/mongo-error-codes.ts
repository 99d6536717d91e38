import { MongoNetworkError, MongoNotConnectedError, MongoServerError, MongoServerSelectionError, MongoTopologyClosedError } from "mongodb";
import { StoreUnavailableError } from "./signature-store.js";

/** MongoDB server error codes this store reacts to. */
const MongoErrorCode = Object.freeze({
  DUPLICATE_KEY: 11000,
  SHUTDOWN_IN_PROGRESS: 91,
  HOST_UNREACHABLE: 6,
  HOST_NOT_FOUND: 7,
  NETWORK_TIMEOUT: 89,
  PRIMARY_STEPPED_DOWN: 189,
  NOT_WRITABLE_PRIMARY: 10107,
  NOT_PRIMARY_NO_SECONDARY_OK: 13435,
  NOT_PRIMARY_OR_SECONDARY: 13436,
  INTERRUPTED_AT_SHUTDOWN: 11600,
  INTERRUPTED_DUE_TO_REPL_STATE_CHANGE: 11602,
});

/** Server-side codes that mean "no usable server right now", not "your request is wrong". */
const unavailableCodes: ReadonlySet<number> = new Set([
  MongoErrorCode.SHUTDOWN_IN_PROGRESS,
  MongoErrorCode.HOST_UNREACHABLE,
  MongoErrorCode.HOST_NOT_FOUND,
  MongoErrorCode.NETWORK_TIMEOUT,
  MongoErrorCode.PRIMARY_STEPPED_DOWN,
  MongoErrorCode.NOT_WRITABLE_PRIMARY,
  MongoErrorCode.NOT_PRIMARY_NO_SECONDARY_OK,
  MongoErrorCode.NOT_PRIMARY_OR_SECONDARY,
  MongoErrorCode.INTERRUPTED_AT_SHUTDOWN,
  MongoErrorCode.INTERRUPTED_DUE_TO_REPL_STATE_CHANGE,
]);

/**
 * Socket errors the driver can let through unwrapped (seen: EPIPE from a write
 * to a connection the server side had just closed).
 */
const socketErrorCodes: ReadonlySet<string> = new Set([
  "EPIPE",
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
]);

export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === MongoErrorCode.DUPLICATE_KEY;
}

/**
 * The one place driver errors become domain errors: connectivity failures turn
 * into StoreUnavailableError (the original kept as cause); anything else is
 * returned unchanged and surfaces as an internal error.
 */
export function toStoreError(error: unknown): unknown {
  const unreachable =
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError ||
    (error instanceof MongoServerError && typeof error.code === "number" && unavailableCodes.has(error.code)) ||
    (error instanceof Error && "code" in error && typeof error.code === "string" && socketErrorCodes.has(error.code));
  return unreachable ? new StoreUnavailableError("database unreachable", { cause: error }) : error;
}
