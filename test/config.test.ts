import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../src/config.js";

describe("readConfig", () => {
  it("has documented defaults", () => {
    expect(readConfig({})).toEqual({
      host: "127.0.0.1",
      port: 8080,
      grpcPort: undefined,
      mongodbUri: undefined,
      mongodbDb: "signatures",
      shardCollections: false,
      mongodbTimeoutMs: 5000,
      dataDir: "./data",
      embeddedEngine: "auto",
      maxCmsBytes: 1024 * 1024,
      maxRecordBytes: 15 * 1024 * 1024,
      embeddedVersions: 32,
      defaultLocale: "en",
      shutdownTimeoutMs: 10_000,
      logLevel: "info",
      tokens: [],
      reflection: "public",
      tls: undefined,
      corsOrigins: [],
      maxConcurrentStreams: 100,
      idleTimeoutMs: 300_000,
      defaultDeadlineMs: 30_000,
      acceptUnrecognisedPayloads: false,
    });
  });

  it.each([
    [{ PORT: "80a" }, /PORT/],
    [{ PORT: "70000" }, /PORT/],
    [{ GRPC_PORT: "-1" }, /GRPC_PORT/],
    [{ MONGODB_URI: "http://x" }, /MONGODB_URI/],
    [{ DEFAULT_LOCALE: "de" }, /DEFAULT_LOCALE/],
    [{ MAX_CMS_BYTES: "0" }, /MAX_CMS_BYTES/],
    [{ MAX_CMS_BYTES: "4096", MAX_RECORD_BYTES: "2048" }, /MAX_RECORD_BYTES/],
    [{ MAX_RECORD_BYTES: String(16 * 1024 * 1024) }, /MAX_RECORD_BYTES/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL/],
    [{ EMBEDDED_ENGINE: "ferretdb" }, /EMBEDDED_ENGINE/],
    [{ REFLECTION: "maybe" }, /REFLECTION/],
    [{ SHARD_COLLECTIONS: "yes" }, /SHARD_COLLECTIONS/],
    [{ AUTH_TOKENS: "justatoken" }, /AUTH_TOKENS/],
    [{ AUTH_TOKENS: "ci:secret-0123456789:read+admin" }, /AUTH_TOKENS/],
    // One rule for both sources: a short token is refused from the list as from the file.
    [{ AUTH_TOKENS: "ci:x:read" }, /AUTH_TOKENS: the token of "ci" must have at least 16 characters/],
    [{ AUTH_TOKENS_FILE: "/nonexistent/tokens.json" }, /AUTH_TOKENS_FILE/],
    [{ TLS_CERT_FILE: "/etc/hostname" }, /TLS_CERT_FILE and TLS_KEY_FILE/],
    [{ TLS_CERT_FILE: "/nonexistent.pem", TLS_KEY_FILE: "/nonexistent.key" }, /TLS_CERT_FILE/],
    [{ TLS_CLIENT_CA_FILE: "/etc/hostname" }, /TLS_CLIENT_CA_FILE/],
  ])("refuses %o naming the variable", (env, name) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(name);
  });

  it("reads every variable", () => {
    const config = readConfig({
      HOST: "0.0.0.0",
      PORT: "0",
      MONGODB_URI: "mongodb://db:27017/?replicaSet=rs0",
      MONGODB_DB: "prod",
      SHARD_COLLECTIONS: "true",
      DEFAULT_LOCALE: "kz",
      AUTH_TOKENS: "billing:b-secret-0123456789:read+write, audit:a-secret-0123456789:read",
      CORS_ORIGINS: "https://a.example, https://b.example",
    });
    expect(config.tokens).toEqual([
      { name: "billing", token: "b-secret-0123456789", scopes: ["read", "write"] },
      { name: "audit", token: "a-secret-0123456789", scopes: ["read"] },
    ]);
    expect(config.corsOrigins).toEqual(["https://a.example", "https://b.example"]);
    expect(config).toMatchObject({
      host: "0.0.0.0",
      port: 0,
      mongodbUri: "mongodb://db:27017/?replicaSet=rs0",
      mongodbDb: "prod",
      shardCollections: true,
      defaultLocale: "kz",
    });
    expect(Object.isFrozen(config)).toBe(true);
  });
});
