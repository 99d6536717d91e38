import { randomBytes } from "node:crypto";
import { Binary } from "mongodb";
import { describe, expect, it } from "vitest";
import { unrecognisedPayloadFacts } from "../../src/signatures/payload-inspection.js";
import type { EncryptionKeys } from "../../src/store/encryption-keys.js";
import type { VersionDoc } from "../../src/store/signature-doc.js";
import { VersionUnreadableError } from "../../src/store/signature-store.js";
import { createVersionCipher, isSealed } from "../../src/store/version-cipher.js";

const keys = (...ids: string[]): EncryptionKeys => ({
  dataKeys: ids.map((id) => ({ id, key: randomBytes(32) })),
  indexKey: randomBytes(32),
});
const record = { document: "contract 7", thread: "signing" };
const entry = (version: number): VersionDoc => ({
  version,
  cms: `payload of version ${version}`,
  created_by: "clerk",
  created_at: new Date("2026-01-02T03:04:05Z"),
  comment: "the secret comment",
  facts: unrecognisedPayloadFacts(`payload of version ${version}`),
});

describe("Version cipher", () => {
  it("seals cms, comment and facts under the last key and opens them again", () => {
    const cipher = createVersionCipher(keys("A", "B"));
    const sealed = cipher.seal(record, entry(3));
    expect(isSealed(sealed) && sealed.key_id).toBe("B");
    expect(sealed).not.toHaveProperty("cms");
    expect(sealed).not.toHaveProperty("comment");
    expect(sealed).not.toHaveProperty("facts");
    expect(sealed).toMatchObject({ version: 3, created_by: "clerk" });
    expect(cipher.open(record, sealed)).toEqual(entry(3));
  });

  it("passes fields it does not know through in plaintext (the hash chain's hash and prev_hash)", () => {
    const cipher = createVersionCipher(keys("A"));
    const chained = { ...entry(2), hash: "ab".repeat(32), prev_hash: "cd".repeat(32) } as VersionDoc;
    const sealed = cipher.seal(record, chained);
    expect(sealed).toMatchObject({ hash: "ab".repeat(32), prev_hash: "cd".repeat(32) });
    expect(cipher.open(record, sealed)).toEqual(chained);
  });

  it("keeps a version without facts without facts", () => {
    const cipher = createVersionCipher(keys("A"));
    const { facts: _, ...withoutFacts } = entry(1);
    expect(cipher.open(record, cipher.seal(record, withoutFacts))).toEqual(withoutFacts);
  });

  it("does not open a ciphertext moved to another version, another record or relabelled with another key id", () => {
    const both = keys("A", "B");
    const cipher = createVersionCipher(both);
    const sealed = cipher.seal(record, entry(1));
    if (!isSealed(sealed)) throw new Error("not sealed");
    const reason = (attempt: () => unknown) => {
      try {
        attempt();
      } catch (error) {
        return error instanceof VersionUnreadableError ? error.reason : error;
      }
      return "opened";
    };
    expect(reason(() => cipher.open(record, { ...sealed, version: 2 }))).toBe("decryption-failed");
    expect(reason(() => cipher.open({ ...record, thread: "other" }, sealed))).toBe("decryption-failed");
    // Relabelled with another key id whose key material is the same: the key id is authenticated too.
    const b = both.dataKeys[1]!;
    const sameMaterial = createVersionCipher({ ...both, dataKeys: [{ id: "A", key: b.key }, b] });
    expect(reason(() => sameMaterial.open(record, { ...sealed, key_id: "A" }))).toBe("decryption-failed");
    const flipped = Buffer.from(sealed.sealed.value());
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    expect(reason(() => cipher.open(record, { ...sealed, sealed: new Binary(flipped) }))).toBe("decryption-failed");
  });

  it("names the key and the version when the key is missing or wrong", () => {
    const sealed = createVersionCipher(keys("A")).seal(record, entry(4));
    expect(() => createVersionCipher(keys("B")).open(record, sealed)).toThrow(
      expect.objectContaining({ reason: "key-missing", keyId: "A", version: 4, message: expect.stringMatching(/version 4 .*"A"/) }),
    );
    expect(() => createVersionCipher(undefined).open(record, sealed)).toThrow(
      expect.objectContaining({ reason: "key-missing", keyId: "A" }),
    );
    expect(() => createVersionCipher(keys("A")).open(record, sealed)).toThrow(
      expect.objectContaining({ reason: "decryption-failed", keyId: "A", version: 4 }),
    );
  });

  it("leaves entries as they are when encryption is off", () => {
    const cipher = createVersionCipher(undefined);
    expect(cipher.seal(record, entry(1))).toEqual(entry(1));
    expect(cipher.open(record, entry(1))).toEqual(entry(1));
  });
});
