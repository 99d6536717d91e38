import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type Collection, MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { inspectPayload, unrecognisedPayloadFacts } from "../../src/signatures/payload-inspection.js";
import { createMongoSignatureStore } from "../../src/store/mongo-signature-store.js";
import { backfillPayloadFacts } from "../../src/store/payload-facts-backfill.js";
import { newSignatureDoc, type SignatureDoc, toVersionDoc } from "../../src/store/signature-doc.js";
import type { ListQuery, VersionInput } from "../../src/store/signature-store.js";

let client: MongoClient;
let records: Collection<SignatureDoc>;
let store: ReturnType<typeof createMongoSignatureStore>;
const dbName = `backfill_${randomUUID().slice(0, 8)}`;
const maxRecordBytes = 1024 * 1024;
/** Kalkan-signed XML samples (test/fixtures/nca/README.md). */
let rsaXml: string;
let rsaAndGostXml: string;

const input = (cms: string): VersionInput => ({ cms, createdBy: undefined, comment: undefined, facts: unrecognisedPayloadFacts(cms) });
const noChanges = { tags: undefined, stage: undefined, parent: undefined };

/** A record as the service stored it before payloads were inspected: versions without facts or hashes, no signer index fields. */
function oldRecord(id: number, thread: string, payloads: string[], historyBytes = 10_000): SignatureDoc {
  const now = new Date();
  const doc = newSignatureDoc(id, { document: "old", thread }, input(payloads[0]!), noChanges, now);
  doc.versions = payloads.map((cms, index) => {
    const {
      facts: _,
      hash: __,
      prev_hash: ___,
      ...withoutFacts
    } = toVersionDoc({ document: "old", thread }, index + 1, input(cms), now, "");
    return withoutFacts;
  });
  doc.version = payloads.length;
  doc.history_bytes = historyBytes;
  delete doc.signer_iins;
  delete doc.signer_bins;
  delete doc.certificate_serials;
  delete doc.payload_sha256s;
  delete doc.head_hash;
  return doc;
}

const listBy = (signedBy: Partial<ListQuery["signedBy"]>) =>
  store.list({
    document: "old",
    thread: undefined,
    stage: undefined,
    tags: [],
    signedBy: { iin: undefined, bin: undefined, certificateSerial: undefined, payloadSha256: undefined, ...signedBy },
    limit: 100,
    offset: 0,
    after: undefined,
    count: false,
  });

beforeAll(async () => {
  const fixture = (name: string) => readFile(new URL(`../fixtures/nca/${name}`, import.meta.url), "utf8");
  rsaXml = await fixture("kalkan-rsa-signed.xml");
  rsaAndGostXml = await fixture("kalkan-rsa-and-gost-signed.xml");
  client = new MongoClient(inject("mongoUri"));
  await client.connect();
  records = client.db(dbName).collection("signatures");
  store = createMongoSignatureStore({ db: client.db(dbName), maxRecordBytes });
  await store.ensureIndexes();
  await records.insertMany([
    oldRecord(101, "rsa", [rsaXml]),
    oldRecord(102, "legacy-then-gost", ["MIIBlegacyStandIn", rsaAndGostXml]),
    // No room left in its size budget for the facts of its signer.
    oldRecord(103, "full", [rsaXml], maxRecordBytes - 100),
  ]);
  // A record saved since: it has its facts and must not be touched.
  const created = await store.create({ document: "old", thread: "new" }, { ...input(rsaXml), facts: inspectPayload(rsaXml) }, noChanges);
  expect(created.kind).toBe("created");
});
afterAll(async () => {
  await client.db(dbName).dropDatabase();
  await client.close();
});

describe("Backfill of payload facts", () => {
  it("gives every version saved before inspection its facts, and List finds the records by signer", async () => {
    const progress: number[] = [];
    const summary = await backfillPayloadFacts(client.db(dbName), {
      maxRecordBytes,
      batchSize: 2,
      onProgress: (totals) => progress.push(totals.records),
    });
    expect(summary).toEqual({ records: 3, filled: 3, unrecognised: 1, tooLarge: 1, skipped: 0 });
    expect(progress).toEqual([2, 3]);

    const current = await store.get({ document: "old", thread: "legacy-then-gost" });
    expect(current?.version.facts?.signers.map((signer) => signer.subject.iin)).toEqual(["123456789011", "123456789012"]);
    expect((await store.get({ document: "old", thread: "legacy-then-gost" }, 1))?.version.facts?.format).toBe("unknown");
    expect((await store.get({ document: "old", thread: "full" }))?.version.facts).toBeUndefined();

    const threads = async (signedBy: Partial<ListQuery["signedBy"]>) =>
      (await listBy(signedBy)).records.map((record) => record.thread).sort();
    expect(await threads({ iin: "123456789011" })).toEqual(["legacy-then-gost", "new", "rsa"]);
    expect(await threads({ iin: "123456789012" })).toEqual(["legacy-then-gost"]);
  });

  it("finds nothing more to do when run again", async () => {
    const summary = await backfillPayloadFacts(client.db(dbName), { maxRecordBytes });
    // Only the record without room is read again; nothing is written.
    expect(summary).toEqual({ records: 1, filled: 0, unrecognised: 0, tooLarge: 1, skipped: 0 });
  });
});
