import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWithOpenssl } from "../helpers/openssl-cms.js";
import { restCall } from "../helpers/rest-call.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
let cms: string;
const time = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

beforeAll(async () => {
  [server, cms] = await Promise.all([startTestServer(), signWithOpenssl("document doc_12, ticket_42")]);
});
afterAll(async () => {
  await server.close();
});

const call = (method: string, path: string, options?: Parameters<typeof restCall>[3]) => restCall(server.baseUrl, method, path, options);

describe("The documented API, replayed request by request", () => {
  it("POST /signature saves and answers 201 with the documented record", async () => {
    expect(cms).toMatch(/^MI[A-Za-z0-9+/]+=*$/); // a real DER SignedData, base64
    const reply = await call("POST", "/signature", {
      json: {
        document: "doc_12",
        thread: "ticket_42",
        version: 1,
        cms,
        version_created_by: "some_user",
        version_comment: "some comment",
        tags: ["customer_1", "process_1"],
      },
    });
    expect(reply.status).toBe(201);
    expect(reply.headers["content-type"]).toMatch(/^application\/json/);
    expect(reply.body.status).toBe(true);
    expect(reply.body.message).toBeNull();
    const signature = reply.body.content?.["signature"] as Record<string, unknown>;
    expect(signature).toMatchObject({
      version: 1,
      document: "doc_12",
      thread: "ticket_42",
      signature: cms,
      cms,
      version_created_by: "some_user",
      version_comment: "some comment",
      tags: ["customer_1", "process_1"],
    });
    expect(Number.isInteger(signature["id"])).toBe(true);
    for (const field of ["version_created_at", "created_at", "updated_at"]) expect(signature[field]).toMatch(time);
    // Every field the document shows is there.
    for (const field of [
      "id",
      "version",
      "document",
      "thread",
      "signature",
      "version_created_by",
      "version_created_at",
      "version_comment",
      "tags",
      "created_at",
      "updated_at",
    ]) {
      expect(signature).toHaveProperty(field);
    }
  });

  it("GET /signature reads it back, with parameters as JSON body or query", async () => {
    const byBody = await call("GET", "/signature", { json: { document: "doc_12", thread: "ticket_42" } });
    expect(byBody.status).toBe(200);
    expect(byBody.body).toMatchObject({ status: true, message: null, content: { signature: { version: 1, signature: cms } } });
    const byQuery = await call("GET", "/signature?document=doc_12&thread=ticket_42");
    expect(byQuery.body).toEqual(byBody.body);
  });

  it("POST /signature with the current version appends version 2; a stale or missing version is 400", async () => {
    const next = await call("POST", "/signature", { json: { document: "doc_12", thread: "ticket_42", version: 1, cms: `${cms}` } });
    expect(next.status).toBe(201);
    expect(next.body.content?.["signature"]).toMatchObject({ version: 2, tags: ["customer_1", "process_1"] });

    const stale = await call("POST", "/signature", { json: { document: "doc_12", thread: "ticket_42", version: 1, cms } });
    expect(stale).toMatchObject({ status: 400, body: { status: false, content: null } });
    expect(stale.body.message).toMatch(/^Version provided is not equal to actual signature version/);
    expect(stale.body.message).toContain("2");

    const missing = await call("POST", "/signature", { json: { document: "doc_12", thread: "ticket_42", cms } });
    expect(missing).toMatchObject({ status: 400, body: { status: false, message: "Version must be set", content: null } });

    const historical = await call("GET", "/signature?document=doc_12&thread=ticket_42&version=1");
    expect(historical.body.content?.["signature"]).toMatchObject({ version: 1, current_version: 2 });
  });

  it("GET /signatures lists newest first with chain, stage, parent, and counts", async () => {
    const parentId = ((await call("GET", "/signature?document=doc_12&thread=ticket_42")).body.content!["signature"] as { id: number }).id;
    await call("POST", "/signature", {
      json: { document: "doc_12", thread: "ticket_43", cms, stage: "stage_1", parent: parentId, tags: ["customer_1"] },
    });
    const reply = await call("GET", "/signatures", { json: { document: "doc_12", tags: ["customer_1"], count: true } });
    expect(reply.status).toBe(200);
    const signatures = reply.body.content?.["signatures"] as Record<string, unknown>[];
    expect(signatures.map((s) => [s["chain"], s["stage"], s["parent"]])).toEqual([
      ["ticket_43", "stage_1", parentId],
      ["ticket_42", null, null],
    ]);
    expect(signatures[0]).toMatchObject({ document: "doc_12", signature: cms, tags: ["customer_1"] });
    expect(signatures[0]?.["created_at"]).toMatch(time);
    expect(reply.body.content?.["nb_results"]).toBe(2);

    const byChain = await call("GET", "/signatures?chain=ticket_43");
    expect(byChain.body.content?.["signatures"]).toHaveLength(1);
    expect(byChain.body.content).not.toHaveProperty("nb_results");
  });

  it("DELETE /signature answers {status: true} and the record is gone", async () => {
    const reply = await call("DELETE", "/signature", { json: { document: "doc_12", thread: "ticket_43" } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: true });
    const gone = await call("GET", "/signature?document=doc_12&thread=ticket_43");
    expect(gone).toMatchObject({ status: 404, body: { status: false, message: "Signature not found", content: null } });
  });

  it("GET /signature/versions pages the history (an extension)", async () => {
    const reply = await call("GET", "/signature/versions?document=doc_12&thread=ticket_42&include_cms=1");
    expect(reply.status).toBe(200);
    expect(reply.body.content).toMatchObject({
      current_version: 2,
      versions: [
        { version: 1, signature: cms, version_created_by: "some_user", version_comment: "some comment" },
        { version: 2, signature: cms, version_created_by: null },
      ],
    });
  });
});
