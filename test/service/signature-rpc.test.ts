import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadRequestSchema, ErrorInfoSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { expectRpcError } from "../helpers/expect-rpc-error.js";
import { type ProtocolName, protocols } from "../helpers/signature-clients.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

const cms = "MIIIrwYJKoZIhvcNAQcCoIIIoDCCCx+EWy11vQtlLdPQ==";
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe.each(Object.keys(protocols) as ProtocolName[])("SignatureService over %s", (protocol) => {
  const client = () => protocols[protocol](server);
  const document = `doc_${protocol.replace(/\W+/g, "_")}`;

  it("creates a record at version 1, whatever version says", async () => {
    const { signature } = await client().save({
      document,
      thread: "ticket_42",
      version: 7,
      cms,
      versionCreatedBy: "some_user",
      versionComment: "first",
      tags: ["customer_1", "process_1"],
      stage: "stage_1",
    });
    expect(signature).toMatchObject({
      version: 1,
      currentVersion: 1,
      document,
      thread: "ticket_42",
      cms,
      versionCreatedBy: "some_user",
      versionComment: "first",
      tags: ["customer_1", "process_1"],
      stage: "stage_1",
      parent: 0n,
    });
    expect(signature?.id).toBeGreaterThan(0n);
    expect(signature?.createdAt).toEqual(signature?.updatedAt);
  });

  it("appends versions under the current version and reads current and historical ones", async () => {
    const c = client();
    const key = { document, thread: "versions" };
    const first = await c.save({ ...key, cms: "v1", tags: ["a"] });
    const second = await c.save({ ...key, version: 1, cms: "v2", versionComment: "second" });
    const third = await c.save({ ...key, version: 2, cms: "v3", tags: ["b", "c"] });
    expect(second.signature).toMatchObject({ version: 2, cms: "v2", tags: ["a"], id: first.signature?.id });
    expect(third.signature).toMatchObject({ version: 3, cms: "v3", tags: ["b", "c"] });

    const current = await c.get(key);
    expect(current.signature).toMatchObject({ version: 3, currentVersion: 3, cms: "v3", tags: ["b", "c"] });
    const historical = await c.get({ ...key, version: 2 });
    expect(historical.signature).toMatchObject({ version: 2, currentVersion: 3, cms: "v2", versionComment: "second" });

    const history = await c.listVersions(key);
    expect(history.currentVersion).toBe(3);
    expect(history.versions.map((v) => [v.version, v.cms, v.versionComment])).toEqual([
      [1, "", ""],
      [2, "", "second"],
      [3, "", ""],
    ]);
    const page = await c.listVersions({ ...key, offset: 1, limit: 1, includeCms: true });
    expect(page.versions.map((v) => [v.version, v.cms])).toEqual([[2, "v2"]]);
  });

  it("rejects a stale version with ABORTED naming the current version", async () => {
    const c = client();
    const key = { document, thread: "stale" };
    await c.save({ ...key, cms: "v1" });
    await c.save({ ...key, version: 1, cms: "v2" });
    const error = await expectRpcError(c.save({ ...key, version: 1, cms: "late" }), Code.Aborted);
    expect(error.findDetails(ErrorInfoSchema)[0]?.metadata["current_version"]).toBe("2");
    expect(error.rawMessage).toBe("Version provided is not equal to actual signature version (current version is 2)");
    expect((await c.get(key)).signature).toMatchObject({ version: 2, cms: "v2" });
  });

  it("rejects a missing version on an existing record with INVALID_ARGUMENT", async () => {
    const c = client();
    const key = { document, thread: "missing-version" };
    await c.save({ ...key, cms: "v1" });
    const error = await expectRpcError(c.save({ ...key, cms: "v2" }), Code.InvalidArgument);
    expect(error.rawMessage).toBe("Version must be set");
    expect(error.findDetails(BadRequestSchema)[0]?.fieldViolations[0]?.field).toBe("version");
  });

  it("keeps, replaces and clears tags, stage and parent", async () => {
    const c = client();
    const parent = await c.save({ document, thread: "parent", cms: "p" });
    const key = { document, thread: "fields" };
    await c.save({ ...key, cms: "v1", tags: ["x"], stage: "s1", parent: parent.signature?.id ?? 0n });
    const kept = await c.save({ ...key, version: 1, cms: "v2" });
    expect(kept.signature).toMatchObject({ tags: ["x"], stage: "s1", parent: parent.signature?.id });
    const cleared = await c.save({ ...key, version: 2, cms: "v3", clearTags: true, stage: "", parent: 0n });
    expect(cleared.signature).toMatchObject({ tags: [], stage: "", parent: 0n });
  });

  it("refuses a parent that does not exist", async () => {
    const error = await expectRpcError(client().save({ document, thread: "orphan", cms: "v1", parent: 987654321n }), Code.InvalidArgument);
    expect(error.findDetails(BadRequestSchema)[0]?.fieldViolations[0]?.field).toBe("parent");
    await expectRpcError(client().get({ document, thread: "orphan" }), Code.NotFound);
  });

  it("answers NOT_FOUND for an unknown record and an unknown version", async () => {
    const c = client();
    await expectRpcError(c.get({ document, thread: "nobody" }), Code.NotFound);
    await c.save({ document, thread: "one-version", cms: "v1" });
    const error = await expectRpcError(c.get({ document, thread: "one-version", version: 2 }), Code.NotFound);
    expect(error.findDetails(ErrorInfoSchema)[0]?.reason).toBe("VERSION_NOT_FOUND");
    await expectRpcError(c.listVersions({ document, thread: "nobody" }), Code.NotFound);
    await expectRpcError(c.delete({ document, thread: "nobody" }), Code.NotFound);
  });

  it("answers NOT_FOUND for a version far past the current one, and an empty page past the end of the history", async () => {
    const c = client();
    const key = { document, thread: "short-history" };
    await c.save({ ...key, cms: "v1" });
    await c.save({ ...key, version: 1, cms: "v2" });
    const error = await expectRpcError(c.get({ ...key, version: 7 }), Code.NotFound);
    expect(error.findDetails(ErrorInfoSchema)[0]?.reason).toBe("VERSION_NOT_FOUND");
    for (const offset of [2, 6, 1000]) {
      const page = await c.listVersions({ ...key, offset, includeCms: true });
      expect(page).toMatchObject({ currentVersion: 2, versions: [] });
    }
    expect((await c.listVersions({ ...key, offset: 1, limit: 5 })).versions.map((v) => v.version)).toEqual([2]);
  });

  it("refuses a record as its own parent, and a parent that follows the record", async () => {
    const c = client();
    const a = (await c.save({ document, thread: "cycle-a", cms: "a1" })).signature!;
    const b = (await c.save({ document, thread: "cycle-b", cms: "b1", parent: a.id })).signature!;
    const c3 = (await c.save({ document, thread: "cycle-c", cms: "c1", parent: b.id })).signature!;
    const self = await expectRpcError(c.save({ document, thread: "cycle-a", version: 1, cms: "a2", parent: a.id }), Code.InvalidArgument);
    expect(self.findDetails(BadRequestSchema)[0]?.fieldViolations[0]).toMatchObject({
      field: "parent",
      description: "parent must name another signature",
    });
    const cycle = await expectRpcError(c.save({ document, thread: "cycle-a", version: 1, cms: "a2", parent: c3.id }), Code.InvalidArgument);
    expect(cycle.findDetails(BadRequestSchema)[0]?.fieldViolations[0]?.field).toBe("parent");
    expect((await c.get({ document, thread: "cycle-a" })).signature).toMatchObject({ version: 1, parent: 0n });
    // Following a record that does not follow it back stays allowed.
    const unrelated = (await c.save({ document, thread: "cycle-d", cms: "d1" })).signature!;
    expect((await c.save({ document, thread: "cycle-a", version: 1, cms: "a2", parent: unrelated.id })).signature?.parent).toBe(
      unrelated.id,
    );
  });

  it("deletes a record with its whole history", async () => {
    const c = client();
    const key = { document, thread: "doomed" };
    await c.save({ ...key, cms: "v1" });
    await c.save({ ...key, version: 1, cms: "v2" });
    await c.delete(key);
    await expectRpcError(c.get(key), Code.NotFound);
    await expectRpcError(c.get({ ...key, version: 1 }), Code.NotFound);
    const again = await c.save({ ...key, cms: "reborn" });
    expect(again.signature?.version).toBe(1);
  });

  it("names every bad field of a request in a BadRequest detail", async () => {
    const error = await expectRpcError(
      client().save({ document: "", thread: "t".repeat(256), cms: "", tags: ["", "ok"] }),
      Code.InvalidArgument,
    );
    const fields = error.findDetails(BadRequestSchema)[0]?.fieldViolations.map((v) => v.field);
    expect(fields).toEqual(["document", "thread", "cms", "tags"]);
  });

  it("localises error messages by the api-locale header", async () => {
    const c = client();
    const error = await expectRpcError(c.get({ document, thread: "nobody" }, { headers: { "api-locale": "ru" } }), Code.NotFound);
    expect(error.rawMessage).toBe("Подпись не найдена");
    const kz = await expectRpcError(c.get({ document, thread: "nobody" }, { headers: { "api-locale": "kz" } }), Code.NotFound);
    expect(kz.rawMessage).toBe("Қолтаңба табылмады");
  });
});

describe("Unpaired surrogates (JSON can carry them; protobuf binary cannot)", () => {
  it("are refused over Connect JSON", async () => {
    const c = protocols["Connect JSON (HTTP/1.1)"](server);
    await expectRpcError(c.save({ document: "lone\ud800", thread: "t", cms: "v1" }), Code.InvalidArgument);
    await expectRpcError(c.get({ document: "lone\ufffd", thread: "t" }), Code.NotFound);
  });
});
