import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type Collection, MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PayloadFacts } from "../../src/signatures/payload-facts.js";
import { inspectPayload } from "../../src/signatures/payload-inspection.js";
import { createMongoSignatureStore } from "../../src/store/mongo-signature-store.js";
import type { SignatureDoc } from "../../src/store/signature-doc.js";
import {
  type ListQuery,
  type SignatureKey,
  type SignatureStore,
  type VersionInput,
  VersionUnreadableError,
} from "../../src/store/signature-store.js";
import { encryptionKeys, newKey, readableIn } from "../helpers/encryption-at-rest.js";

let client: MongoClient;
let records: Collection<SignatureDoc>;
let plain: SignatureStore;
let encrypted: SignatureStore;
const dbName = `encrypted_${randomUUID().slice(0, 8)}`;
const maxRecordBytes = 4 * 1024 * 1024;
const [keyA, keyB, indexKey] = [newKey(), newKey(), newKey()];
/** A Kalkan-signed XML sample with two signers, IINs 123456789011 and 123456789012 (test/fixtures/nca/README.md). */
let payload: string;
/** Its facts, the first signer also given a BIN as an NCA legal-entity certificate has one. */
let facts: PayloadFacts;
const bin = "123456789021";
const comment = "совершенно секретный комментарий";
const keep = { tags: undefined, stage: undefined, parent: undefined };

const input = (cms: string, note = comment): VersionInput => ({ cms, createdBy: "clerk", comment: note, facts });
const open = (keys: ReturnType<typeof encryptionKeys> | undefined) =>
  createMongoSignatureStore({ db: client.db(dbName), maxRecordBytes, encryption: keys });
const listBy = (store: SignatureStore, signedBy: Partial<ListQuery["signedBy"]>) =>
  store.list({
    document: undefined,
    thread: undefined,
    stage: undefined,
    tags: [],
    signedBy: { iin: undefined, bin: undefined, certificateSerial: undefined, payloadSha256: undefined, ...signedBy },
    limit: 100,
    offset: 0,
    after: undefined,
    count: false,
  });
const threadsBy = async (store: SignatureStore, signedBy: Partial<ListQuery["signedBy"]>) =>
  (await listBy(store, signedBy)).records.map((record) => record.thread).sort();
/** Every person-identifying or secret string the test records hold. */
const secrets = () => [
  "123456789011",
  "123456789012",
  bin,
  "ТЕСТОВ",
  "ТЕСТТОВ",
  "4279390a141f5353a62947b61ed65e81741467d1",
  comment,
  "<ds:SignatureValue",
  payload.slice(0, 60),
];

beforeAll(async () => {
  payload = await readFile(new URL("../fixtures/nca/kalkan-rsa-and-gost-signed.xml", import.meta.url), "utf8");
  const inspected = inspectPayload(payload);
  const [first, ...rest] = inspected.signers;
  if (first === undefined) throw new Error("the fixture has no signer");
  facts = { ...inspected, signers: [{ ...first, subject: { ...first.subject, bin } }, ...rest] };
  client = new MongoClient(inject("mongoUri"));
  await client.connect();
  records = client.db(dbName).collection("signatures");
  plain = open(undefined);
  encrypted = open(encryptionKeys(indexKey, ["A", keyA]));
  await createMongoSignatureStore({ db: client.db(dbName), maxRecordBytes }).ensureIndexes();
});
afterAll(async () => {
  await client.db(dbName).dropDatabase();
  await client.close();
});

async function saveTwoVersions(store: SignatureStore, key: SignatureKey, second: SignatureStore = store) {
  expect((await store.create(key, input(payload), keep)).kind).toBe("created");
  expect((await second.append(key, { version: 1, head: undefined }, input(`${payload}\n`, "второй"), keep)).kind).toBe("appended");
}

describe("Encryption at rest in the MongoDB store", () => {
  it("reads back what it saved: current, historical and listed versions", async () => {
    const key = { document: "round trip", thread: "t" };
    await saveTwoVersions(encrypted, key);

    const current = await encrypted.get(key);
    expect(current?.version).toMatchObject({ version: 2, cms: `${payload}\n`, comment: "второй", createdBy: "clerk" });
    expect(current?.version.facts).toEqual(facts);
    expect((await encrypted.get(key, 1))?.version).toMatchObject({ version: 1, cms: payload, comment });
    const page = await encrypted.listVersions(key, 0, 10, true);
    expect(page?.versions.map((entry) => [entry.cms, entry.comment])).toEqual([
      [payload, comment],
      [`${payload}\n`, "второй"],
    ]);
    expect((await listBy(encrypted, { payloadSha256: facts.sha256 })).records.map((record) => record.version.cms)).toContain(
      `${payload}\n`,
    );
  });

  it("leaves no payload, comment, IIN, BIN, name or certificate serial readable in the database", async () => {
    const key = { document: "raw", thread: "t" };
    await saveTwoVersions(encrypted, key);
    const raw = await records.findOne({ document: "raw" });
    expect(raw).not.toBeNull();
    expect(readableIn(raw ?? {}, secrets())).toEqual([]);
    expect(raw?.versions.map((entry) => ("key_id" in entry ? entry.key_id : "plaintext"))).toEqual(["A", "A"]);
    // The same record saved without encryption shows them all: the search above can find them.
    await saveTwoVersions(plain, { document: "raw plain", thread: "t" });
    expect(readableIn((await records.findOne({ document: "raw plain" })) ?? {}, secrets())).toEqual(secrets());
  });

  it("finds records by IIN, BIN and certificate serial through keyed hashes", async () => {
    const key = { document: "by signer", thread: "encrypted" };
    await saveTwoVersions(encrypted, key);
    const mine = async (signedBy: Partial<ListQuery["signedBy"]>) =>
      (await threadsBy(encrypted, signedBy)).filter((thread) => thread === "encrypted");
    expect(await mine({ iin: "123456789012" })).toEqual(["encrypted"]);
    expect(await mine({ bin })).toEqual(["encrypted"]);
    expect(await mine({ certificateSerial: "4279390a141f5353a62947b61ed65e81741467d1" })).toEqual(["encrypted"]);
    expect(await mine({ iin: "999999999999" })).toEqual([]);
    // A BIN is not found as an IIN: each field hashes under its own name.
    expect(await mine({ iin: bin })).toEqual([]);
    const raw = await records.findOne(key);
    expect(raw?.signer_iins).toHaveLength(2);
    expect(raw?.signer_iins?.every((value) => /^[0-9a-f]{64}$/.test(value))).toBe(true);
  });

  it("reads a record whose old versions are plaintext and new ones encrypted, and finds it by either's signers", async () => {
    const key = { document: "mixed", thread: "t" };
    await saveTwoVersions(plain, key, encrypted);
    const raw = await records.findOne(key);
    expect(raw?.versions.map((entry) => ("key_id" in entry ? entry.key_id : "plaintext"))).toEqual(["plaintext", "A"]);
    expect((await encrypted.get(key, 1))?.version).toMatchObject({ cms: payload, comment });
    expect((await encrypted.get(key))?.version).toMatchObject({ cms: `${payload}\n`, comment: "второй" });
    expect((await encrypted.listVersions(key, 0, 10, true))?.versions.map((entry) => entry.version)).toEqual([1, 2]);
    // Until `npm run reencrypt` hashes them, records saved before encryption hold clear index values: a filter matches both forms.
    await plain.create({ document: "mixed", thread: "plaintext only" }, input(payload), keep);
    expect(await threadsBy(encrypted, { iin: "123456789011" })).toContain("plaintext only");
    expect(await threadsBy(encrypted, { bin })).toContain("plaintext only");
  });

  it("refuses, naming key id and version, to read a version under a missing or a wrong key", async () => {
    const key = { document: "keys", thread: "t" };
    await saveTwoVersions(encrypted, key);
    const failure = (read: Promise<unknown>) =>
      read.then(
        () => "read",
        (error: unknown) =>
          error instanceof VersionUnreadableError ? { reason: error.reason, keyId: error.keyId, version: error.version } : error,
      );
    const wrong = open(encryptionKeys(indexKey, ["A", keyB]));
    const missing = open(encryptionKeys(indexKey, ["B", keyB]));
    expect(await failure(wrong.get(key))).toEqual({ reason: "decryption-failed", keyId: "A", version: 2 });
    expect(await failure(wrong.get(key, 1))).toEqual({ reason: "decryption-failed", keyId: "A", version: 1 });
    expect(await failure(missing.get(key))).toEqual({ reason: "key-missing", keyId: "A", version: 2 });
    expect(await failure(missing.listVersions(key, 0, 10, false))).toEqual({ reason: "key-missing", keyId: "A", version: 1 });
    expect(await failure(plain.get(key))).toEqual({ reason: "key-missing", keyId: "A", version: 2 });
  });

  it("does not open a version whose ciphertext was copied over another version in the database", async () => {
    const key = { document: "moved", thread: "t" };
    await saveTwoVersions(encrypted, key);
    const raw = await records.findOne(key);
    const first = raw?.versions[0];
    if (first === undefined || !("sealed" in first)) throw new Error("version 1 is not sealed");
    await records.updateOne(key, { $set: { "versions.1.sealed": first.sealed } });
    await expect(encrypted.get(key)).rejects.toMatchObject({ reason: "decryption-failed", version: 2 });
  });
});
