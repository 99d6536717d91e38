import { randomUUID } from "node:crypto";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyChain } from "../../src/integrity/chain-verification.js";
import { unrecognisedPayloadFacts } from "../../src/signatures/payload-inspection.js";
import { createMongoSignatureStore } from "../../src/store/mongo-signature-store.js";
import type { RecordChanges, SignatureKey, VersionInput } from "../../src/store/signature-store.js";
import { archiveCollectionName } from "../../src/store/version-archive.js";
import { repairVersionArchive } from "../../src/store/version-archive-repair.js";

let client: MongoClient;
const dbName = `bounded_${randomUUID().slice(0, 8)}`;
const keep: RecordChanges = { tags: undefined, stage: undefined, parent: undefined };
const version = (cms: string): VersionInput => ({ cms, createdBy: undefined, comment: undefined, facts: unrecognisedPayloadFacts(cms) });
const at = (current: number) => ({ version: current, head: undefined });
const db = () => client.db(dbName);
const newStore = (embeddedVersions: number) => createMongoSignatureStore({ db: db(), maxRecordBytes: 15 * 1024 * 1024, embeddedVersions });

beforeAll(async () => {
  client = new MongoClient(inject("mongoUri"));
  await client.connect();
  await newStore(4).ensureIndexes();
});
afterAll(async () => {
  await db().dropDatabase();
  await client.close();
});

async function fill(store: ReturnType<typeof newStore>, key: SignatureKey, count: number, payload = (n: number) => `MII${n}`) {
  await store.create(key, version(payload(1)), keep);
  for (let n = 2; n <= count; n++) {
    const appended = await store.append(key, at(n - 1), version(payload(n)), keep);
    if (appended.kind !== "appended") throw new Error(`append ${n}: ${appended.kind}`);
  }
}

describe("Bounded records", () => {
  it("embed their newest versions only, and every version reads back across the boundary", async () => {
    const store = newStore(4);
    const key = { document: "bounded", thread: "fifty" };
    await fill(store, key, 50);
    const record = await db().collection("signatures").findOne(key);
    expect(record?.["versions"].length).toBeLessThanOrEqual(4);
    expect(record?.["first_embedded"]).toBeGreaterThan(40);
    expect(await db().collection(archiveCollectionName).countDocuments(key)).toBe((record?.["first_embedded"] as number) - 1);
    for (const n of [1, 2, 25, 46, 47, 49, 50]) expect((await store.get(key, n))?.version.cms).toBe(`MII${n}`);
    expect((await store.get(key))?.version.cms).toBe("MII50");
    // Pages that lie in the archive, in the record, and across both.
    const page = async (offset: number, limit: number) => (await store.listVersions(key, offset, limit, true))?.versions.map((v) => v.cms);
    expect(await page(0, 3)).toEqual(["MII1", "MII2", "MII3"]);
    expect(await page(44, 4)).toEqual(["MII45", "MII46", "MII47", "MII48"]);
    expect(await page(48, 10)).toEqual(["MII49", "MII50"]);
    expect(await page(50, 10)).toEqual([]);
    const history = await store.listVersions(key, 0, 1000, true);
    expect(history?.versions.map((v) => v.version)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(verifyChain(key, history?.versions ?? [], history?.headHash)).toMatchObject({ intact: true, versionsChecked: 50 });
  });

  it("delete removes the moved versions too, and a record created anew under the key starts clean", async () => {
    const store = newStore(4);
    const key = { document: "bounded", thread: "deleted" };
    await fill(store, key, 12);
    expect(await store.delete(key)).toBe(true);
    expect(await db().collection(archiveCollectionName).countDocuments(key)).toBe(0);
    await fill(store, key, 6, (n) => `new${n}`);
    expect((await store.listVersions(key, 0, 100, true))?.versions.map((v) => v.cms)).toEqual([
      "new1",
      "new2",
      "new3",
      "new4",
      "new5",
      "new6",
    ]);
  });

  it("tolerates a move cut short between the archive write and the trim, and completes it on the next save", async () => {
    const store = newStore(4);
    const key = { document: "bounded", thread: "crash" };
    await fill(store, key, 4);
    // As if a move had written versions 1 and 2 to the archive and then crashed before trimming the record.
    const record = await db().collection("signatures").findOne(key);
    const copies = ((record?.["versions"] ?? []) as Record<string, unknown>[]).slice(0, 2);
    await db()
      .collection(archiveCollectionName)
      .insertMany(copies.map((entry) => ({ ...entry, ...key, record_id: record?._id })));
    expect((await store.listVersions(key, 0, 10, true))?.versions.map((v) => v.cms)).toEqual(["MII1", "MII2", "MII3", "MII4"]);
    expect((await store.get(key, 2))?.version.cms).toBe("MII2");
    // The next save needs room: the move meets its own copies, leaves them, and trims the record.
    expect((await store.append(key, at(4), version("MII5"), keep)).kind).toBe("appended");
    const history = await store.listVersions(key, 0, 10, true);
    expect(history?.versions.map((v) => v.cms)).toEqual(["MII1", "MII2", "MII3", "MII4", "MII5"]);
    expect(verifyChain(key, history?.versions ?? [], history?.headHash).intact).toBe(true);
  });

  it("repairs what interrupted moves and deletes left: versions in both places, versions of a deleted record", async () => {
    const store = newStore(4);
    const key = { document: "bounded", thread: "repair" };
    await fill(store, key, 4);
    const record = await db().collection("signatures").findOne(key);
    const copies = ((record?.["versions"] ?? []) as Record<string, unknown>[]).slice(0, 3);
    await db()
      .collection(archiveCollectionName)
      .insertMany(copies.map((entry) => ({ ...entry, ...key, record_id: record?._id })));
    // Versions of a record whose delete stopped after the record was gone.
    await db()
      .collection(archiveCollectionName)
      .insertOne({ ...copies[0], document: "gone", thread: "t", record_id: 987_654 });
    expect(await repairVersionArchive(db())).toEqual({ movesCompleted: 1, orphansRemoved: 1 });
    const trimmed = await db().collection("signatures").findOne(key);
    expect(trimmed?.["versions"].map((entry: { version: number }) => entry.version)).toEqual([4]);
    expect(trimmed?.["first_embedded"]).toBe(4);
    const history = await store.listVersions(key, 0, 10, true);
    expect(history?.versions.map((v) => v.cms)).toEqual(["MII1", "MII2", "MII3", "MII4"]);
    expect(verifyChain(key, history?.versions ?? [], history?.headHash).intact).toBe(true);
    expect((await store.append(key, at(4), version("MII5"), keep)).kind).toBe("appended");
    // Nothing left to repair.
    expect(await repairVersionArchive(db())).toEqual({ movesCompleted: 0, orphansRemoved: 0 });
  });

  it("keeps one winner per version when two instances race saves while versions move out", async () => {
    const stores = [newStore(4), newStore(4)];
    const key = { document: "bounded", thread: "race" };
    await stores[0]!.create(key, version("MII1"), keep);
    for (let current = 1; current <= 20; current++) {
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, (_, index) => stores[index % 2]!.append(key, at(current), version(`MII${current + 1}-${index}`), keep)),
      );
      expect(
        outcomes.filter((outcome) => outcome.kind === "appended"),
        `round ${current}`,
      ).toHaveLength(1);
    }
    const history = await stores[1]!.listVersions(key, 0, 100, true);
    expect(history?.versions.map((v) => v.version)).toEqual(Array.from({ length: 21 }, (_, index) => index + 1));
    expect(verifyChain(key, history?.versions ?? [], history?.headHash).intact).toBe(true);
  });

  it("takes 20,000 versions of 2 KB, and every one reads back", async () => {
    const store = createMongoSignatureStore({ db: db(), maxRecordBytes: 15 * 1024 * 1024 });
    const key = { document: "bounded", thread: "twenty thousand" };
    const payload = (n: number) => `${n}:`.padEnd(2048, "x");
    await fill(store, key, 20_000, payload);
    let read = 0;
    for (let offset = 0; offset < 20_000; offset += 1000) {
      const page = await store.listVersions(key, offset, 1000, true);
      for (const [index, entry] of (page?.versions ?? []).entries()) {
        expect(entry.cms).toBe(payload(offset + index + 1));
        read++;
      }
    }
    expect(read).toBe(20_000);
    expect((await store.get(key, 12_345))?.version.cms).toBe(payload(12_345));
    const record = await db()
      .collection("signatures")
      .findOne(key, { projection: { versions: 1 } });
    expect(record?.["versions"].length).toBeLessThanOrEqual(32);
  }, 600_000);
});
