/**
 * Interop check of the exported TypeScript clients against a live server:
 *   node --import tsx test/interop/ts/interop.ts http://127.0.0.1:8080
 * runs the scenario over the Node.js client (Connect binary and JSON, gRPC,
 * gRPC-Web) and the browser client on fetch (Connect, gRPC-Web), Save's
 * receipts verified with node:crypto (SHA-256 up the proof, Ed25519 over the
 * root); exits 1 with the first mismatch.
 */
import { randomBytes } from "node:crypto";
import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";
import type { Receipt, Signature } from "../../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import { createSignatureClient as createBrowserClient } from "../../../src/client/browser.js";
import {
  Code,
  ConnectError,
  createSignatureClient,
  errorInfoOf,
  type SignatureClient,
} from "../../../src/client/create-signature-client.js";
import { receiptVerifies } from "../../helpers/receipt-verification.js";

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

/** A copy of bytes with the byte at index flipped. */
function flipped(bytes: Uint8Array, index: number): Uint8Array {
  const altered = Uint8Array.from(bytes);
  altered[index]! ^= 0x01;
  return altered;
}

/**
 * Checks Save's receipt offline with the key of GetReceiptKey: the signature over the root its
 * statement and proof lead to; refused with one byte of the statement flipped, and of the first
 * proof sibling (or, with an empty proof, of the signature); the statement naming the saved version and head.
 */
async function expectReceipt(client: SignatureClient, what: string, receipt: Receipt | undefined, saved: Signature): Promise<void> {
  if (receipt === undefined) throw new Mismatch(`${what}: no receipt`);
  const key = await client.getReceiptKey({});
  expectEqual("GetReceiptKey: algorithm/public_key length", [key.algorithm, key.publicKey.length], ["Ed25519", 32]);
  expectEqual(`${what}: receipt key_id`, receipt.keyId, key.keyId);
  if (!receiptVerifies(key.publicKeyPem, receipt)) {
    throw new Mismatch(`${what}: the receipt's signature does not verify with the key of GetReceiptKey`);
  }
  if (receiptVerifies(key.publicKeyPem, { ...receipt, statement: flipped(receipt.statement, receipt.statement.length >> 1) })) {
    throw new Mismatch(`${what}: a receipt with one byte of its statement flipped verifies`);
  }
  const [step, ...steps] = receipt.proof;
  if (step !== undefined) {
    if (receiptVerifies(key.publicKeyPem, { ...receipt, proof: [{ ...step, sibling: flipped(step.sibling, 0) }, ...steps] })) {
      throw new Mismatch(`${what}: a receipt with one byte of its first proof sibling flipped verifies`);
    }
  } else if (receiptVerifies(key.publicKeyPem, { ...receipt, signature: flipped(receipt.signature, 0) })) {
    throw new Mismatch(`${what}: a receipt with one byte of its signature flipped verifies`);
  }
  const statement = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(receipt.statement)) as Record<string, unknown>;
  expectEqual(`${what}: receipt type`, statement["type"], "ncanode.signatures.v1.receipt");
  expectEqual(
    `${what}: receipt document/thread/version/head_hash`,
    [statement["document"], statement["thread"], statement["version"], statement["head_hash"]],
    [saved.document, saved.thread, saved.version, saved.headHash],
  );
  const at = new Date(String(statement["time"]));
  if (!(Math.abs(at.getTime() - Date.now()) <= 10 * 60_000)) {
    throw new Mismatch(`${what}: receipt time ${String(statement["time"])} is not about now`);
  }
}

/**
 * Save → Save (each receipt checked) → Get → stale Save (ABORTED) → List by tag → ListVersions →
 * Verify → Delete → Get (NOT_FOUND).
 */
async function scenario(client: SignatureClient, label: string, russian: boolean): Promise<void> {
  const run = `${label}-${randomBytes(6).toString("hex")}`;
  const document = `interop-${run}`;
  const thread = "ticket-1";
  const tag = `interop-tag-${run}`;
  const cms1 = "MIIBinteropVersionOne";
  const cms2 = "MIIBinteropVersionTwo";

  const res1 = await client.save({
    document,
    thread,
    cms: cms1,
    tags: [tag, "interop"],
    versionCreatedBy: "alice",
    versionComment: "first",
  });
  const saved1 = res1.signature;
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
  if (!/^[0-9a-f]{64}$/.test(saved1.headHash)) throw new Mismatch(`Save v1: head_hash "${saved1.headHash}" is not 64 hex digits`);
  expectEqual("Save v1: version_hash (the head of a one-version chain)", saved1.versionHash, saved1.headHash);
  await expectReceipt(client, "Save v1", res1.receipt, saved1);

  const res2 = await client.save({ document, thread, version: 1, cms: cms2, versionCreatedBy: "bob" });
  const saved2 = res2.signature;
  if (saved2 === undefined) throw new Mismatch("Save v2: no signature");
  expectEqual("Save v2: id", saved2.id, saved1.id);
  expectEqual("Save v2: version/current_version", [saved2.version, saved2.currentVersion], [2, 2]);
  expectEqual("Save v2: cms", saved2.cms, cms2);
  expectEqual("Save v2: tags kept", saved2.tags, [tag, "interop"]);
  expectEqual("Save v2: version_created_by/comment", [saved2.versionCreatedBy, saved2.versionComment], ["bob", ""]);
  expectEqual("Save v2: version_hash is the new head", saved2.versionHash, saved2.headHash);
  if (saved2.headHash === saved1.headHash) throw new Mismatch("Save v2: head_hash did not move");
  await expectReceipt(client, "Save v2", res2.receipt, saved2);

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

  const verified = await client.verify({ document, thread });
  expectEqual("Verify: intact", verified.intact, true);
  expectEqual(
    "Verify: versions_checked/first_broken_version/unhashed_versions",
    [verified.versionsChecked, verified.firstBrokenVersion, verified.unhashedVersions],
    [2, 0, 0],
  );
  expectEqual("Verify: head_hash", verified.headHash, saved2.headHash);

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
