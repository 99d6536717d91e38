import { readFile } from "node:fs/promises";
import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorInfoSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import type { Receipt } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import { expectRpcError } from "../helpers/expect-rpc-error.js";
import { receiptVerifies } from "../helpers/receipt-verification.js";
import { type ProtocolName, protocols, type SignatureClient } from "../helpers/signature-clients.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
/** A Kalkan-signed XML sample: its signer facts are part of what each version's hash covers. */
let signedXml: string;

beforeAll(async () => {
  server = await startTestServer();
  signedXml = await readFile(new URL("../fixtures/nca/kalkan-rsa-signed.xml", import.meta.url), "utf8");
});
afterAll(async () => {
  await server.close();
});

const records = () => server.client.db(server.config.mongodbDb).collection("signatures");

/** Whether a receipt's signature holds under the key the service publishes, and what its statement says. */
async function checkReceipt(client: SignatureClient, receipt: Receipt | undefined) {
  const key = await client.getReceiptKey({});
  expect(key).toMatchObject({ algorithm: "Ed25519", keyId: receipt?.keyId });
  if (receipt === undefined) throw new Error("no receipt");
  const valid = receiptVerifies(key.publicKeyPem, receipt);
  return { valid, statement: JSON.parse(Buffer.from(receipt?.statement ?? new Uint8Array()).toString("utf8")) as Record<string, unknown> };
}

describe.each(Object.keys(protocols) as ProtocolName[])("The hash chain and receipts over %s", (protocol) => {
  const client = () => protocols[protocol](server);
  const document = `chain ${protocol}`;

  it("returns the head hash and a receipt that verifies with the published key, on create and on append", async () => {
    const key = { document, thread: "receipts" };
    const first = await client().save({ ...key, cms: signedXml, versionComment: "first" });
    const second = await client().save({ ...key, version: 1, cms: signedXml, versionCreatedBy: "clerk" });
    for (const [saved, version] of [
      [first, 1],
      [second, 2],
    ] as const) {
      expect(saved.signature?.headHash).toMatch(/^[0-9a-f]{64}$/);
      expect(saved.signature?.versionHash).toBe(saved.signature?.headHash);
      const { valid, statement } = await checkReceipt(client(), saved.receipt);
      expect(valid).toBe(true);
      expect(statement).toEqual({
        type: "ncanode.signatures.v1.receipt",
        ...key,
        version,
        head_hash: saved.signature?.headHash,
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
    }
    expect(second.signature?.headHash).not.toBe(first.signature?.headHash);
    expect((await client().get(key)).signature?.headHash).toBe(second.signature?.headHash);
    const history = await client().listVersions(key);
    expect(history.versions.map((version) => version.versionHash)).toEqual([first.signature?.headHash, second.signature?.headHash]);
    // A receipt with one byte of its statement changed no longer verifies.
    const forged = { ...second.receipt, statement: Buffer.from(second.receipt?.statement ?? []).fill(0x20, 10, 11) } as Receipt;
    expect((await checkReceipt(client(), forged)).valid).toBe(false);
    expect(await client().verify(key)).toMatchObject({
      intact: true,
      versionsChecked: 2,
      firstBrokenVersion: 0,
      reason: "",
      unhashedVersions: 0,
    });
  });

  it("signs receipts of concurrent saves so that each verifies on its own, and none with another's path", async () => {
    const saved = await Promise.all(
      Array.from({ length: 12 }, (_, index) => client().save({ document, thread: `concurrent ${index}`, cms: signedXml })),
    );
    const receipts = saved.map((answer) => answer.receipt as Receipt);
    for (const [index, receipt] of receipts.entries()) {
      const { valid, statement } = await checkReceipt(client(), receipt);
      expect(valid).toBe(true);
      expect(statement).toMatchObject({ thread: `concurrent ${index}`, head_hash: saved[index]?.signature?.headHash });
    }
    // Receipts that share a signature: one statement under another's path does not lead to the signed root.
    const shared = receipts.filter((receipt) =>
      receipts.some((other) => other !== receipt && Buffer.from(other.signature).equals(receipt.signature)),
    );
    for (const [index, receipt] of shared.entries()) {
      const other = shared[(index + 1) % shared.length] as Receipt;
      if (Buffer.from(other.statement).equals(receipt.statement)) continue;
      expect((await checkReceipt(client(), { ...receipt, proof: other.proof } as Receipt)).valid).toBe(false);
    }
  });

  it("takes expected_head as the precondition of a save: the head moves on, a stale head is ABORTED naming the current one", async () => {
    const key = { document, thread: "expected-head" };
    const first = await client().save({ ...key, cms: "MIIA" });
    const head1 = first.signature?.headHash ?? "";
    const second = await client().save({ ...key, expectedHead: head1, cms: "MIIB" });
    expect(second.signature).toMatchObject({ version: 2, currentVersion: 2 });
    const stale = await expectRpcError(client().save({ ...key, expectedHead: head1, cms: "MIIC" }), Code.Aborted);
    expect(stale.findDetails(ErrorInfoSchema)[0]).toMatchObject({
      reason: "HEAD_MISMATCH",
      metadata: { current_version: "2", current_head: second.signature?.headHash },
    });
    // With both preconditions, both must hold.
    await expectRpcError(client().save({ ...key, version: 1, expectedHead: second.signature?.headHash ?? "", cms: "MIID" }), Code.Aborted);
    await expectRpcError(client().save({ document, thread: "no such record", expectedHead: head1, cms: "MIIE" }), Code.NotFound);
    await expectRpcError(client().save({ ...key, expectedHead: "not-a-hash", cms: "MIIF" }), Code.InvalidArgument);
    expect((await client().get(key)).signature?.currentVersion).toBe(2);
  });

  it("catches a byte changed in the database: Verify names the version, Get reports it instead of serving it", async () => {
    const key = { document, thread: "tampered" };
    await client().save({ ...key, cms: "MIIversion1" });
    await client().save({ ...key, version: 1, cms: "MIIversion2" });
    await client().save({ ...key, version: 2, cms: "MIIversion3" });
    await records().updateOne(key, { $set: { "versions.1.cms": "MIIversion2-altered" } });

    expect(await client().verify(key)).toMatchObject({
      intact: false,
      firstBrokenVersion: 2,
      reason: "version 2's content does not match its hash",
      versionsChecked: 2, // version 1 checked out, version 2 did not
    });
    const error = await expectRpcError(client().get({ ...key, version: 2 }), Code.DataLoss);
    expect(error.findDetails(ErrorInfoSchema)[0]).toMatchObject({ reason: "INTEGRITY_BROKEN", metadata: { version: "2" } });
    // The untouched versions are still served.
    expect((await client().get(key)).signature?.cms).toBe("MIIversion3");
    expect((await client().get({ ...key, version: 1 })).signature?.cms).toBe("MIIversion1");
  });

  it("catches a version whose hash was recomputed after the change: the next link, or the head, breaks", async () => {
    const key = { document, thread: "rehashed" };
    await client().save({ ...key, cms: "MIIone" });
    await client().save({ ...key, version: 1, cms: "MIItwo" });
    // An intruder changes version 1 and gives it a new (well-formed) hash: version 2 no longer links to it.
    await records().updateOne(key, { $set: { "versions.0.cms": "MIIforged", "versions.0.hash": "f".repeat(64) } });
    expect(await client().verify(key)).toMatchObject({ intact: false, firstBrokenVersion: 1 });
    // Replacing the current version wholesale breaks the head the receipts carry.
    const other = { document, thread: "rehashed-head" };
    await client().save({ ...other, cms: "MIIone" });
    await records().updateOne(other, { $set: { "versions.0.hash": "e".repeat(64) } });
    await expectRpcError(client().get(other), Code.DataLoss);
    expect(await client().verify(other)).toMatchObject({ intact: false, firstBrokenVersion: 1 });
  });
});

describe("Records saved before the chain existed", () => {
  it("start their chain at the first new version, and Verify counts the versions before it", async () => {
    const client = protocols["Connect binary (HTTP/2)"](server);
    const key = { document: "legacy", thread: "t" };
    await client.save({ ...key, cms: "MIIold1" });
    await client.save({ ...key, version: 1, cms: "MIIold2" });
    // As the service stored them before this change: no hashes anywhere.
    await records().updateOne(key, {
      $unset: { head_hash: "", "versions.0.hash": "", "versions.0.prev_hash": "", "versions.1.hash": "", "versions.1.prev_hash": "" },
    });
    expect(await client.verify(key)).toMatchObject({ intact: true, versionsChecked: 0, unhashedVersions: 2, headHash: "" });
    expect((await client.get(key)).signature?.cms).toBe("MIIold2");
    const third = await client.save({ ...key, version: 2, cms: "MIInew3" });
    expect(third.signature?.headHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await client.verify(key)).toMatchObject({ intact: true, versionsChecked: 1, unhashedVersions: 2 });
  });
});

describe("Concurrent saves on one head", () => {
  it("let exactly one of many clients append onto a given expected_head", async () => {
    const client = protocols["gRPC (connect-node client)"](server);
    const key = { document: "race", thread: "head" };
    const created = await client.save({ ...key, cms: "MIIrace" });
    const head = created.signature?.headHash ?? "";
    const outcomes = await Promise.allSettled(
      Array.from({ length: 24 }, (_, index) => client.save({ ...key, expectedHead: head, cms: `MIIrace${index}` })),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect((await client.get(key)).signature?.currentVersion).toBe(2);
    expect(await client.verify(key)).toMatchObject({ intact: true, versionsChecked: 2 });
  });
});
