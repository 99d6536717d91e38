import { randomBytes, randomUUID } from "node:crypto";
import { type Document, MinKey, MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listFilter, newestFirst } from "../../src/store/list-filter.js";
import { createMongoSignatureStore } from "../../src/store/mongo-signature-store.js";
import { shardCollections } from "../../src/store/sharding.js";
import { currentOnly, type SignatureDoc } from "../../src/store/signature-doc.js";
import type { ListQuery } from "../../src/store/signature-store.js";
import { createSignerIndex, type SignerIndex } from "../../src/store/signer-index.js";

/**
 * Every List shape the store sends, asked of the query planner: the winning plan
 * scans an index and has no blocking (in-memory) SORT stage. Through a mongos (the
 * sharded CI job) also: List by document goes to one shard, List without it to all.
 */

const client = new MongoClient(inject("mongoUri"));
await client.connect();
const admin = client.db("admin");
// Every mongod and mongos answers buildInfo with its gitVersion; the local MongoDB-wire
// server (mongo-java-server) answers only a version, and it has no explain command.
const hasPlanner = "gitVersion" in (await admin.command({ buildInfo: 1 }));
const isMongos = (await admin.command({ hello: 1 }))["msg"] === "isdbgrid";
// Without a planner nothing below runs, and hooks of a file whose tests are all skipped do not run either.
if (!hasPlanner) await client.close();
const noPlanner = "the local MongoDB-wire engine has no query planner: explain runs against a real mongod in CI";

const dbName = `explain_${randomUUID().slice(0, 8)}`;
const db = client.db(dbName);
const records = db.collection<SignatureDoc>("signatures");

beforeAll(async () => {
  if (!hasPlanner) return;
  await createMongoSignatureStore({ db, maxRecordBytes: 1024 * 1024 }).ensureIndexes();
  await shardCollections(db);
  // Enough records that the planner ranks plans on data, with arrays in every multikey field.
  const start = Date.UTC(2025, 0, 1);
  await records.insertMany(
    Array.from({ length: 600 }, (_, i) => ({
      _id: i + 1,
      document: `d${String(i % 30).padStart(2, "0")}`,
      thread: `t${Math.floor(i / 30)}`,
      version: 1,
      versions: [],
      tags: [`tag${i % 7}`, `tag${(i + 3) % 7}`],
      stage: `stage${i % 5}`,
      parent: null,
      created_at: new Date(start + Math.floor(i / 3) * 1000),
      updated_at: new Date(start + i * 1000),
      history_bytes: 0,
      signer_iins: [`iin${i % 11}`, `iin${(i + 1) % 11}`],
      signer_bins: [`bin${i % 13}`],
      certificate_serials: [`serial${i % 17}`, `serial${(i + 5) % 17}`],
      payload_sha256s: [`sha${i % 19}`],
    })),
  );
}, 120_000);
afterAll(async () => {
  if (hasPlanner) await db.dropDatabase();
  await client.close();
});

const query = (filters: Partial<ListQuery>): ListQuery => ({
  document: undefined,
  thread: undefined,
  stage: undefined,
  tags: [],
  signedBy: { iin: undefined, bin: undefined, certificateSerial: undefined, payloadSha256: undefined },
  limit: 100,
  offset: 0,
  after: undefined,
  count: false,
  ...filters,
});
const signedBy = (filter: Partial<ListQuery["signedBy"]>): Partial<ListQuery> => ({ signedBy: { ...query({}).signedBy, ...filter } });

const plain = createSignerIndex(undefined);
/** With encryption at rest a signer filter is an $in of the hash and the clear value. */
const hashed = createSignerIndex(randomBytes(32));

/** Every List shape: each filter alone, the signer filters in both stored forms. */
const shapes: [string, Partial<ListQuery>, SignerIndex][] = [
  ["no filter", {}, plain],
  ["document", { document: "d03" }, plain],
  ["thread", { thread: "t4" }, plain],
  ["stage", { stage: "stage2" }, plain],
  ["one tag", { tags: ["tag1"] }, plain],
  ["several tags", { tags: ["tag1", "tag4", "tag6"] }, plain],
  ["signer IIN", signedBy({ iin: "iin3" }), plain],
  ["signer BIN", signedBy({ bin: "bin5" }), plain],
  ["certificate serial", signedBy({ certificateSerial: "serial7" }), plain],
  ["payload SHA-256", signedBy({ payloadSha256: "sha11" }), plain],
  ["signer IIN, hashed", signedBy({ iin: "iin3" }), hashed],
  ["signer BIN, hashed", signedBy({ bin: "bin5" }), hashed],
  ["certificate serial, hashed", signedBy({ certificateSerial: "serial7" }), hashed],
];
/** A record in the middle of the order, as a page token names it: its created_at is shared with two others. */
const after = { createdAt: new Date(Date.UTC(2025, 0, 1) + 100 * 1000), id: 301 };

/** The explain of exactly what the store's list sends for the page. */
async function explainList(listQuery: ListQuery, index: SignerIndex): Promise<Document> {
  const { pageFilter } = listFilter(listQuery, index);
  return records
    .find(pageFilter, { projection: currentOnly })
    .sort(newestFirst)
    .skip(listQuery.offset)
    .limit(listQuery.limit)
    .explain("queryPlanner");
}

/** The stages of the winning plan (on a mongos, of every shard's winning plan), rejected plans left out. */
function winningStages(explain: Document): Document[] {
  const stages: Document[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === "object") {
      if (typeof (node as Document)["stage"] === "string") stages.push(node as Document);
      for (const [key, value] of Object.entries(node)) if (key !== "rejectedPlans") walk(value);
    }
  };
  walk(explain["queryPlanner"]["winningPlan"]);
  return stages;
}

const names = (stages: Document[]) => stages.map((stage) => stage["stage"] as string);
const scans = (stages: Document[]) => stages.filter((stage) => stage["stage"] === "IXSCAN");

/** The reason is in the name, as the report shows it (test/helpers/server-behind-proxy.ts does the same). */
const named = (name: string, runs: boolean, reason: string) => (runs ? name : `${name} (skipped: ${reason})`);

// Skipped here (noPlanner says why, in the names the report shows): these plans are then unchecked, not passed.
describe(named("List's query plans", hasPlanner, noPlanner), () => {
  for (const [name, filters, index] of shapes) {
    for (const paged of [false, true]) {
      const listQuery = query({ ...filters, ...(paged ? { after } : {}) });
      // Skipped without a planner (noPlanner): unchecked, not passed.
      it.skipIf(!hasPlanner)(`${name}${paged ? ", after a page token" : ""}: an index scan, no blocking sort`, async () => {
        const stages = winningStages(await explainList(listQuery, index));
        const described = JSON.stringify(names(stages));
        expect(scans(stages).length, described).toBeGreaterThan(0);
        expect(names(stages), described).not.toContain("COLLSCAN");
        expect(names(stages), described).not.toContain("SORT");
        if (paged) {
          // The keyset bounds the scan: it starts at `after`, not at the newest entry.
          for (const scan of scans(stages)) {
            expect(scan["indexBounds"]["created_at"].join(), JSON.stringify(scan["indexBounds"])).not.toContain("MaxKey");
          }
        }
      });
    }
  }

  // Skipped without a planner (noPlanner): unchecked, not passed.
  it.skipIf(!hasPlanner)("document and thread (the unique key): an index scan; a sort, if any, is of at most one record", async () => {
    const stages = winningStages(await explainList(query({ document: "d03", thread: "t2" }), plain));
    expect(scans(stages).length).toBeGreaterThan(0);
    expect(names(stages)).not.toContain("COLLSCAN");
    if (names(stages).includes("SORT")) {
      expect(scans(stages).map((scan) => scan["indexName"])).toEqual(["document_thread_unique"]);
    }
  });
});

const notMongos = "the run's database is not reached through a mongos (the sharded CI job runs these)";
// Skipped unless through a mongos (notMongos says why): the routing is then unchecked, not passed.
describe.skipIf(!isMongos)(named("List through a mongos, the collection in two chunks on two shards", isMongos, notMongos), () => {
  const shardsOf = async (listQuery: ListQuery) =>
    ((await explainList(listQuery, plain))["queryPlanner"]["winningPlan"]["shards"] as Document[]).map((shard) => shard["shardName"]);

  beforeAll(async () => {
    const namespace = `${dbName}.signatures`;
    const { shards } = await admin.command({ listShards: 1 });
    const shardNames = (shards as Document[]).map((shard) => shard["_id"] as string);
    expect(shardNames.length).toBeGreaterThanOrEqual(2);
    // Documents d00–d14 in one chunk, d15–d29 in the other, each on its own shard.
    await admin.command({ split: namespace, middle: { document: "d15", thread: new MinKey() } });
    const [lowOwner] = await shardsOf(query({ document: "d03" }));
    const [highOwner] = await shardsOf(query({ document: "d20" }));
    if (lowOwner === highOwner) {
      const other = shardNames.find((shard) => shard !== lowOwner);
      await admin.command({ moveChunk: namespace, find: { document: "d20", thread: "t0" }, to: other, _waitForDelete: true });
    }
  }, 120_000);

  it("List by document goes to the one shard owning that document's range", async () => {
    const low = await shardsOf(query({ document: "d03" }));
    const high = await shardsOf(query({ document: "d20" }));
    expect(low).toHaveLength(1);
    expect(high).toHaveLength(1);
    expect(low).not.toEqual(high);
  });

  it("List without a document asks every shard (scatter-gather, merged in order by the mongos)", async () => {
    expect(await shardsOf(query({}))).toHaveLength(2);
    expect(await shardsOf(query({ thread: "t4" }))).toHaveLength(2);
  });
});
