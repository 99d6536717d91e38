import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restCall } from "../helpers/rest-call.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ MAX_CMS_BYTES: "4096" });
  for (const [thread, tags] of [
    ["a", ["x"]],
    ["b", ["y"]],
    ["c", ["x", "z"]],
    ["d", []],
  ] as const) {
    await call("POST", "/signature", { json: { document: "params", thread, cms: "MIIB", tags } });
  }
});
afterAll(async () => {
  // Nothing refused below changed what was stored.
  const kept = await call("GET", "/signature?document=params&thread=a");
  expect(kept.body.content?.["signature"]).toMatchObject({ version: 1, cms: "MIIB", tags: ["x"] });
  await server.close();
});

const call = (method: string, path: string, options?: Parameters<typeof restCall>[3]) => restCall(server.baseUrl, method, path, options);
const threadsOf = async (path: string, options?: Parameters<typeof restCall>[3]) =>
  ((await call("GET", path, options)).body.content!["signatures"] as { thread: string }[]).map((s) => s.thread);

describe("Parameter forms", () => {
  it.each([
    ["repeated", "/signatures?document=params&tags=x&tags=y"],
    ["PHP array", "/signatures?document=params&tags[]=x&tags[]=y"],
    ["PHP indexed array", "/signatures?document=params&tags[0]=x&tags[1]=y"],
    ["JSON array in the query", `/signatures?document=params&tags=${encodeURIComponent('["x","y"]')}`],
  ])("tags as %s", async (_, path) => {
    expect(await threadsOf(path)).toEqual(["c", "b", "a"]);
  });

  it("tags, limit, offset and count in a JSON body, numbers as strings or numbers", async () => {
    expect(await threadsOf("/signatures", { json: { document: "params", tags: ["x", "y"], limit: "2", offset: 1 } })).toEqual(["b", "a"]);
    const counted = await call("GET", "/signatures?document=params&count=1&limit=1");
    expect(counted.body.content?.["nb_results"]).toBe(4);
    const bare = await call("GET", "/signatures?document=params&count&limit=1");
    expect(bare.body.content?.["nb_results"]).toBe(4);
  });

  it("a form body, and curl's JSON sent as a form", async () => {
    const form = await call("POST", "/signature", {
      body: "document=params&thread=form&cms=MIIF&tags[]=f1&tags[]=f2",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(201);
    expect(form.body.content?.["signature"]).toMatchObject({ thread: "form", tags: ["f1", "f2"] });
    const curlish = await call("POST", "/signature", {
      body: JSON.stringify({ document: "params", thread: "form", version: 1, cms: "MIIG" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(curlish.status).toBe(201);
    expect(curlish.body.content?.["signature"]).toMatchObject({ version: 2, tags: ["f1", "f2"] });
  });

  it("an explicit empty tags array clears the tags, leaving them out keeps them", async () => {
    await call("POST", "/signature", { json: { document: "params", thread: "clear", cms: "1", tags: ["t"] } });
    const kept = await call("POST", "/signature", { json: { document: "params", thread: "clear", version: 1, cms: "2" } });
    expect(kept.body.content?.["signature"]).toMatchObject({ tags: ["t"] });
    const cleared = await call("POST", "/signature", { json: { document: "params", thread: "clear", version: 2, cms: "3", tags: [] } });
    expect(cleared.body.content?.["signature"]).toMatchObject({ tags: [] });
  });

  it("numbers where the document says [int] for version_created_by and version_comment", async () => {
    const reply = await call("POST", "/signature", {
      json: { document: "params", thread: "ints", cms: "1", version_created_by: 42, version_comment: 7 },
    });
    expect(reply.body.content?.["signature"]).toMatchObject({ version_created_by: "42", version_comment: "7" });
  });

  it("ignores unknown parameters", async () => {
    const reply = await call("GET", "/signature?document=params&thread=a&foo=bar", { json: { also: "ignored" } });
    expect(reply.status).toBe(200);
  });
});

describe("Status codes and the error envelope", () => {
  const expectError = (reply: Awaited<ReturnType<typeof call>>, status: number, message?: RegExp) => {
    expect(reply.status).toBe(status);
    expect(reply.body).toMatchObject({ status: false, content: null });
    expect(typeof reply.body.message).toBe("string");
    if (message !== undefined) expect(reply.body.message).toMatch(message);
  };

  it("400 for missing and wrongly typed parameters, naming them", async () => {
    expectError(await call("GET", "/signature?thread=a"), 400, /document/);
    expectError(await call("POST", "/signature", { json: { document: "params", thread: "a", version: "one", cms: "x" } }), 400, /version/);
    expectError(await call("POST", "/signature", { json: { document: ["params"], thread: "a", cms: "x" } }), 400, /document/);
    expectError(
      await call("POST", "/signature", { json: { document: "params", thread: "a", version: 1, cms: "x", tags: [{}] } }),
      400,
      /tags/,
    );
    expectError(await call("GET", "/signatures?count=maybe"), 400, /count/);
    expectError(await call("GET", "/signatures?limit=1001"), 400, /limit/);
    expectError(await call("GET", "/signatures?limit=99999999999"), 400, /limit/);
    expectError(
      await call("POST", "/signature", { json: { document: "params", thread: "a", version: 1, cms: "x", parent: 1.5 } }),
      400,
      /parent/,
    );
  });

  it("400 for a number or boolean where a string belongs, and nothing stored", async () => {
    expectError(await call("POST", "/signature", { json: { document: "params", thread: "typed", cms: 5 } }), 400, /cms must be a string/);
    expectError(await call("POST", "/signature", { json: { document: 12, thread: "typed", cms: "x" } }), 400, /document must be a string/);
    expectError(await call("POST", "/signature", { json: { document: "params", thread: true, cms: "x" } }), 400, /thread must be a string/);
    expectError(await call("POST", "/signature", { json: { document: "params", thread: "typed", cms: "x", tags: [1, 2] } }), 400, /tags/);
    expectError(await call("GET", "/signature?document=params&thread=typed"), 404);
  });

  it("400 for text holding an unpaired surrogate, which would be stored as U+FFFD and alias another key", async () => {
    const body = '{"document": "params", "thread": "lone\\ud800", "cms": "x"}';
    expectError(
      await call("POST", "/signature", { body, headers: { "content-type": "application/json" } }),
      400,
      /thread must be valid Unicode/,
    );
    const tagged = '{"document": "params", "thread": "t", "version": 1, "cms": "x", "tags": ["\\udfff"]}';
    expectError(await call("POST", "/signature", { body: tagged, headers: { "content-type": "application/json" } }), 400, /tags/);
    expectError(await call("GET", `/signature?document=params&thread=${encodeURIComponent("lone\ufffd")}`), 404);
  });

  it("404 for a version past the current one", async () => {
    expectError(await call("GET", "/signature?document=params&thread=a&version=7"), 404, /version 7/);
    const page = await call("GET", "/signature/versions?document=params&thread=a&offset=5");
    expect(page.status).toBe(200);
    expect(page.body.content).toMatchObject({ current_version: 1, versions: [] });
  });

  it("400 for malformed JSON and for a JSON body that is not an object", async () => {
    expectError(
      await call("POST", "/signature", { body: '{"document": "params",', headers: { "content-type": "application/json" } }),
      400,
      /JSON/,
    );
    expectError(await call("POST", "/signature", { body: "[1, 2]", headers: { "content-type": "application/json" } }), 400, /JSON/);
  });

  it("415 for a body of another content type", async () => {
    expectError(await call("POST", "/signature", { body: "<xml/>", headers: { "content-type": "text/xml" } }), 415, /text\/xml/);
  });

  it("413 for a body over the limit, 400 for a payload over MAX_CMS_BYTES", async () => {
    const huge = JSON.stringify({ document: "params", thread: "huge", cms: "x".repeat(400 * 1024) });
    expectError(await call("POST", "/signature", { body: huge, headers: { "content-type": "application/json" } }), 413);
    expectError(await call("POST", "/signature", { json: { document: "params", thread: "big", cms: "x".repeat(5000) } }), 400, /cms/);
  });

  it("404 for an unknown record, 404 enveloped for an unknown path, 405 with Allow for a wrong method", async () => {
    expectError(await call("GET", "/signature?document=params&thread=nobody"), 404, /not found/);
    expectError(await call("DELETE", "/signature?document=params&thread=nobody"), 404);
    expectError(await call("GET", "/nowhere"), 404, /\/nowhere/);
    const wrong = await call("PUT", "/signature");
    expectError(wrong, 405, /PUT/);
    expect(wrong.headers["allow"]).toBe("GET, POST, DELETE");
    expectError(await call("POST", "/signatures"), 405);
  });

  it.each([
    ["en", "Signature not found"],
    ["ru", "Подпись не найдена"],
    ["kz", "Қолтаңба табылмады"],
    ["de", "Signature not found"],
  ])("messages in the api-locale %s", async (locale, text) => {
    const reply = await call("GET", "/signature?document=params&thread=nobody", { headers: { "api-locale": locale } });
    expect(reply.body.message).toBe(text);
  });

  it("localises the service's own rules and the API's parameter errors alike", async () => {
    const missing = await call("POST", "/signature", {
      json: { document: "params", thread: "a", cms: "x" },
      headers: { "api-locale": "ru" },
    });
    expect(missing.body.message).toBe("Версия должна быть указана");
    const typed = await call("GET", "/signatures?limit=abc", { headers: { "api-locale": "kz" } });
    expect(typed.body.message).toBe("limit өрісі бүтін сан болуы керек");
  });
});
