import { readFile } from "node:fs/promises";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { parse } from "yaml";
import { createLogger } from "../../src/logger.js";
import { fromRestReceipt, receiptVerifies } from "../helpers/receipt-verification.js";
import { type HttpCallOptions, type HttpReply, httpCall } from "../helpers/rest-call.js";
import { cannotCutReason, databaseCanBeCut, describeWithDatabaseOutages } from "../helpers/server-behind-proxy.js";
import { mongoHostOf, startTcpProxy, type TcpProxy, throughProxy } from "../helpers/tcp-proxy.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

/**
 * docs/openapi.yaml against the real server: the document is valid OpenAPI
 * 3.1, every response below (status, headers, content type, body) matches
 * what the document says for its path, method and status, and every
 * path/method/status the document lists is provoked here at least once or
 * named in `notReachable` with the reason.
 */

type Json = Record<string, unknown>;
type Reply = HttpReply;
type SendOptions = HttpCallOptions;
const send = httpCall;

const documentText = await readFile(new URL("../../docs/openapi.yaml", import.meta.url), "utf8");
const openapi = parse(documentText) as Json;
const paths = openapi["paths"] as Record<string, Json>;
const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** "METHOD /path status" for operations, "* /path status" for a path's other methods, "* * 404" for unknown paths. */
const exercised = new Set<string>();

/**
 * Entries of the document that no test here can provoke, with the reason.
 * Everything else must be exercised (the last test checks both ways).
 */
const notReachable = new Map<string, string>([
  [
    "DELETE /signature 500",
    "a delete reads nothing back from the database, so a record the test corrupts cannot make it fail; only a failing database could",
  ],
  [
    "POST /signature/inspect 500",
    "an inspection touches no database and has no dependency that can fail; an internal error would be a bug",
  ],
]);

/** A Kalkan-signed XML sample from NCANode's public test suite (see test/fixtures/nca/README.md). */
const signedXml = await readFile(new URL("../fixtures/nca/kalkan-rsa-signed.xml", import.meta.url), "utf8");
if (!databaseCanBeCut) {
  const reason = cannotCutReason;
  for (const key of [
    "GET /signature",
    "POST /signature",
    "DELETE /signature",
    "GET /signatures",
    "GET /signature/versions",
    "GET /signature/verify",
  ]) {
    notReachable.set(`${key} 503`, reason);
    notReachable.set(`${key} 504`, reason);
  }
  notReachable.set("GET /readyz 503", reason);
  notReachable.set("HEAD /readyz 503", reason);
}

/** Follows a local "#/…" reference, keeping the referring object's description (OpenAPI 3.1 allows it there). */
function deref(value: unknown): Json {
  let object = value as Json;
  for (let hops = 0; typeof object["$ref"] === "string" && hops < 10; hops++) {
    const ref = object["$ref"];
    const target = ref
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<unknown>((node, part) => (node as Json | undefined)?.[part], openapi) as Json | undefined;
    if (target === undefined) throw new Error(`unresolved ${ref}`);
    const { $ref: _, ...siblings } = object;
    object = { ...target, ...siblings };
  }
  return object;
}

// Schemas: JSON Schema 2020-12 (the OpenAPI 3.1 dialect) with Ajv's 2020 build.
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
const componentsId = "openapi-components";
/** "#/components/schemas/X" of the document, as a reference into one registered schema. */
const rewriteRefs = (node: unknown): unknown =>
  Array.isArray(node)
    ? node.map(rewriteRefs)
    : typeof node === "object" && node !== null
      ? Object.fromEntries(
          Object.entries(node).map(([key, value]) => [
            key,
            key === "$ref" && typeof value === "string"
              ? value.replace("#/components/schemas/", `${componentsId}#/$defs/`)
              : rewriteRefs(value),
          ]),
        )
      : node;
ajv.addSchema({ $id: componentsId, $defs: rewriteRefs((openapi["components"] as Json)["schemas"]) as Json });
const validators = new WeakMap<object, ValidateFunction>();
function validatorOf(schema: Json): ValidateFunction {
  let validate = validators.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(rewriteRefs(schema) as Json);
    validators.set(schema, validate);
  }
  return validate;
}

/** The document's response for a request, and the key it is counted under. */
function documented(method: string, path: string, status: number): { key: string; response: Json | undefined } {
  const item = paths[path];
  if (item === undefined) {
    const unknown = openapi["x-unknown-path"] as { responses: Json };
    return { key: `* * ${status}`, response: unknown.responses[status] as Json | undefined };
  }
  const operation = item[method.toLowerCase()] as { responses: Json } | undefined;
  if (operation !== undefined) return { key: `${method} ${path} ${status}`, response: operation.responses[status] as Json | undefined };
  const others = item["x-other-methods"] as { responses: Json };
  return { key: `* ${path} ${status}`, response: others.responses[status] as Json | undefined };
}

/** Asserts that a real reply is what the document says, and counts its entry as exercised. */
function expectDocumented(method: string, path: string, reply: Reply): Json | undefined {
  const { key, response } = documented(method, path, reply.status);
  expect(response, `${key} (${reply.text.slice(0, 200)}) is not in docs/openapi.yaml`).toBeDefined();
  const resolved = deref(response);
  exercised.add(key);
  for (const [name, header] of Object.entries((resolved["headers"] ?? {}) as Json)) {
    const spec = deref(header);
    const value = reply.headers[name.toLowerCase()];
    if (spec["required"] === true) expect(value, `${key}: header ${name}`).toBeDefined();
    if (value !== undefined) {
      const validate = validatorOf(spec["schema"] as Json);
      expect(validate(value) ? [] : validate.errors, `${key}: header ${name}: ${String(value)}`).toEqual([]);
    }
  }
  const content = resolved["content"] as Record<string, { schema: Json }> | undefined;
  if (content === undefined) {
    expect(reply.text, `${key}: the document says there is no body`).toBe("");
    return undefined;
  }
  const mediaType = (reply.headers["content-type"] ?? "").split(";")[0]?.trim() ?? "";
  const media = content[mediaType];
  expect(media, `${key}: content type ${mediaType} is not documented`).toBeDefined();
  const body = JSON.parse(reply.text) as Json;
  const validate = validatorOf(media!.schema);
  expect(validate(body) ? [] : validate.errors, `${key}: ${reply.text.slice(0, 500)}`).toEqual([]);
  return body;
}

/** Sends, checks the reply against the document, and expects the status. */
async function call(
  baseUrl: string,
  method: string,
  pathAndQuery: string,
  status: number,
  options?: SendOptions,
): Promise<Json | undefined> {
  const reply = await send(baseUrl, method, pathAndQuery, options);
  expect(reply.status, `${method} ${pathAndQuery}: ${reply.text.slice(0, 300)}`).toBe(status);
  return expectDocumented(method, new URL(pathAndQuery, "http://localhost").pathname, reply);
}

/** The five operations of the API, each with a request that reaches the service. */
const operations = [
  ["GET", "/signature?document=oa&thread=t1", undefined],
  ["POST", "/signature", { document: "oa", thread: "new", cms: "MIIB" }],
  ["DELETE", "/signature?document=oa&thread=t1", undefined],
  ["GET", "/signatures?document=oa", undefined],
  ["GET", "/signature/versions?document=oa&thread=t1", undefined],
] as const;

/** The operations that read or write the database: the five and the chain check (which takes no body). */
const databaseOperations = [...operations, ["GET", "/signature/verify?document=oa&thread=t1", undefined] as const] as const;

describe("docs/openapi.yaml", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(documentText);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    // The validator does refuse a broken one (a response without its required description).
    const broken = structuredClone(openapi);
    delete ((((broken["paths"] as Json)["/signatures"] as Json)["get"] as Json)["responses"] as Record<string, Json>)["200"]![
      "description"
    ];
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });
});

describe("Real responses match the document", () => {
  let server: TestServer;
  let url: string;
  let cmsLimitBody: string;

  beforeAll(async () => {
    // Silent: the 500s below are provoked on purpose and would log their causes as errors.
    server = await startTestServer({ MAX_CMS_BYTES: "4096", MAX_RECORD_BYTES: "8192" }, inject("mongoUri"), createLogger("silent"));
    url = server.baseUrl;
    cmsLimitBody = JSON.stringify({ document: "oa", thread: "huge", cms: "x".repeat(300_000) }); // over 6 × 4096 + 256 KiB
  });
  afterAll(async () => {
    await server.close();
  });

  it("POST /signature: 201 from JSON and form bodies, with every optional field", async () => {
    const first = await call(url, "POST", "/signature", 201, {
      json: {
        document: "oa",
        thread: "t1",
        version: 1,
        cms: "MIIC",
        version_created_by: "some_user",
        version_comment: "some comment",
        tags: ["c1", "p1"],
      },
      headers: { "x-request-id": "openapi-test-1" },
    });
    const id = ((first!["content"] as Json)["signature"] as Json)["id"] as number;
    await call(url, "POST", "/signature", 201, { json: { document: "oa", thread: "t1", version: 1, cms: "MIID", version_created_by: 42 } });
    await call(url, "POST", "/signature", 201, {
      json: { document: "oa", thread: "t2", cms: "MIIE", stage: "stage_1", parent: id, tags: ["c1"] },
    });
    await call(url, "POST", "/signature", 201, {
      body: "document=oa&thread=form&cms=MIIF&tags[]=f1&tags[]=f2",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const echoed = await send(url, "GET", "/signature?document=oa&thread=t1", { headers: { "x-request-id": "openapi-test-2" } });
    expect(echoed.headers["x-request-id"]).toBe("openapi-test-2");
    expectDocumented("GET", "/signature", echoed);
  });

  it("GET /signature: 200 current and historical, from the query and a JSON or form body", async () => {
    const current = await call(url, "GET", "/signature?document=oa&thread=t1", 200);
    expect((current!["content"] as Json)["signature"]).toMatchObject({ version: 2, current_version: 2, version_created_by: "42" });
    await call(url, "GET", "/signature?document=oa&thread=t1&version=1", 200);
    await call(url, "GET", "/signature", 200, { json: { document: "oa", thread: "t2" } });
    await call(url, "GET", "/signature", 200, {
      body: "document=oa&thread=form",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  });

  it("GET /signatures: 200 in every parameter form, with and without nb_results", async () => {
    const counted = await call(url, "GET", "/signatures?document=oa&count", 200);
    expect((counted!["content"] as Json)["nb_results"]).toBe(3);
    await call(url, "GET", "/signatures?document=oa&tags=c1&tags=f1&limit=2&offset=1", 200);
    await call(url, "GET", "/signatures?tags[]=c1&tags[]=f2", 200);
    await call(url, "GET", `/signatures?tags=${encodeURIComponent('["c1"]')}&count=true`, 200);
    const byChain = await call(url, "GET", "/signatures?chain=t2&stage=stage_1", 200);
    expect((byChain!["content"] as Json)["signatures"]).toMatchObject([{ chain: "t2", thread: "t2", stage: "stage_1" }]);
    await call(url, "GET", "/signatures", 200, { json: { document: "oa", thread: "t1", tags: ["c1"], count: 1 } });
    await call(url, "GET", "/signatures?document=nobody", 200);
  });

  it("GET /signature/versions: 200 with and without the payloads, and past the end", async () => {
    const withCms = await call(url, "GET", "/signature/versions?document=oa&thread=t1&include_cms=1", 200);
    expect((withCms!["content"] as Json)["versions"]).toMatchObject([
      { version: 1, cms: "MIIC" },
      { version: 2, cms: "MIID" },
    ]);
    await call(url, "GET", "/signature/versions?document=oa&thread=t1&limit=1&offset=1", 200);
    await call(url, "GET", "/signature/versions?document=oa&thread=t1&offset=9", 200);
  });

  it("GET /signature/verify and GET /receipt-key: 200, and the receipt of a save verifies with the published key", async () => {
    const saved = await call(url, "POST", "/signature", 201, { json: { document: "oa", thread: "receipt", cms: "MIIR" } });
    const { signature, receipt } = saved!["content"] as { signature: Json; receipt: Json };
    const key = (await call(url, "GET", "/receipt-key", 200))!["content"] as Json;
    expect(receiptVerifies(key["public_key_pem"] as string, fromRestReceipt(receipt))).toBe(true);
    const statement = Buffer.from(receipt["statement"] as string, "base64");
    expect(JSON.parse(statement.toString())).toMatchObject({
      document: "oa",
      thread: "receipt",
      version: 1,
      head_hash: signature["head_hash"],
    });
    const report = await call(url, "GET", "/signature/verify?document=oa&thread=t1", 200);
    expect(report!["content"]).toMatchObject({ intact: true, first_broken_version: null, reason: null });
  });

  it("DELETE /signature: 200 {status: true}", async () => {
    await call(url, "DELETE", "/signature?document=oa&thread=form", 200);
    await call(url, "DELETE", "/signature", 200, { json: { document: "oa", thread: "t2" } });
  });

  it("400: bad parameters and version conflicts, in every locale", async () => {
    await call(url, "GET", "/signature?thread=t1", 400);
    await call(url, "GET", "/signature?document=oa&thread=t1&version=x", 400, { headers: { "api-locale": "ru" } });
    await call(url, "POST", "/signature", 400, { json: { document: "oa", thread: "t1", version: 1, cms: "MIIG" } });
    await call(url, "POST", "/signature", 400, { json: { document: "oa", thread: "t1", cms: "MIIG" }, headers: { "api-locale": "kz" } });
    await call(url, "POST", "/signature", 400, { json: { document: "oa", thread: "t3", cms: 5 } });
    await call(url, "POST", "/signature", 400, { json: { document: "oa", thread: "t3", cms: "x", parent: 999_999 } });
    await call(url, "POST", "/signature", 400, { body: '{"document": ', headers: { "content-type": "application/json" } });
    await call(url, "DELETE", "/signature?document=oa", 400);
    await call(url, "GET", "/signatures?limit=1001", 400);
    await call(url, "GET", "/signatures?count=maybe", 400);
    await call(url, "GET", "/signature/versions?document=oa&thread=t1&offset=-1", 400);
    await call(url, "GET", "/signature/verify?document=oa", 400);
  });

  it("404: unknown records and versions, and unknown paths", async () => {
    await call(url, "GET", "/signature?document=oa&thread=nobody", 404);
    await call(url, "GET", "/signature?document=oa&thread=t1&version=7", 404);
    await call(url, "DELETE", "/signature?document=oa&thread=nobody", 404, { headers: { "api-locale": "ru" } });
    await call(url, "GET", "/signature/versions?document=oa&thread=nobody", 404);
    await call(url, "GET", "/signature/verify?document=oa&thread=nobody", 404);
    await call(url, "GET", "/nowhere", 404);
    await call(url, "POST", "/signature/versions/more", 404);
  });

  it("405 with Allow for methods a path does not serve, probes included", async () => {
    await call(url, "PUT", "/signature", 405);
    await call(url, "PATCH", "/signature", 405);
    await call(url, "POST", "/signatures", 405);
    await call(url, "DELETE", "/signature/versions", 405);
    await call(url, "POST", "/signature/verify", 405);
    await call(url, "DELETE", "/receipt-key", 405);
    await call(url, "POST", "/healthz", 405);
    await call(url, "DELETE", "/readyz", 405);
  });

  it("413: a body over the limit on every operation, and a version that cannot fit beside the current one in MAX_RECORD_BYTES", async () => {
    for (const [method, path] of operations) {
      await call(url, method, path, 413, { body: cmsLimitBody, headers: { "content-type": "application/json" } });
    }
    // Older versions move out of a full record, but a new one must fit beside the current one: two ~4.6 KB
    // versions do not fit in 8 KiB.
    const cms = "x".repeat(4000);
    await call(url, "POST", "/signature", 201, { json: { document: "oa", thread: "full", cms } });
    await call(url, "POST", "/signature", 413, { json: { document: "oa", thread: "full", version: 1, cms } });
  });

  it("POST /signature/inspect: 200 from JSON and form bodies, 400, 405, 413 and 415", async () => {
    const facts = await call(url, "POST", "/signature/inspect", 200, { json: { cms: signedXml } });
    expect(((facts!["content"] as Json)["payload"] as Json)["format"]).toBe("xml");
    await call(url, "POST", "/signature/inspect", 200, {
      body: `cms=${encodeURIComponent(signedXml)}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    await call(url, "POST", "/signature/inspect", 400, { json: { cms: "<doc/>" } });
    await call(url, "POST", "/signature/inspect", 400, { json: {} });
    await call(url, "GET", "/signature/inspect", 405);
    await call(url, "POST", "/signature/inspect", 413, { body: cmsLimitBody, headers: { "content-type": "application/json" } });
    await call(url, "POST", "/signature/inspect", 415, { body: "<xml/>", headers: { "content-type": "text/xml" } });
  });

  it("415: a body neither JSON nor form on every operation", async () => {
    for (const [method, path] of operations) {
      await call(url, method, path, 415, { body: "<xml/>", headers: { "content-type": "text/xml" } });
    }
  });

  it("500: a record the service cannot read (written behind its back) on every operation that reads one", async () => {
    const hash = "0".repeat(64);
    const broken = { version: 1, cms: "MIIH", created_by: null, created_at: "not a date", comment: null, hash, prev_hash: hash };
    await server.client
      .db(server.config.mongodbDb)
      .collection("signatures")
      .insertOne({
        _id: 900_000 as never,
        document: "broken",
        thread: "t",
        version: 1,
        versions: [broken],
        tags: [],
        stage: null,
        parent: null,
        created_at: "not a date",
        updated_at: "not a date",
        history_bytes: 0,
      });
    await call(url, "GET", "/signature?document=broken&thread=t", 500);
    await call(url, "GET", "/signatures?document=broken", 500);
    await call(url, "GET", "/signature/versions?document=broken&thread=t", 500);
    await call(url, "GET", "/signature/verify?document=broken&thread=t", 500);
    await call(url, "POST", "/signature", 500, { json: { document: "broken", thread: "t", version: 1, cms: "MIII" } });
  });

  it("the probes: GET and HEAD /healthz and /readyz", async () => {
    await call(url, "GET", "/healthz", 200);
    await call(url, "HEAD", "/healthz", 200);
    await call(url, "GET", "/readyz", 200);
    await call(url, "HEAD", "/readyz", 200);
  });

  it("the schemas are not vacuous: a real body with a wrong or an extra field fails", async () => {
    const reply = await send(url, "GET", "/signature?document=oa&thread=t1");
    const body = JSON.parse(reply.text) as { content: { signature: Json } };
    const response = deref(((paths["/signature"]!["get"] as Json)["responses"] as Json)["200"]);
    const validate = validatorOf((response["content"] as Record<string, { schema: Json }>)["application/json"]!.schema);
    expect(validate(body)).toBe(true);
    for (const change of [{ id: "1" }, { created_at: "2026-01-01T00:00:00Z" }, { extra: 1 }, { tags: null }]) {
      expect(validate({ ...body, content: { signature: { ...body.content.signature, ...change } } }), JSON.stringify(change)).toBe(false);
    }
  });
});

describe("Real responses with tokens configured", () => {
  let server: TestServer;
  const reader = { authorization: "Bearer r-token-4567890123" };
  const writer = { authorization: "Bearer w-token-1234567890" };

  beforeAll(async () => {
    server = await startTestServer({ AUTH_TOKENS: "reader:r-token-4567890123:read,writer:w-token-1234567890:write" });
  });
  afterAll(async () => {
    await server.close();
  });

  it("401 without a valid token and 403 without the scope, on every operation", async () => {
    for (const [method, path, json] of [...databaseOperations, ["GET", "/receipt-key", undefined] as const]) {
      await call(server.baseUrl, method, path, 401, json === undefined ? {} : { json });
      await call(server.baseUrl, method, path, 401, {
        ...(json === undefined ? {} : { json }),
        headers: { authorization: "Bearer not-a-known-token" },
      });
    }
    await call(server.baseUrl, "POST", "/signature", 403, { json: operations[1][2], headers: reader });
    await call(server.baseUrl, "DELETE", "/signature?document=oa&thread=t1", 403, { headers: writer });
    await call(server.baseUrl, "GET", "/signature?document=oa&thread=t1", 403, { headers: writer });
    await call(server.baseUrl, "GET", "/signatures", 403, { headers: writer });
    await call(server.baseUrl, "GET", "/signature/versions?document=oa&thread=t1", 403, { headers: writer });
    await call(server.baseUrl, "POST", "/signature/inspect", 401, { json: { cms: signedXml } });
    await call(server.baseUrl, "POST", "/signature/inspect", 403, { json: { cms: signedXml }, headers: writer });
    await call(server.baseUrl, "GET", "/signature/verify?document=oa&thread=t1", 403, { headers: writer });
    await call(server.baseUrl, "GET", "/receipt-key", 403, { headers: writer });
    // The probes stay open.
    await call(server.baseUrl, "GET", "/readyz", 200);
  });
});

describeWithDatabaseOutages("Real responses while the database does not answer", () => {
  let proxy: TcpProxy;
  let server: TestServer;

  beforeAll(async () => {
    const mongoUri = inject("mongoUri");
    proxy = await startTcpProxy(mongoHostOf(mongoUri));
    // The driver would wait for the database; the server's own deadline (500 ms) ends calls first.
    // MONGODB_TIMEOUT_MS well above the test: the driver keeps a hung server known until its heartbeat times out.
    server = await startTestServer({ DEFAULT_DEADLINE_MS: "500", MONGODB_TIMEOUT_MS: "10000" }, throughProxy(mongoUri, proxy));
  });
  afterAll(async () => {
    proxy.unstall();
    await proxy.restore().catch(() => undefined); // listening again if the test cut it
    await server.close();
    await proxy.close();
  });

  it("504 past the deadline while the database hangs, /readyz 503, then 503 once it is down", async () => {
    const url = server.baseUrl;
    await call(url, "GET", "/readyz", 200);
    proxy.stall(); // the database hangs: nothing is closed, nothing answers
    await Promise.all(databaseOperations.map(([method, path, json]) => call(url, method, path, 504, json === undefined ? {} : { json })));
    await call(url, "GET", "/readyz", 503);
    await call(url, "HEAD", "/readyz", 503);
    await call(url, "GET", "/healthz", 200);
    proxy.unstall();
    await proxy.cut(); // now down: refused connections
    // Calls fail at once when the health ping and the driver's monitoring have both seen it.
    const statuses = () =>
      Promise.all(databaseOperations.map(([method, path, json]) => send(url, method, path, json === undefined ? {} : { json })));
    await vi.waitFor(async () => expect((await statuses()).map((reply) => reply.status)).toEqual(databaseOperations.map(() => 503)), {
      timeout: 10_000,
      interval: 200,
    });
    await Promise.all(databaseOperations.map(([method, path, json]) => call(url, method, path, 503, json === undefined ? {} : { json })));
  });
});

describe("Coverage of the document", () => {
  it("every path, method and status in docs/openapi.yaml was exercised above, or is named as not reachable with the reason", () => {
    const documentedKeys = new Set<string>();
    for (const [path, item] of Object.entries(paths)) {
      for (const method of methods) {
        const operation = item[method] as { responses: Json } | undefined;
        for (const status of Object.keys(operation?.responses ?? {})) documentedKeys.add(`${method.toUpperCase()} ${path} ${status}`);
      }
      for (const status of Object.keys((item["x-other-methods"] as { responses: Json }).responses))
        documentedKeys.add(`* ${path} ${status}`);
    }
    for (const status of Object.keys((openapi["x-unknown-path"] as { responses: Json }).responses)) documentedKeys.add(`* * ${status}`);

    const missed = [...documentedKeys].filter((key) => !exercised.has(key) && !notReachable.has(key));
    expect(missed, "documented but never provoked: provoke them or add them to notReachable with the reason").toEqual([]);
    const stale = [...notReachable.keys()].filter((key) => !documentedKeys.has(key) || exercised.has(key));
    expect(stale, "named as not reachable but not documented, or exercised after all").toEqual([]);
  });
});
