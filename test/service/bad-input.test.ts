import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadRequestSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { expectRpcError } from "../helpers/expect-rpc-error.js";
import { protocols, type SignatureClient } from "../helpers/signature-clients.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
let client: SignatureClient;

beforeAll(async () => {
  server = await startTestServer();
  client = protocols["Connect binary (HTTP/2)"](server);
  await client.save({ document: "kept", thread: "t", cms: "original", tags: ["a"] });
});
afterAll(async () => {
  // Nothing stored was touched by any refused request.
  const kept = await client.get({ document: "kept", thread: "t" });
  expect(kept.signature).toMatchObject({ version: 1, cms: "original", tags: ["a"] });
  await server.close();
});

async function violatedFields(call: Promise<unknown>): Promise<string[]> {
  const error = await expectRpcError(call, Code.InvalidArgument);
  return error.findDetails(BadRequestSchema)[0]?.fieldViolations.map((v) => v.field) ?? [];
}

const long = (n: number) => "x".repeat(n);

describe("Bad input", () => {
  it.each([
    ["Get without document", () => client.get({ thread: "t" }), ["document"]],
    ["Get without thread", () => client.get({ document: "kept" }), ["thread"]],
    ["Get with a negative version", () => client.get({ document: "kept", thread: "t", version: -1 }), ["version"]],
    ["Delete without a key", () => client.delete({}), ["document", "thread"]],
    ["ListVersions with a page too large", () => client.listVersions({ document: "kept", thread: "t", limit: 1001 }), ["limit"]],
    ["Save with a negative version", () => client.save({ document: "kept", thread: "t", version: -3, cms: "x" }), ["version"]],
    ["Save with a document too long", () => client.save({ document: long(256), thread: "t", cms: "x" }), ["document"]],
    [
      "Save with an author too long",
      () => client.save({ document: "kept", thread: "t", version: 1, cms: "x", versionCreatedBy: long(256) }),
      ["version_created_by"],
    ],
    [
      "Save with a comment too long",
      () => client.save({ document: "kept", thread: "t", version: 1, cms: "x", versionComment: long(1025) }),
      ["version_comment"],
    ],
    [
      "Save with too many tags",
      () => client.save({ document: "kept", thread: "t", version: 1, cms: "x", tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }),
      ["tags"],
    ],
    ["Save with a tag too long", () => client.save({ document: "kept", thread: "t", version: 1, cms: "x", tags: [long(256)] }), ["tags"]],
    [
      "Save clearing and setting tags",
      () => client.save({ document: "kept", thread: "t", version: 1, cms: "x", tags: ["b"], clearTags: true }),
      ["clear_tags"],
    ],
    ["Save with a stage too long", () => client.save({ document: "kept", thread: "t", version: 1, cms: "x", stage: long(256) }), ["stage"]],
    ["Save with a negative parent", () => client.save({ document: "kept", thread: "t", version: 1, cms: "x", parent: -1n }), ["parent"]],
    ["List with a negative offset and a tag too long", () => client.list({ offset: -5, tags: [long(300)] }), ["tags", "offset"]],
  ] as const)("%s → INVALID_ARGUMENT naming the field", async (_, call, fields) => {
    expect(await violatedFields(call())).toEqual(fields);
  });

  const rpc = (method: string) => `${server.baseUrl}/ncanode.signatures.v1.SignatureService/${method}`;

  it("answers malformed JSON with invalid_argument", async () => {
    const response = await fetch(rpc("Save"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"document": "kept", "thread":',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe("invalid_argument");
  });

  it("answers a field of the wrong type with invalid_argument", async () => {
    const response = await fetch(rpc("Save"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ document: "kept", thread: "t", version: "one", cms: "x" }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe("invalid_argument");
  });

  it("answers a malformed binary message with a Connect error and goes on serving", async () => {
    const response = await fetch(rpc("Save"), {
      method: "POST",
      headers: { "content-type": "application/proto" },
      body: new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]),
    });
    // connect-es decodes request messages before any service code runs and reports a
    // binary decoding failure as "internal"; the RPC handler makes it the client's error.
    const body = (await response.json()) as { code: string; message: string };
    expect(response.status).toBe(400);
    expect(body.code).toBe("invalid_argument");
    expect(body.message).toMatch(/could not be decoded: parse binary/);
    expect((await client.get({ document: "kept", thread: "t" })).signature?.cms).toBe("original");
  });

  it("answers an unknown procedure with 404 and an unsupported content type with 415", async () => {
    expect((await fetch(rpc("Nope"), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(404);
    expect((await fetch(rpc("Get"), { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" })).status).toBe(415);
  });
});
