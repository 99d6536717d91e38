import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../src/config.js";

const keyA = randomBytes(32).toString("base64");
const keyB = randomBytes(32).toString("base64");
const indexKey = randomBytes(32).toString("base64");
const dir = mkdtempSync(path.join(tmpdir(), "keys-"));
const file = (name: string, text: string) => {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
};

describe("readConfig: encryption keys", () => {
  it("is off without keys", () => {
    expect(readConfig({}).encryption).toBeUndefined();
  });

  it("reads the file's keys before the list's; the last seals new versions", () => {
    const keysFile = file("keys", `# retired next quarter\nA:${keyA}\n\n`);
    const config = readConfig({ ENCRYPTION_KEYS_FILE: keysFile, ENCRYPTION_KEYS: ` B:${keyB} `, ENCRYPTION_INDEX_KEY: indexKey });
    expect(config.encryption?.dataKeys.map((key) => key.id)).toEqual(["A", "B"]);
    expect(config.encryption?.dataKeys[1]?.key).toEqual(Buffer.from(keyB, "base64"));
    expect(config.encryption?.indexKey).toEqual(Buffer.from(indexKey, "base64"));
  });

  it("reads the index key from a file", () => {
    const config = readConfig({ ENCRYPTION_KEYS: `A:${keyA}`, ENCRYPTION_INDEX_KEY_FILE: file("index", `${indexKey}\n`) });
    expect(config.encryption?.indexKey).toEqual(Buffer.from(indexKey, "base64"));
  });

  it.each([
    [{ ENCRYPTION_KEYS: `A:${keyA}` }, /ENCRYPTION_INDEX_KEY/],
    [{ ENCRYPTION_INDEX_KEY: indexKey }, /ENCRYPTION_INDEX_KEY needs data keys/],
    [{ ENCRYPTION_KEYS: keyA, ENCRYPTION_INDEX_KEY: indexKey }, /ENCRYPTION_KEYS: entry 1/],
    [{ ENCRYPTION_KEYS: `A:${randomBytes(16).toString("base64")}`, ENCRYPTION_INDEX_KEY: indexKey }, /ENCRYPTION_KEYS: .*16 bytes/],
    [{ ENCRYPTION_KEYS: `A:${keyA.replace(/.$/, "!")}`, ENCRYPTION_INDEX_KEY: indexKey }, /ENCRYPTION_KEYS: .*not base64/],
    [{ ENCRYPTION_KEYS: `A:${keyA},A:${keyB}`, ENCRYPTION_INDEX_KEY: indexKey }, /ENCRYPTION_KEYS: key id "A" is given twice/],
    [{ ENCRYPTION_KEYS: `a b:${keyA}`, ENCRYPTION_INDEX_KEY: indexKey }, /ENCRYPTION_KEYS: .*key id/],
    [{ ENCRYPTION_KEYS: `A:${keyA}`, ENCRYPTION_INDEX_KEY: keyA }, /ENCRYPTION_INDEX_KEY must differ/],
    [{ ENCRYPTION_KEYS: `A:${keyA}`, ENCRYPTION_INDEX_KEY: "short" }, /ENCRYPTION_INDEX_KEY: /],
    [{ ENCRYPTION_KEYS_FILE: path.join(dir, "absent"), ENCRYPTION_INDEX_KEY: indexKey }, /ENCRYPTION_KEYS_FILE .* not readable/],
    [{ ENCRYPTION_KEYS_FILE: file("empty", "# none yet\n"), ENCRYPTION_INDEX_KEY: indexKey }, /ENCRYPTION_KEYS_FILE .* holds no key/],
    [{ ENCRYPTION_KEYS_FILE: file("bad", `A:${keyA}\nB:xyz\n`), ENCRYPTION_INDEX_KEY: indexKey }, /ENCRYPTION_KEYS_FILE .*: line 2/],
  ])("refuses %o at start-up, naming the variable", (env, reason) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(reason);
  });

  it("never prints key material in its errors", () => {
    const bad = `A:${keyA}x`;
    expect(() => readConfig({ ENCRYPTION_KEYS: bad, ENCRYPTION_INDEX_KEY: indexKey })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(keyA.slice(0, 20)) }),
    );
  });
});
