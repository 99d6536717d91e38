import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type Collection, type Db, MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { inspectPayload } from "../../src/signatures/payload-inspection.js";
import { createMongoSignatureStore } from "../../src/store/mongo-signature-store.js";
import type { SignatureDoc } from "../../src/store/signature-doc.js";
import type { ListQuery, SignatureKey, SignatureStore, VersionInput } from "../../src/store/signature-store.js";
import { reencryptVersions } from "../../src/store/version-reencryption.js";
import { encryptionKeys, newKey, readableIn } from "../helpers/encryption-at-rest.js";

let client: MongoClient;
let db: Db;
let records: Collection<SignatureDoc>;
const dbName = `reencrypt_${randomUUID().slice(0, 8)}`;
const maxRecordBytes = 4 * 1024 * 1024;
const [keyA, keyB, indexKey] = [newKey(), newKey(), newKey()];
const underA = encryptionKeys(indexKey, ["A", keyA]);
const underAB = encryptionKeys(indexKey, ["A", keyA], ["B", keyB]);
const underB = encryptionKeys(indexKey, ["B", keyB]);
/** Kalkan-signed XML samples (test/fixtures/nca/README.md): IIN 123456789011, and the same with IIN 123456789012 added. */
let rsaXml: string;
let rsaAndGostXml: string;
const keep = { tags: undefined, stage: undefined, parent: undefined };

const input = (cms: string, comment: string): VersionInput => ({ cms, createdBy: undefined, comment, facts: inspectPayload(cms) });
const storeWith = (keys: typeof underA | undefined, collection?: string) =>
  createMongoSignatureStore({ db, maxRecordBytes, encryption: keys, ...(collection === undefined ? {} : { collection }) });
const keyIds = async (filter: object = {}, collection = records) =>
  (await collection.find(filter).sort({ _id: 1 }).toArray()).map((doc) => [
    doc.thread,
    doc.versions.map((entry) => ("key_id" in entry ? entry.key_id : "plaintext")).join(","),
  ]);
const byIin = async (store: SignatureStore, iin: string) =>
  (
    await store.list({
      document: undefined,
      thread: undefined,
      stage: undefined,
      tags: [],
      signedBy: { iin, bin: undefined, certificateSerial: undefined, payloadSha256: undefined } satisfies ListQuery["signedBy"],
      limit: 100,
      offset: 0,
      after: undefined,
      count: false,
    })
  ).records
    .map((record) => record.thread)
    .sort();

/** Every version's payload and comment, read back through a store. */
async function contents(store: SignatureStore, key: SignatureKey) {
  return (await store.listVersions(key, 0, 100, true))?.versions.map((entry) => `${entry.version}:${entry.comment}:${entry.cms.length}`);
}

beforeAll(async () => {
  const fixture = (name: string) => readFile(new URL(`../fixtures/nca/${name}`, import.meta.url), "utf8");
  rsaXml = await fixture("kalkan-rsa-signed.xml");
  rsaAndGostXml = await fixture("kalkan-rsa-and-gost-signed.xml");
  client = new MongoClient(inject("mongoUri"));
  await client.connect();
  db = client.db(dbName);
  records = db.collection("signatures");
  await storeWith(undefined).ensureIndexes();
});
afterAll(async () => {
  await db.dropDatabase();
  await client.close();
});

describe("Re-encryption (npm run reencrypt)", () => {
  it("brings every version under the newest key while saves go on, and every version reads back under it alone", async () => {
    // Saved before encryption was turned on, then under key A, then with A and B configured (B seals).
    const plain = storeWith(undefined);
    await plain.create({ document: "d", thread: "before" }, input(rsaXml, "plain 1"), keep);
    await plain.append({ document: "d", thread: "before" }, { version: 1, head: undefined }, input(rsaAndGostXml, "plain 2"), keep);
    const storeA = storeWith(underA);
    for (const thread of ["a1", "a2", "a3"]) await storeA.create({ document: "d", thread }, input(rsaXml, `${thread} 1`), keep);
    const storeAB = storeWith(underAB);
    await storeAB.append({ document: "d", thread: "before" }, { version: 2, head: undefined }, input(rsaXml, "sealed 3"), keep);
    await storeAB.append({ document: "d", thread: "a1" }, { version: 1, head: undefined }, input(rsaAndGostXml, "a1 2"), keep);
    expect(await keyIds()).toEqual([
      ["before", "plaintext,plaintext,B"],
      ["a1", "A,B"],
      ["a2", "A"],
      ["a3", "A"],
    ]);

    // Saves while it runs: after its first batch, one to a record it has done and one to a record still ahead.
    const progress: number[] = [];
    const summary = await reencryptVersions(db, {
      encryption: underAB,
      batchSize: 2,
      onProgress: async (totals) => {
        progress.push(totals.records);
        if (totals.records !== 2) return;
        await storeAB.append({ document: "d", thread: "before" }, { version: 3, head: undefined }, input(rsaXml, "during 4"), keep);
        await storeAB.append({ document: "d", thread: "a3" }, { version: 1, head: undefined }, input(rsaXml, "during a3 2"), keep);
      },
    });
    expect(summary).toEqual({ records: 4, encrypted: 2, reencrypted: 3, indexesHashed: 1, unreadable: 0, skipped: 0 });
    expect(progress).toEqual([2, 4]);

    expect(await keyIds()).toEqual([
      ["before", "B,B,B,B"],
      ["a1", "B,B"],
      ["a2", "B"],
      ["a3", "B,B"],
    ]);
    // Key A can go: B alone reads every version, the concurrent saves included.
    const storeB = storeWith(underB);
    expect(await contents(storeB, { document: "d", thread: "before" })).toEqual([
      `1:plain 1:${rsaXml.length}`,
      `2:plain 2:${rsaAndGostXml.length}`,
      `3:sealed 3:${rsaXml.length}`,
      `4:during 4:${rsaXml.length}`,
    ]);
    expect(await contents(storeB, { document: "d", thread: "a3" })).toEqual([`1:a3 1:${rsaXml.length}`, `2:during a3 2:${rsaXml.length}`]);
    expect(await byIin(storeB, "123456789012")).toEqual(["a1", "before"]);
    expect(await byIin(storeB, "123456789011")).toEqual(["a1", "a2", "a3", "before"]);
    for (const doc of await records.find().toArray()) {
      expect(readableIn(doc, ["123456789011", "123456789012", "ТЕСТОВ", "plain 1", "<ds:Signature"])).toEqual([]);
    }
  });

  it("finds nothing more to do when run again", async () => {
    expect(await reencryptVersions(db, { encryption: underAB })).toEqual({
      records: 0,
      encrypted: 0,
      reencrypted: 0,
      indexesHashed: 0,
      unreadable: 0,
      skipped: 0,
    });
  });

  it("loses no save that runs at the same time as its writes", async () => {
    const collection = "signatures_concurrent";
    const storeA = storeWith(underA, collection);
    const storeAB = storeWith(underAB, collection);
    const keys = ["c1", "c2", "c3"].map((thread) => ({ document: "c", thread }));
    for (const key of keys) {
      await storeA.create(key, input(rsaXml, "1"), keep);
      for (let version = 1; version < 6; version++)
        await storeA.append(key, { version: version, head: undefined }, input(rsaXml, `${version + 1}`), keep);
    }
    const appends = async () => {
      for (let version = 6; version < 14; version++) {
        for (const key of keys)
          expect(
            (await storeAB.append(key, { version: version, head: undefined }, input(rsaAndGostXml, `${version + 1}`), keep)).kind,
          ).toBe("appended");
      }
    };
    const [first] = await Promise.all([reencryptVersions(db, { encryption: underAB, collection, batchSize: 1 }), appends()]);
    expect(first.unreadable).toBe(0);
    // Whatever a first pass skipped or did not see, a second finishes.
    await reencryptVersions(db, { encryption: underAB, collection });
    expect((await reencryptVersions(db, { encryption: underAB, collection })).records).toBe(0);
    const storeB = storeWith(underB, collection);
    const expected = Array.from({ length: 14 }, (_, index) => `${index + 1}:${index + 1}:${(index < 6 ? rsaXml : rsaAndGostXml).length}`);
    for (const key of keys) expect(await contents(storeB, key)).toEqual(expected);
    expect(await byIin(storeB, "123456789012")).toEqual(["c1", "c2", "c3"]);
  });

  it("leaves versions under a key it does not have as they are, and counts them", async () => {
    const collection = "signatures_unknown_key";
    await storeWith(encryptionKeys(indexKey, ["lost", newKey()]), collection).create(
      { document: "d", thread: "lost" },
      input(rsaXml, "unreadable"),
      keep,
    );
    await storeWith(undefined, collection).append(
      { document: "d", thread: "lost" },
      { version: 1, head: undefined },
      input(rsaXml, "plain"),
      keep,
    );
    const summary = await reencryptVersions(db, { encryption: underAB, collection });
    expect(summary).toMatchObject({ records: 1, encrypted: 1, unreadable: 1, indexesHashed: 0 });
    expect(await keyIds({}, db.collection(collection))).toEqual([["lost", "lost,B"]]);
  });
});
