import { randomUUID } from "node:crypto";
import { type CommandSucceededEvent, MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { unrecognisedPayloadFacts } from "../../src/signatures/payload-inspection.js";
import { createMongoSignatureStore } from "../../src/store/mongo-signature-store.js";
import type { RecordChanges, VersionInput } from "../../src/store/signature-store.js";

let client: MongoClient;
let store: ReturnType<typeof createMongoSignatureStore>;
const dbName = `store_${randomUUID().slice(0, 8)}`;
/** Every reply the server sent, to see what reads transfer. */
const replies: CommandSucceededEvent[] = [];

const version = (cms: string): VersionInput => ({ cms, createdBy: undefined, comment: undefined, facts: unrecognisedPayloadFacts(cms) });
const keep: RecordChanges = { tags: undefined, stage: undefined, parent: undefined };

beforeAll(async () => {
  client = new MongoClient(inject("mongoUri"), { monitorCommands: true });
  client.on("commandSucceeded", (event) => replies.push(event));
  await client.connect();
  store = createMongoSignatureStore({ db: client.db(dbName), maxRecordBytes: 15 * 1024 * 1024 });
  await store.ensureIndexes();
});
afterAll(async () => {
  await client.db(dbName).dropDatabase();
  await client.close();
});

/** The precondition of an append on the current version alone. */
const at = (version: number) => ({ version, head: undefined });

describe("MongoDB store", () => {
  it("creates its indexes idempotently", async () => {
    await store.ensureIndexes();
    const names = (await client.db(dbName).collection("signatures").listIndexes().toArray()).map((index) => index.name);
    expect(names).toEqual(
      expect.arrayContaining(["document_thread_unique", "newest_first", "tags_newest_first", "thread_newest_first", "stage_newest_first"]),
    );
  });

  it("reads the current or one historical version without transferring the history", async () => {
    const key = { document: "long", thread: "history" };
    await store.create(key, version("v1 ".padEnd(10_000, "x")), keep);
    for (let v = 1; v < 30; v++) await store.append(key, at(v), version(`v${v + 1} `.padEnd(10_000, "x")), keep);

    const sentVersions = async (read: () => Promise<unknown>) => {
      replies.length = 0;
      await read();
      const reply = replies.find((event) => event.commandName === "find")?.reply as { cursor: { firstBatch: { versions: unknown[] }[] } };
      return reply.cursor.firstBatch[0]?.versions.length;
    };
    expect(await sentVersions(() => store.get(key))).toBe(1);
    expect(await sentVersions(() => store.get(key, 7))).toBe(1);
    expect((await store.get(key, 7))?.version.cms).toMatch(/^v7 /);
    expect((await store.get(key))?.version.cms).toMatch(/^v30 /);
    expect(await sentVersions(() => store.listVersions(key, 10, 5, false))).toBe(5);
  });

  it("hands out increasing ids that are never reused, not even after a delete", async () => {
    const first = await store.create({ document: "ids", thread: "a" }, version("x"), keep);
    const second = await store.create({ document: "ids", thread: "b" }, version("x"), keep);
    expect([first.kind, second.kind]).toEqual(["created", "created"]);
    if (first.kind !== "created" || second.kind !== "created") return;
    expect(second.record.id).toBeGreaterThan(first.record.id);
    await store.delete({ document: "ids", thread: "b" });
    const third = await store.create({ document: "ids", thread: "b" }, version("x"), keep);
    expect(third.kind).toBe("created");
    if (third.kind === "created") expect(third.record.id).toBeGreaterThan(second.record.id);
  });

  it("reserves ids in blocks: one counter write per block, unique across instances, increasing within each", async () => {
    const stores = [0, 1].map(() => createMongoSignatureStore({ db: client.db(dbName), maxRecordBytes: 1_000_000, idBlockSize: 10 }));
    replies.length = 0;
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        stores[index % 2]!.create({ document: "id blocks", thread: `t${index}` }, version("x"), keep),
      ),
    );
    const counterWrites = replies.filter((event) => event.commandName === "findAndModify").length;
    const ids = created.map((outcome) => (outcome.kind === "created" ? outcome.record.id : Number.NaN));
    expect(new Set(ids).size).toBe(50);
    // 25 creates per instance in blocks of 10: three blocks each.
    expect(counterWrites).toBe(6);
    for (const parity of [0, 1]) {
      const own = ids.filter((_, index) => index % 2 === parity);
      expect(own).toEqual([...own].sort((a, b) => a - b));
    }
  });

  it("appends without reading first onto the head it remembers, and after a read when another instance moved it on", async () => {
    const other = createMongoSignatureStore({ db: client.db(dbName), maxRecordBytes: 15 * 1024 * 1024 });
    const key = { document: "two instances", thread: "t" };
    await store.create(key, version("v1"), keep);
    const commands = async (write: () => Promise<unknown>) => {
      replies.length = 0;
      const outcome = await write();
      return { outcome, names: replies.map((event) => event.commandName) };
    };
    // This instance created the record: its append goes straight to the conditional update.
    expect((await commands(() => store.append(key, at(1), version("v2"), keep))).names).toEqual(["findAndModify"]);
    // The other instance never saw the record: it reads the head first.
    const second = await commands(() => other.append(key, at(2), version("v3"), keep));
    expect(second.names).toEqual(["find", "findAndModify"]);
    expect(second.outcome).toMatchObject({ kind: "appended", record: { currentVersion: 3 } });
    // The first instance's remembered head (version 2) is now stale: a save on version 2 is refused after a read,
    // one on version 3 succeeds after a read, and neither writes onto the wrong head.
    expect(await store.append(key, at(2), version("stale"), keep)).toEqual({ kind: "version-mismatch", currentVersion: 3 });
    const third = await commands(() => store.append(key, at(3), version("v4"), keep));
    expect(third.outcome).toMatchObject({ kind: "appended", record: { currentVersion: 4 } });
    const history = await store.listVersions(key, 0, 10, true);
    expect(history?.versions.map((entry) => entry.cms)).toEqual(["v1", "v2", "v3", "v4"]);
    expect(history?.versions.map((entry) => entry.prevHash)).toEqual(["0".repeat(64), ...history!.versions.slice(0, 3).map((e) => e.hash)]);
  });

  it("tells a stale version, a missing record and a full history apart, writing nothing", async () => {
    const small = createMongoSignatureStore({ db: client.db(dbName), maxRecordBytes: 1000 });
    const key = { document: "outcomes", thread: "t" };
    expect((await small.append(key, at(1), version("x"), keep)).kind).toBe("not-found");
    await small.create(key, version("x".repeat(500)), keep);
    expect(await small.append(key, at(3), version("y"), keep)).toEqual({ kind: "version-mismatch", currentVersion: 1 });
    expect(await small.append(key, at(1), version("z".repeat(500)), keep)).toMatchObject({ kind: "too-large", maxBytes: 1000 });
    expect((await small.get(key))?.currentVersion).toBe(1);
  });
});
