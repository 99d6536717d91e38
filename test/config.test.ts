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
      mongodbTimeoutMs: 5000,
      dataDir: "./data",
      maxCmsBytes: 1024 * 1024,
      maxRecordBytes: 15 * 1024 * 1024,
      defaultLocale: "en",
      shutdownTimeoutMs: 10_000,
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
      DEFAULT_LOCALE: "kz",
    });
    expect(config).toMatchObject({ host: "0.0.0.0", port: 0, mongodbUri: "mongodb://db:27017/?replicaSet=rs0", mongodbDb: "prod", defaultLocale: "kz" });
    expect(Object.isFrozen(config)).toBe(true);
  });
});
