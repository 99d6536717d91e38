import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRpcError } from "../helpers/expect-rpc-error.js";
import { protocols, type SignatureClient } from "../helpers/signature-clients.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
let client: SignatureClient;

beforeAll(async () => {
  server = await startTestServer();
  client = protocols["Connect binary (HTTP/2)"](server);
  // 12 records: documents d0..d2, threads t0..t3, stage by thread parity, tags by index.
  for (let i = 0; i < 12; i++) {
    await client.save({
      document: `d${i % 3}`,
      thread: `t${i % 4}`,
      cms: `cms ${i}`,
      stage: i % 2 === 0 ? "even" : "odd",
      tags: [`tag${i % 5}`, i < 6 ? "early" : "late"],
    });
  }
  // A second version on one record: listing shows it, and it stays in its created_at place.
  await client.save({ document: "d0", thread: "t0", version: 1, cms: "cms 0, version 2" });
});
afterAll(async () => {
  await server.close();
});

const cmsOf = (page: { signatures: { cms: string }[] }) => page.signatures.map((s) => s.cms);

describe("List", () => {
  it("returns records newest first with their current version", async () => {
    const page = await client.list({});
    expect(cmsOf(page)).toEqual([
      "cms 11",
      "cms 10",
      "cms 9",
      "cms 8",
      "cms 7",
      "cms 6",
      "cms 5",
      "cms 4",
      "cms 3",
      "cms 2",
      "cms 1",
      "cms 0, version 2",
    ]);
    const ids = page.signatures.map((s) => s.id);
    expect([...ids].sort((a, b) => (a < b ? 1 : -1))).toEqual(ids);
    expect(page.nbResults).toBeUndefined();
  });

  it("filters by document, thread and stage together", async () => {
    expect(cmsOf(await client.list({ document: "d1" }))).toEqual(["cms 10", "cms 7", "cms 4", "cms 1"]);
    expect(cmsOf(await client.list({ thread: "t1" }))).toEqual(["cms 9", "cms 5", "cms 1"]);
    expect(cmsOf(await client.list({ stage: "even", document: "d0" }))).toEqual(["cms 6", "cms 0, version 2"]);
    expect(cmsOf(await client.list({ document: "d0", thread: "t1" }))).toEqual(["cms 9"]);
    expect(cmsOf(await client.list({ document: "nothing" }))).toEqual([]);
  });

  it("matches records having any of the given tags", async () => {
    expect(cmsOf(await client.list({ tags: ["tag1"] }))).toEqual(["cms 11", "cms 6", "cms 1"]);
    expect(cmsOf(await client.list({ tags: ["tag1", "tag2"] }))).toEqual(["cms 11", "cms 7", "cms 6", "cms 2", "cms 1"]);
    expect(cmsOf(await client.list({ tags: ["late"], stage: "odd" }))).toEqual(["cms 11", "cms 9", "cms 7"]);
  });

  it("pages with limit and offset and counts all matches", async () => {
    const page = await client.list({ tags: ["early"], limit: 2, offset: 1, count: true });
    expect(cmsOf(page)).toEqual(["cms 4", "cms 3"]);
    expect(page.nbResults).toBe(6n);
    const beyond = await client.list({ limit: 5, offset: 50, count: true });
    expect(cmsOf(beyond)).toEqual([]);
    expect(beyond.nbResults).toBe(12n);
  });

  it("refuses a page size over 1000 and a negative offset", async () => {
    await expectRpcError(client.list({ limit: 1001 }), Code.InvalidArgument);
    await expectRpcError(client.list({ limit: -1 }), Code.InvalidArgument);
    await expectRpcError(client.list({ offset: -1 }), Code.InvalidArgument);
    expect((await client.list({ limit: 1000 })).signatures).toHaveLength(12);
  });

  it("serves 100 records when no limit is given", async () => {
    for (let i = 0; i < 101; i++) await client.save({ document: "many", thread: `m${i}`, cms: "x" });
    expect((await client.list({ document: "many" })).signatures).toHaveLength(100);
    expect((await client.list({ document: "many", limit: 101 })).signatures).toHaveLength(101);
  });
});
