/**
 * The service's configuration: the only reader of process.env. Every value is
 * validated once at start-up; a bad value stops the process with a message
 * that names the variable.
 */
export interface Config {
  /** HOST: address to listen on. Default 127.0.0.1 (set 0.0.0.0 in containers). */
  readonly host: string;
  /** PORT: the one port for HTTP/1.1 and cleartext HTTP/2. Default 8080; 0 picks a free port. */
  readonly port: number;
  /**
   * GRPC_PORT: a second port where @grpc/grpc-js serves the same services to gRPC
   * clients only, at several times fewer CPU µs per call. Unset (the default): off,
   * every protocol is served on PORT. 0 picks a free port.
   */
  readonly grpcPort: number | undefined;
  /** MONGODB_URI: the production database. Unset: an embedded engine is started (see README). */
  readonly mongodbUri: string | undefined;
  /** MONGODB_DB: database name. Default "signatures". */
  readonly mongodbDb: string;
  /** MONGODB_TIMEOUT_MS: how long an operation waits for a reachable database before UNAVAILABLE. Default 5000. */
  readonly mongodbTimeoutMs: number;
  /** DATA_DIR: where embedded engines keep their data. Default "./data". */
  readonly dataDir: string;
  /** MAX_CMS_BYTES: largest payload (cms) of one version, in UTF-8 bytes. Default 1 MiB. */
  readonly maxCmsBytes: number;
  /** MAX_RECORD_BYTES: largest history a record may reach; a save beyond it is refused. Default 15 MiB (MongoDB's document limit is 16 MiB). */
  readonly maxRecordBytes: number;
  /** DEFAULT_LOCALE: language of error messages when a request names none (en, ru, kz). Default "en". */
  readonly defaultLocale: Locale;
  /** SHUTDOWN_TIMEOUT_MS: how long in-flight calls may take to finish on SIGTERM/SIGINT. Default 10000. */
  readonly shutdownTimeoutMs: number;
}

export const locales = ["en", "ru", "kz"] as const;
export type Locale = (typeof locales)[number];

const mebibyte = 1024 * 1024;
/** Headroom under MongoDB's 16 MiB BSON limit for a record's non-history fields. */
const maxRecordBytesCeiling = 15.5 * mebibyte;

export class ConfigError extends Error {
  override name = "ConfigError";
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates the configuration from an environment (process.env by default). */
export function readConfig(env: Env = process.env): Config {
  const maxCmsBytes = integer(env, "MAX_CMS_BYTES", mebibyte, 1, 8 * mebibyte);
  const maxRecordBytes = integer(env, "MAX_RECORD_BYTES", 15 * mebibyte, 1024, maxRecordBytesCeiling);
  if (maxRecordBytes < maxCmsBytes) {
    throw new ConfigError("MAX_RECORD_BYTES must be at least MAX_CMS_BYTES");
  }
  return Object.freeze({
    host: text(env, "HOST", "127.0.0.1"),
    port: integer(env, "PORT", 8080, 0, 65535),
    grpcPort: env["GRPC_PORT"]?.trim() ? integer(env, "GRPC_PORT", 0, 0, 65535) : undefined,
    mongodbUri: mongodbUri(env),
    mongodbDb: text(env, "MONGODB_DB", "signatures"),
    mongodbTimeoutMs: integer(env, "MONGODB_TIMEOUT_MS", 5000, 100, 600_000),
    dataDir: text(env, "DATA_DIR", "./data"),
    maxCmsBytes,
    maxRecordBytes,
    defaultLocale: locale(env, "DEFAULT_LOCALE"),
    shutdownTimeoutMs: integer(env, "SHUTDOWN_TIMEOUT_MS", 10_000, 0, 600_000),
  });
}

function text(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? fallback : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") {
    return fallback;
  }
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function mongodbUri(env: Env): string | undefined {
  const raw = env["MONGODB_URI"]?.trim();
  if (raw === undefined || raw === "") {
    return undefined;
  }
  if (!/^mongodb(\+srv)?:\/\//.test(raw)) {
    throw new ConfigError('MONGODB_URI must start with "mongodb://" or "mongodb+srv://"');
  }
  return raw;
}

function locale(env: Env, name: string): Locale {
  const raw = text(env, name, "en");
  const found = locales.find((l) => l === raw);
  if (found === undefined) {
    throw new ConfigError(`${name} must be one of ${locales.join(", ")}, got "${raw}"`);
  }
  return found;
}
