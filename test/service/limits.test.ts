import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadRequestSchema, ErrorInfoSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
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
    const error = await expectRpcError(
      client.save({ document: "big", thread: "t", cms: "ж".repeat(1025) }),
      Code.InvalidArgument,
    );
    expect(error.findDetails(BadRequestSchema)[0]?.fieldViolations[0]?.field).toBe("cms");
    await expectRpcError(client.get({ document: "big", thread: "t" }), Code.NotFound);
    const fits = await client.save({ document: "big", thread: "t", cms: "ж".repeat(1024) });
    expect(fits.signature?.version).toBe(1);
  });

  it("refuses a save that would grow the history past MAX_RECORD_BYTES with RESOURCE_EXHAUSTED, keeping the record whole", async () => {
    const key = { document: "history", thread: "t" };
    const cms = "x".repeat(2000);
    let version = 0;
    let error: unknown;
    while (error === undefined && version < 10) {
      await client.save({ ...key, version, cms: `${version}${cms}` }).then(
        () => version++,
        (reason: unknown) => (error = reason),
      );
    }
    expect(version).toBe(3); // 3 × (2001 + framing) fits in 8192, a fourth does not
    const refused = await expectRpcError(client.save({ ...key, version, cms }), Code.ResourceExhausted);
    expect(refused.findDetails(ErrorInfoSchema)[0]?.reason).toBe("HISTORY_TOO_LARGE");

    const current = await client.get(key);
    expect(current.signature).toMatchObject({ version: 3, cms: `2${cms}` });
    const history = await client.listVersions({ ...key, includeCms: true });
    expect(history.versions.map((v) => v.cms.slice(0, 1))).toEqual(["0", "1", "2"]);
    // A stale version is still told apart from a full history.
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
