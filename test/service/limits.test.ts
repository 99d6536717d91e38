import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadRequestSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { expectRpcError } from "../helpers/expect-rpc-error.js";
import { protocols, type SignatureClient } from "../helpers/signature-clients.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
let client: SignatureClient;

beforeAll(async () => {
  // Small limits so that a test reaches them in a few calls.
  server = await startTestServer({ MAX_CMS_BYTES: "2048", MAX_RECORD_BYTES: "8192" });
  client = protocols["gRPC (connect-node client)"](server);
});
afterAll(async () => {
  await server.close();
});

describe("Size limits", () => {
  it("refuses a payload over MAX_CMS_BYTES, counting UTF-8 bytes", async () => {
    const error = await expectRpcError(client.save({ document: "big", thread: "t", cms: "ж".repeat(1025) }), Code.InvalidArgument);
    expect(error.findDetails(BadRequestSchema)[0]?.fieldViolations[0]?.field).toBe("cms");
    await expectRpcError(client.get({ document: "big", thread: "t" }), Code.NotFound);
    const fits = await client.save({ document: "big", thread: "t", cms: "ж".repeat(1024) });
    expect(fits.signature?.version).toBe(1);
  });

  it("moves older versions out of a record whose history passes MAX_RECORD_BYTES: every version still reads back", async () => {
    const key = { document: "history", thread: "t" };
    const cms = "x".repeat(2000);
    // About 2.6 KB each against 8 KiB: without the move, the fourth save would not fit.
    for (let version = 0; version < 12; version++) await client.save({ ...key, version, cms: `${version}${cms}` });
    const stored = await server.client.db(server.config.mongodbDb).collection("signatures").findOne(key);
    expect(stored?.["versions"].length).toBeLessThan(4);
    expect((await client.get(key)).signature).toMatchObject({ version: 12, cms: `11${cms}` });
    expect((await client.get({ ...key, version: 1 })).signature?.cms).toBe(`0${cms}`);
    const history = await client.listVersions({ ...key, includeCms: true });
    expect(history.versions.map((v) => Number.parseInt(v.cms, 10))).toEqual(Array.from({ length: 12 }, (_, index) => index));
    expect(await client.verify(key)).toMatchObject({ intact: true, versionsChecked: 12 });
    // A stale version is still refused.
    await expectRpcError(client.save({ ...key, version: 1, cms: "x" }), Code.Aborted);
  });

  it("cuts a request body far over the limit without harm to the service", async () => {
    const response = await fetch(`${server.baseUrl}/ncanode.signatures.v1.SignatureService/Save`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ document: "huge", thread: "t", cms: "x".repeat(2 * 1024 * 1024) }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await client.list({ document: "huge" })).signatures).toEqual([]);
  });
});

describe("Limits at a realistic payload size", () => {
  let large: TestServer;
  const payloadBytes = 1024 * 1024;

  beforeAll(async () => {
    large = await startTestServer({ MAX_CMS_BYTES: String(payloadBytes), MAX_RECORD_BYTES: String(6 * payloadBytes) });
  });
  afterAll(async () => {
    await large.close();
  });

  it("takes a payload within MAX_CMS_BYTES however much JSON escaping inflates it", async () => {
    // Go's encoding/json writes "<" as \u003c: six bytes on the wire for each byte of this payload.
    const cms = "<".repeat(payloadBytes);
    const escaped = "\\u003c".repeat(payloadBytes);
    const rest = await fetch(`${large.baseUrl}/signature`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"document":"escaped","thread":"rest","cms":"${escaped}"}`,
    });
    expect(rest.status).toBe(201);
    const connect = await fetch(`${large.baseUrl}/ncanode.signatures.v1.SignatureService/Save`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"document":"escaped","thread":"connect","cms":"${escaped}"}`,
    });
    expect(connect.status).toBe(200);
    const stored = await protocols["gRPC (connect-node client)"](large).get({ document: "escaped", thread: "connect" });
    expect(stored.signature?.cms.length).toBe(cms.length);
    expect(stored.signature?.cms === cms, "the stored payload differs from the one sent").toBe(true);
  });

  it("pages a history with payloads by bytes too, so that a stock gRPC client's 4 MiB receive limit holds", async () => {
    const writer = protocols["gRPC (connect-node client)"](large);
    const key = { document: "paged", thread: "by-bytes" };
    for (let version = 0; version < 5; version++) {
      await writer.save({ ...key, version, cms: String(version + 1).repeat(payloadBytes - 16) });
    }
    // @grpc/grpc-js refuses answers over 4 MiB unless told otherwise.
    const reader = protocols["gRPC port (@grpc/grpc-js client)"](large);
    const seen: number[] = [];
    for (let offset = 0; offset < 5; ) {
      const page = await reader.listVersions({ ...key, offset, includeCms: true });
      expect(page.currentVersion).toBe(5);
      expect(page.versions.length).toBeGreaterThan(0);
      for (const version of page.versions) expect(version.cms.slice(0, 1)).toBe(String(version.version));
      seen.push(...page.versions.map((version) => version.version));
      offset += page.versions.length;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});
