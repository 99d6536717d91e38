/**
 * Interop check of the exported TypeScript clients against a live server:
 *   node --import tsx test/interop/ts/interop.ts http://127.0.0.1:8080
 * runs the scenario over the Node.js client (Connect binary and JSON, gRPC,
 * gRPC-Web) and the browser client on fetch (Connect, gRPC-Web); exits 1 with
 * the first mismatch.
 */
import { randomBytes } from "node:crypto";
import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";
import { createSignatureClient as createBrowserClient } from "../../../src/client/browser.js";
import {
  Code,
  ConnectError,
  createSignatureClient,
  errorInfoOf,
  type SignatureClient,
} from "../../../src/client/create-signature-client.js";

class Mismatch extends Error {}

function expectEqual<T>(what: string, actual: T, expected: T): void {
  const a = JSON.stringify(actual, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  const e = JSON.stringify(expected, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  if (a !== e) throw new Mismatch(`${what}: expected ${e}, got ${a}`);
}

function expectTime(what: string, value: Timestamp | undefined): Date {
  if (value === undefined) throw new Mismatch(`${what}: missing`);
  const date = timestampDate(value);
  if (Math.abs(date.getTime() - Date.now()) > 10 * 60_000) throw new Mismatch(`${what}: ${date.toISOString()} is not about now`);
  return date;
}

async function expectError(what: string, call: Promise<unknown>, code: Code, reason: string): Promise<ConnectError> {
  try {
    await call;
  } catch (error) {
    const connectError = ConnectError.from(error);
    if (connectError.code !== code) {
      throw new Mismatch(`${what}: expected ${Code[code]}, got ${Code[connectError.code]}: ${connectError.rawMessage}`);
    }
    expectEqual(`${what}: ErrorInfo reason`, errorInfoOf(connectError)?.reason, reason);
    expectEqual(`${what}: ErrorInfo domain`, errorInfoOf(connectError)?.domain, "signatures.ncanode.kz");
    return connectError;
  }
  throw new Mismatch(`${what}: expected ${Code[code]}, got a success`);
}

/** Save → Save → Get → stale Save (ABORTED) → List by tag → ListVersions → Delete → Get (NOT_FOUND). */
async function scenario(client: SignatureClient, label: string, russian: boolean): Promise<void> {
  const run = `${label}-${randomBytes(6).toString("hex")}`;
  const document = `interop-${run}`;
  const thread = "ticket-1";
  const tag = `interop-tag-${run}`;
  const cms1 = "MIIBinteropVersionOne";
  const cms2 = "MIIBinteropVersionTwo";

  const saved1 = (
    await client.save({ document, thread, cms: cms1, tags: [tag, "interop"], versionCreatedBy: "alice", versionComment: "first" })
  ).signature;
  if (saved1 === undefined) throw new Mismatch("Save v1: no signature");
  if (saved1.id <= 0n) throw new Mismatch(`Save v1: id ${saved1.id} is not positive`);
  expectEqual("Save v1: version", saved1.version, 1);
  expectEqual("Save v1: current_version", saved1.currentVersion, 1);
  expectEqual("Save v1: document/thread", [saved1.document, saved1.thread], [document, thread]);
  expectEqual("Save v1: cms", saved1.cms, cms1);
  expectEqual("Save v1: tags", saved1.tags, [tag, "interop"]);
  expectEqual("Save v1: version_created_by/comment", [saved1.versionCreatedBy, saved1.versionComment], ["alice", "first"]);
  expectTime("Save v1: version_created_at", saved1.versionCreatedAt);
  expectTime("Save v1: created_at", saved1.createdAt);

  const saved2 = (await client.save({ document, thread, version: 1, cms: cms2, versionCreatedBy: "bob" })).signature;
  if (saved2 === undefined) throw new Mismatch("Save v2: no signature");
  expectEqual("Save v2: id", saved2.id, saved1.id);
  expectEqual("Save v2: version/current_version", [saved2.version, saved2.currentVersion], [2, 2]);
  expectEqual("Save v2: cms", saved2.cms, cms2);
  expectEqual("Save v2: tags kept", saved2.tags, [tag, "interop"]);
  expectEqual("Save v2: version_created_by/comment", [saved2.versionCreatedBy, saved2.versionComment], ["bob", ""]);

  const current = (await client.get({ document, thread })).signature;
  if (current === undefined) throw new Mismatch("Get: no signature");
  expectEqual("Get: id", current.id, saved1.id);
  expectEqual("Get: version/current_version", [current.version, current.currentVersion], [2, 2]);
  expectEqual("Get: document/thread/cms", [current.document, current.thread, current.cms], [document, thread, cms2]);
  expectEqual("Get: tags", current.tags, [tag, "interop"]);
  const first = (await client.get({ document, thread, version: 1 })).signature;
  expectEqual(
    "Get version 1: version/current_version/cms/by",
    [first?.version, first?.currentVersion, first?.cms, first?.versionCreatedBy],
    [1, 2, cms1, "alice"],
  );

  const stale = await expectError(
    "stale Save",
    client.save({ document, thread, version: 1, cms: "MIIBstale" }),
    Code.Aborted,
    "VERSION_MISMATCH",
  );
  expectEqual("stale Save: ErrorInfo current_version", errorInfoOf(stale)?.metadata["current_version"], "2");
  if (russian !== /[а-яА-Я]/.test(stale.rawMessage)) {
    throw new Mismatch(`stale Save: message "${stale.rawMessage}" is not in the ${russian ? "ru" : "en"} locale`);
  }

  const listed = await client.list({ tags: [tag], count: true });
  expectEqual(
    "List by tag: ids",
    listed.signatures.map((s) => s.id),
    [saved1.id],
  );
  expectEqual(
    "List by tag: version/document/cms",
    [listed.signatures[0]?.version, listed.signatures[0]?.document, listed.signatures[0]?.cms],
    [2, document, cms2],
  );
  expectEqual("List by tag: nb_results", listed.nbResults, 1n);

  const history = await client.listVersions({ document, thread, includeCms: true });
  expectEqual("ListVersions: current_version", history.currentVersion, 2);
  expectEqual(
    "ListVersions: versions",
    history.versions.map((v) => v.version),
    [1, 2],
  );
  expectEqual(
    "ListVersions: cms",
    history.versions.map((v) => v.cms),
    [cms1, cms2],
  );
  expectEqual(
    "ListVersions: version_created_by",
    history.versions.map((v) => v.versionCreatedBy),
    ["alice", "bob"],
  );
  expectEqual(
    "ListVersions: version_comment",
    history.versions.map((v) => v.versionComment),
    ["first", ""],
  );
  const [at1, at2] = history.versions.map((v, i) => expectTime(`ListVersions: version_created_at of ${i + 1}`, v.versionCreatedAt));
  if (at1! > at2!) throw new Mismatch("ListVersions: not oldest first");

  await client.delete({ document, thread });
  await expectError("Get after Delete", client.get({ document, thread }), Code.NotFound, "SIGNATURE_NOT_FOUND");
}

/** Each client, and whether it asks for Russian error messages (the locale option). */
const clients: Record<string, (baseUrl: string) => SignatureClient> = {
  "node connect binary (HTTP/1.1)": (url) => createSignatureClient(url),
  "node connect JSON (HTTP/2)": (url) => createSignatureClient(url, { format: "json", httpVersion: "2" }),
  "node gRPC (locale ru)": (url) => createSignatureClient(url, { protocol: "grpc", locale: "ru" }),
  "node gRPC-Web (HTTP/1.1)": (url) => createSignatureClient(url, { protocol: "grpc-web" }),
  "browser connect JSON (fetch)": (url) => createBrowserClient(url, { format: "json" }),
  "browser gRPC-Web (fetch)": (url) => createBrowserClient(url, { protocol: "grpc-web" }),
};

async function main(): Promise<void> {
  const baseUrl = process.argv[2];
  if (baseUrl === undefined || !/^https?:\/\//.test(baseUrl)) {
    console.error("usage: interop.ts http://HOST:PORT");
    process.exit(2);
  }
  let failed = 0;
  for (const [name, create] of Object.entries(clients)) {
    try {
      await scenario(create(baseUrl), `ts-${name.split(" ").slice(0, 2).join("-").toLowerCase()}`, name.includes("locale ru"));
      console.log(`ok   typescript ${name}`);
    } catch (error) {
      failed++;
      console.error(`FAIL typescript ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  process.exit(failed === 0 ? 0 : 1);
}

await main();
