import { Code, createClient, createRouterTransport } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { ErrorInfoSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { SignatureService } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import { createReceiptSigner } from "../../src/integrity/receipt-signer.js";
import { createSignatureService } from "../../src/service/signature-service.js";
import { expectRpcError } from "../helpers/expect-rpc-error.js";
import { createMemorySignatureStore } from "../helpers/memory-signature-store.js";

/**
 * The fast tier: the service's rules over Connect's in-memory transport on a
 * store kept in a Map. No port, no database; the same rules run against the
 * real store and servers in the other tiers.
 */
function inMemoryClient() {
  // Stand-in payloads: these tests are about the versioning rules.
  const service = createSignatureService({
    store: createMemorySignatureStore(),
    maxCmsBytes: 1024,
    defaultLocale: "en",
    acceptUnrecognisedPayloads: true,
    receiptSigner: createReceiptSigner(undefined),
  });
  return createClient(
    SignatureService,
    createRouterTransport(({ service: serve }) => serve(SignatureService, service)),
  );
}

describe("SignatureService rules (in memory)", () => {
  it("creates at version 1 whatever version says, then appends only on the current version", async () => {
    const client = inMemoryClient();
    const key = { document: "d", thread: "t" };
    expect((await client.save({ ...key, version: 9, cms: "v1" })).signature?.version).toBe(1);
    expect((await client.save({ ...key, version: 1, cms: "v2" })).signature?.version).toBe(2);
    const stale = await expectRpcError(client.save({ ...key, version: 1, cms: "late" }), Code.Aborted);
    expect(stale.findDetails(ErrorInfoSchema)[0]?.metadata["current_version"]).toBe("2");
    const unset = await expectRpcError(client.save({ ...key, cms: "no version" }), Code.InvalidArgument);
    expect(unset.rawMessage).toBe("Version must be set");
  });

  it("reads current and historical versions, NOT_FOUND past the end, an empty page past the end", async () => {
    const client = inMemoryClient();
    const key = { document: "d", thread: "t" };
    await client.save({ ...key, cms: "v1" });
    await client.save({ ...key, version: 1, cms: "v2" });
    expect((await client.get({ ...key, version: 1 })).signature).toMatchObject({ version: 1, currentVersion: 2, cms: "v1" });
    await expectRpcError(client.get({ ...key, version: 3 }), Code.NotFound);
    expect(await client.listVersions({ ...key, offset: 5 })).toMatchObject({ currentVersion: 2, versions: [] });
  });

  it("keeps parents acyclic", async () => {
    const client = inMemoryClient();
    const a = (await client.save({ document: "d", thread: "a", cms: "a" })).signature!;
    const b = (await client.save({ document: "d", thread: "b", cms: "b", parent: a.id })).signature!;
    await expectRpcError(client.save({ document: "d", thread: "a", version: 1, cms: "a2", parent: b.id }), Code.InvalidArgument);
    await expectRpcError(client.save({ document: "d", thread: "a", version: 1, cms: "a2", parent: a.id }), Code.InvalidArgument);
    await expectRpcError(client.save({ document: "d", thread: "c", cms: "c", parent: 999n }), Code.InvalidArgument);
  });

  it("lists newest first with any-of tags and a total", async () => {
    const client = inMemoryClient();
    for (const [thread, tags] of [
      ["x", ["red"]],
      ["y", ["blue"]],
      ["z", ["red", "green"]],
    ] as const) {
      await client.save({ document: "d", thread, cms: "v1", tags: [...tags] });
    }
    const page = await client.list({ tags: ["red", "green"], count: true });
    expect(page.signatures.map((s) => s.thread)).toEqual(["z", "x"]);
    expect(page.nbResults).toBe(2n);
  });
});
