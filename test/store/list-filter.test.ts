import { randomUUID } from "node:crypto";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listFilter, newestFirst } from "../../src/store/list-filter.js";
import type { SignatureDoc } from "../../src/store/signature-doc.js";
import type { ListQuery } from "../../src/store/signature-store.js";
import { plainForm } from "../../src/store/stored-form.js";

let client: MongoClient;
const dbName = `list_filter_${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  client = new MongoClient(inject("mongoUri"));
  await client.connect();
});
afterAll(async () => {
  await client.db(dbName).dropDatabase();
  await client.close();
});

const query = (filters: Partial<ListQuery>): ListQuery => ({
  document: undefined,
  thread: undefined,
  stage: undefined,
  tags: [],
  signedBy: { iin: undefined, bin: undefined, certificateSerial: undefined, payloadSha256: undefined },
  limit: 7,
  offset: 0,
  after: undefined,
  count: false,
  ...filters,
});

describe("List's keyset filter", () => {
  it("pages through records sharing a created_at without skipping or repeating one", async () => {
    const records = client.db(dbName).collection<SignatureDoc>("signatures");
    // 50 records (their List fields only) in 5 instants: every page boundary falls among records of one instant.
    await client
      .db(dbName)
      .collection<Pick<SignatureDoc, "_id" | "document" | "created_at">>("signatures")
      .insertMany(
        Array.from({ length: 50 }, (_, i) => ({
          _id: i + 1,
          document: i % 2 === 0 ? "even" : "odd",
          created_at: new Date(1_000 * (i % 5)),
        })),
      );
    for (const document of [undefined, "even"]) {
      const all = (
        await records
          .find(document === undefined ? {} : { document })
          .sort(newestFirst)
          .toArray()
      ).map((doc) => doc._id);
      const paged: number[] = [];
      let after: ListQuery["after"];
      for (;;) {
        const { pageFilter } = listFilter(query({ document, after }), plainForm.index);
        const page = await records.find(pageFilter).sort(newestFirst).limit(7).toArray();
        if (page.length === 0) break;
        paged.push(...page.map((doc) => doc._id));
        const last = page.at(-1)!;
        after = { createdAt: last.created_at, id: last._id };
      }
      expect(paged).toEqual(all);
    }
  });
});
