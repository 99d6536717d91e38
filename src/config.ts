import { existsSync, readFileSync } from "node:fs";
import { type Locale, locales } from "./messages/locales.js";
import { type AccessToken, type Scope, scopes } from "./middleware/access-token.js";
import { type DataKey, decodeDataKey, decodeKey, type EncryptionKeys } from "./store/encryption-keys.js";

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
  /**
   * SHARD_COLLECTIONS: "true" shards the collections on their documented keys at
   * start-up (enableSharding, shardCollection; idempotent) when MONGODB_URI
   * reaches a mongos; elsewhere it does nothing but say so in the log. Default
   * "false": an operator shards them (docs/database.md, Sharding).
   */
  readonly shardCollections: boolean;
  /** MONGODB_TIMEOUT_MS: how long an operation waits for a reachable database before UNAVAILABLE. Default 5000. */
  readonly mongodbTimeoutMs: number;
  /** DATA_DIR: where embedded engines keep their data. Default "./data". */
  readonly dataDir: string;
  /**
   * EMBEDDED_ENGINE: the engine started when MONGODB_URI is unset. "auto" (the default):
   * a real mongod from mongodb-memory-server when one can be had (MONGOMS_SYSTEM_BINARY,
   * its download cache, or a download host that resolves), else the local MongoDB-wire
   * server; "mongod" or "local": only that one.
   */
  readonly embeddedEngine: "auto" | "mongod" | "local";
  /** MAX_CMS_BYTES: largest payload (cms) of one version, in UTF-8 bytes. Default 1 MiB. */
  readonly maxCmsBytes: number;
  /**
   * MAX_RECORD_BYTES: the most a record's document embeds of its history; older
   * versions move to the version archive beyond it (only a version that cannot
   * fit beside the current one is refused). Default 15 MiB (MongoDB's document limit is 16 MiB).
   */
  readonly maxRecordBytes: number;
  /** EMBEDDED_VERSIONS: the most versions a record's document embeds (2–10000); older ones move out. Default 32. */
  readonly embeddedVersions: number;
  /** DEFAULT_LOCALE: language of error messages when a request names none (en, ru, kz). Default "en". */
  readonly defaultLocale: Locale;
  /** SHUTDOWN_TIMEOUT_MS: how long in-flight calls may take to finish on SIGTERM/SIGINT. Default 10000. */
  readonly shutdownTimeoutMs: number;
  /** LOG_LEVEL: fatal, error, warn, info, debug, trace or silent. Default "info". */
  readonly logLevel: string;
  /**
   * AUTH_TOKENS ("name:token:read+write,…") and AUTH_TOKENS_FILE (a JSON array of
   * {name, token, scopes}): bearer tokens with their scopes. None (the default): auth is off.
   */
  readonly tokens: readonly AccessToken[];
  /** REFLECTION: "public" (default), "authenticated" (any valid token) or "off". */
  readonly reflection: "public" | "authenticated" | "off";
  /** TLS_CERT_FILE and TLS_KEY_FILE (PEM): serve TLS (HTTP/2 by ALPN and HTTP/1.1) on both ports. Default off. */
  readonly tls: TlsFiles | undefined;
  /** CORS_ORIGINS: browser origins allowed to call (comma-separated, or *). Default none. */
  readonly corsOrigins: readonly string[];
  /** MAX_CONCURRENT_STREAMS: HTTP/2 streams one connection may have open. Default 100. */
  readonly maxConcurrentStreams: number;
  /** IDLE_TIMEOUT_MS: a connection with no requests for this long is closed. Default 300000. */
  readonly idleTimeoutMs: number;
  /** DEFAULT_DEADLINE_MS: the deadline of a call whose client set none. Default 30000. */
  readonly defaultDeadlineMs: number;
  /**
   * ACCEPT_UNRECOGNISED_PAYLOADS: "true" stores a payload that is neither a CMS
   * SignedData nor a signed XML document (format UNKNOWN, no signers), as the
   * original service did, for legacy clients. Default "false": such a Save is
   * refused with INVALID_ARGUMENT naming the problem.
   */
  readonly acceptUnrecognisedPayloads: boolean;
  /**
   * TRUST_ANCHORS_DIR: a directory of CA certificates (PEM or DER files, e.g.
   * NCA's roots) that signers' certificates must lead to. Unset (the default):
   * chains are not checked and say "not configured".
   */
  readonly trustAnchorsDir: string | undefined;
  /**
   * RECEIPT_KEY_FILE: a PEM PKCS #8 Ed25519 private key that signs Save's
   * receipts (docs/integrity.md). Unset: a key is generated at start-up, and
   * receipts then verify only against this process's published key.
   */
  readonly receiptKeyFile: string | undefined;
  /**
   * PAGE_TOKEN_SECRET: the secret (at least 32 characters) under which List's
   * and ListVersions' page tokens are sealed; give every instance the same one.
   * Unset: a random one per process (tokens then work only on the instance
   * that made them).
   */
  readonly pageTokenSecret: string | undefined;
  /**
   * Encryption at rest (docs/operations.md, Keys). ENCRYPTION_KEYS ("id:base64key"
   * entries separated by commas) and ENCRYPTION_KEYS_FILE (one such entry a line;
   * its keys come before those of ENCRYPTION_KEYS): 32-byte AES-256-GCM data keys,
   * the last one sealing new versions, the others opening older ones.
   * ENCRYPTION_INDEX_KEY (base64) or ENCRYPTION_INDEX_KEY_FILE (a file holding it):
   * the 32-byte HMAC key of the signer index, required with data keys and never
   * rotated. None of them (the default): off, versions and index stored in plaintext.
   */
  readonly encryption: EncryptionKeys | undefined;
}

/** PEM files for TLS; with clientCaFile, clients must present a certificate it signed (mutual TLS). */
export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
  /** TLS_CLIENT_CA_FILE */
  readonly clientCaFile: string | undefined;
}

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
    shardCollections: oneOf(env, "SHARD_COLLECTIONS", ["true", "false"], "false") === "true",
    mongodbTimeoutMs: integer(env, "MONGODB_TIMEOUT_MS", 5000, 100, 600_000),
    dataDir: text(env, "DATA_DIR", "./data"),
    embeddedEngine: oneOf(env, "EMBEDDED_ENGINE", ["auto", "mongod", "local"], "auto"),
    maxCmsBytes,
    maxRecordBytes,
    embeddedVersions: integer(env, "EMBEDDED_VERSIONS", 32, 2, 10_000),
    defaultLocale: locale(env, "DEFAULT_LOCALE"),
    shutdownTimeoutMs: integer(env, "SHUTDOWN_TIMEOUT_MS", 10_000, 0, 600_000),
    logLevel: oneOf(env, "LOG_LEVEL", ["fatal", "error", "warn", "info", "debug", "trace", "silent"], "info"),
    tokens: [...tokensFromList(env), ...tokensFromFile(env)],
    reflection: oneOf(env, "REFLECTION", ["public", "authenticated", "off"], "public"),
    tls: tlsFiles(env),
    corsOrigins: (env["CORS_ORIGINS"] ?? "")
      .split(",")
      .map((o) => o.trim())
      .filter((o) => o !== ""),
    maxConcurrentStreams: integer(env, "MAX_CONCURRENT_STREAMS", 100, 1, 10_000),
    idleTimeoutMs: integer(env, "IDLE_TIMEOUT_MS", 300_000, 1000, 86_400_000),
    defaultDeadlineMs: integer(env, "DEFAULT_DEADLINE_MS", 30_000, 10, 3_600_000),
    acceptUnrecognisedPayloads: oneOf(env, "ACCEPT_UNRECOGNISED_PAYLOADS", ["true", "false"], "false") === "true",
    trustAnchorsDir: directory(env, "TRUST_ANCHORS_DIR"),
    receiptKeyFile: readableFile(env, "RECEIPT_KEY_FILE"),
    pageTokenSecret: secret(env, "PAGE_TOKEN_SECRET", 32),
    encryption: encryptionKeys(env),
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

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name, fallback);
  const found = allowed.find((value) => value === raw);
  if (found === undefined) throw new ConfigError(`${name} must be one of ${allowed.join(", ")}, got "${raw}"`);
  return found;
}

function scopesOf(name: string, raw: readonly unknown[]): Scope[] {
  const found = raw.map((scope) => scopes.find((known) => known === scope));
  if (found.length === 0 || found.some((scope) => scope === undefined)) {
    throw new ConfigError(`${name}: every token needs scopes from ${scopes.join(", ")}`);
  }
  return found as Scope[];
}

/** The shortest bearer token accepted from either source: a guessable token is no protection. */
const minTokenChars = 16;

/** AUTH_TOKENS: "name:token:read+write" entries separated by commas. */
function tokensFromList(env: Env): AccessToken[] {
  const raw = env["AUTH_TOKENS"]?.trim();
  if (raw === undefined || raw === "") return [];
  return raw.split(",").map((entry) => {
    const [name, token, scopeList, ...rest] = entry.trim().split(":");
    if (!name || !token || scopeList === undefined || rest.length > 0) {
      throw new ConfigError('AUTH_TOKENS entries must be "name:token:scope+scope"');
    }
    if (token.length < minTokenChars)
      throw new ConfigError(`AUTH_TOKENS: the token of "${name}" must have at least ${minTokenChars} characters`);
    return { name, token, scopes: scopesOf("AUTH_TOKENS", scopeList.split("+")) };
  });
}

/** AUTH_TOKENS_FILE: a JSON array of {"name", "token", "scopes": [...]}. */
function tokensFromFile(env: Env): AccessToken[] {
  const file = env["AUTH_TOKENS_FILE"]?.trim();
  if (file === undefined || file === "") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`AUTH_TOKENS_FILE ${file} is not a readable JSON file: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new ConfigError("AUTH_TOKENS_FILE must hold a JSON array");
  return parsed.map((entry: unknown) => {
    const { name, token, scopes: list } = (entry ?? {}) as Record<string, unknown>;
    if (typeof name !== "string" || typeof token !== "string" || token.length < minTokenChars || !Array.isArray(list)) {
      throw new ConfigError(`AUTH_TOKENS_FILE entries need "name", "token" (at least ${minTokenChars} characters) and "scopes"`);
    }
    return { name, token, scopes: scopesOf("AUTH_TOKENS_FILE", list) };
  });
}

function directory(env: Env, name: string): string | undefined {
  const dir = env[name]?.trim() || undefined;
  if (dir !== undefined && !existsSync(dir)) throw new ConfigError(`${name}: no directory at ${dir}`);
  return dir;
}

function secret(env: Env, name: string, minimumLength: number): string | undefined {
  const value = env[name]?.trim() || undefined;
  if (value !== undefined && value.length < minimumLength) throw new ConfigError(`${name} must be at least ${minimumLength} characters`);
  return value;
}

function readableFile(env: Env, name: string): string | undefined {
  const file = env[name]?.trim() || undefined;
  if (file !== undefined && !existsSync(file)) throw new ConfigError(`${name}: no file at ${file}`);
  return file;
}

function tlsFiles(env: Env): TlsFiles | undefined {
  const certFile = env["TLS_CERT_FILE"]?.trim() || undefined;
  const keyFile = env["TLS_KEY_FILE"]?.trim() || undefined;
  const clientCaFile = env["TLS_CLIENT_CA_FILE"]?.trim() || undefined;
  if (certFile === undefined && keyFile === undefined) {
    if (clientCaFile !== undefined) throw new ConfigError("TLS_CLIENT_CA_FILE needs TLS_CERT_FILE and TLS_KEY_FILE");
    return undefined;
  }
  if (certFile === undefined || keyFile === undefined) {
    throw new ConfigError("TLS_CERT_FILE and TLS_KEY_FILE must be set together");
  }
  for (const [name, file] of [
    ["TLS_CERT_FILE", certFile],
    ["TLS_KEY_FILE", keyFile],
    ["TLS_CLIENT_CA_FILE", clientCaFile],
  ] as const) {
    if (file !== undefined && !existsSync(file)) throw new ConfigError(`${name}: no file at ${file}`);
  }
  return { certFile, keyFile, clientCaFile };
}

function locale(env: Env, name: string): Locale {
  const raw = text(env, name, "en");
  const found = locales.find((l) => l === raw);
  if (found === undefined) {
    throw new ConfigError(`${name} must be one of ${locales.join(", ")}, got "${raw}"`);
  }
  return found;
}

/** ENCRYPTION_KEYS(_FILE) and ENCRYPTION_INDEX_KEY(_FILE): the data keys, oldest first, and the index key; undefined when none is set. */
function encryptionKeys(env: Env): EncryptionKeys | undefined {
  const dataKeys = [...dataKeysFromFile(env), ...dataKeysFromList(env)];
  const indexKey = indexKeyOf(env);
  if (dataKeys.length === 0 && indexKey === undefined) return undefined;
  if (dataKeys.length === 0) throw new ConfigError("ENCRYPTION_INDEX_KEY needs data keys in ENCRYPTION_KEYS or ENCRYPTION_KEYS_FILE");
  if (indexKey === undefined) {
    throw new ConfigError("ENCRYPTION_KEYS needs ENCRYPTION_INDEX_KEY or ENCRYPTION_INDEX_KEY_FILE (the signer index key, never rotated)");
  }
  const ids = new Set<string>();
  for (const { id, key } of dataKeys) {
    if (ids.has(id)) throw new ConfigError(`ENCRYPTION_KEYS: key id "${id}" is given twice`);
    ids.add(id);
    // One secret for two purposes would tie the index (never rotated) to a data key (rotated away).
    if (key.equals(indexKey)) throw new ConfigError(`ENCRYPTION_INDEX_KEY must differ from data key "${id}"`);
  }
  return Object.freeze({ dataKeys: Object.freeze(dataKeys), indexKey });
}

function dataKeysFromList(env: Env): DataKey[] {
  const raw = env["ENCRYPTION_KEYS"]?.trim();
  if (raw === undefined || raw === "") return [];
  return raw.split(",").map((entry, index) => dataKeyOf(entry, `ENCRYPTION_KEYS: entry ${index + 1}`));
}

/** One "id:base64key" a line; blank lines and lines starting with # are skipped. */
function dataKeysFromFile(env: Env): DataKey[] {
  const file = env["ENCRYPTION_KEYS_FILE"]?.trim();
  if (file === undefined || file === "") return [];
  const lines = readKeyFile("ENCRYPTION_KEYS_FILE", file).split(/\r?\n/);
  const keys = lines.flatMap((line, index) =>
    line.trim() === "" || line.trim().startsWith("#") ? [] : [dataKeyOf(line, `ENCRYPTION_KEYS_FILE ${file}: line ${index + 1}`)],
  );
  if (keys.length === 0) throw new ConfigError(`ENCRYPTION_KEYS_FILE ${file} holds no key`);
  return keys;
}

function dataKeyOf(entry: string, where: string): DataKey {
  const key = decodeDataKey(entry);
  if (typeof key === "string") throw new ConfigError(`${where} ${key}`);
  return key;
}

function indexKeyOf(env: Env): Buffer | undefined {
  const raw = env["ENCRYPTION_INDEX_KEY"]?.trim() || undefined;
  const file = env["ENCRYPTION_INDEX_KEY_FILE"]?.trim() || undefined;
  if (raw !== undefined && file !== undefined) throw new ConfigError("ENCRYPTION_INDEX_KEY and ENCRYPTION_INDEX_KEY_FILE are exclusive");
  const [name, text] =
    raw !== undefined
      ? ["ENCRYPTION_INDEX_KEY", raw]
      : file !== undefined
        ? ["ENCRYPTION_INDEX_KEY_FILE", readKeyFile("ENCRYPTION_INDEX_KEY_FILE", file)]
        : [];
  if (name === undefined || text === undefined) return undefined;
  const key = decodeKey(text);
  if (typeof key === "string") throw new ConfigError(`${name}: the key ${key}`);
  return key;
}

function readKeyFile(name: string, file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(`${name} ${file} is not readable: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
