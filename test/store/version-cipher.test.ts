import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { Binary } from "mongodb";
import { describe, expect, it } from "vitest";
import { genesisHash, versionHash } from "../../src/integrity/version-hash.js";
import type { PayloadFacts } from "../../src/signatures/payload-facts.js";
import { inspectPayload, unrecognisedPayloadFacts } from "../../src/signatures/payload-inspection.js";
import type { EncryptionKeys } from "../../src/store/encryption-keys.js";
import { decodeSecret, encodeSecret } from "../../src/store/sealed-secret.js";
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

  it("gives back signer facts whole: names, dates as Dates, time-stamp, verification", async () => {
    // The Kalkan XML sample's two signers (test/fixtures/nca/README.md), the first given a time-stamp to cover every date.
    const xml = await readFile(new URL("../fixtures/nca/kalkan-rsa-and-gost-signed.xml", import.meta.url), "utf8");
    const inspected = inspectPayload(xml);
    const [first, ...rest] = inspected.signers;
    if (first === undefined) throw new Error("the fixture has no signer");
    const timeStamp = { time: new Date("2026-03-04T05:06:07.089Z"), policy: "1.2.398.3.3.2.6.1" };
    const facts: PayloadFacts = {
      ...inspected,
      signers: [{ ...first, signingTime: first.signingTime ?? timeStamp.time, timeStamp }, ...rest],
    };
    const cipher = createVersionCipher(keys("A"));
    const withFacts = { ...entry(2), cms: xml, facts };
    const opened = cipher.open(record, cipher.seal(record, withFacts));
    expect(opened).toEqual(withFacts);
    expect(opened.facts?.signers[0]?.notAfter).toBeInstanceOf(Date);
    expect(opened.facts?.signers[0]?.timeStamp?.time).toBeInstanceOf(Date);
    // The version's hash over the opened facts is the hash over the saved ones.
    const hashed = (content: typeof withFacts) =>
      versionHash({ ...record, ...content, createdBy: "clerk", comment: undefined, createdAt: content.created_at }, genesisHash);
    expect(hashed({ ...withFacts, facts: opened.facts as PayloadFacts })).toBe(hashed(withFacts));
    expect(hashed({ ...withFacts, facts: structuredClone(opened.facts) as PayloadFacts })).toBe(hashed(withFacts));
  });

  it("refuses a plaintext in a layout it does not write, or cut short", () => {
    const plain = encodeSecret({ cms: "payload", comment: null, facts: unrecognisedPayloadFacts("payload") });
    expect(decodeSecret(plain)).toEqual({ cms: "payload", comment: null, facts: unrecognisedPayloadFacts("payload") });
    expect(decodeSecret(Buffer.concat([Buffer.from([2]), plain.subarray(1)]))).toBeUndefined();
    expect(decodeSecret(plain.subarray(0, plain.length - 1))).toBeUndefined();
    expect(decodeSecret(Buffer.concat([plain, Buffer.from([0])]))).toBeUndefined();
  });

  it("leaves entries as they are when encryption is off", () => {
    const cipher = createVersionCipher(undefined);
    expect(cipher.seal(record, entry(1))).toEqual(entry(1));
    expect(cipher.open(record, entry(1))).toEqual(entry(1));
  });
});
