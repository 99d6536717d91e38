import { describe, expect, it } from "vitest";
import { createReceiptSigner, type Receipt } from "../../src/integrity/receipt-signer.js";
import { receiptVerifies } from "../helpers/receipt-verification.js";

const acknowledged = (index: number) => ({
  document: "doc_12",
  thread: `ticket_${index}`,
  version: index + 1,
  headHash: index.toString(16).padStart(64, "0"),
  time: new Date(Date.UTC(2026, 11, 1, 9, 0, 0, index)),
});

describe("Receipt signing in batches (one signature per turn of the event loop)", () => {
  it("gives the saves of one turn one signature and each its own path, and a later save a signature of its own", async () => {
    const batches: number[] = [];
    const signer = createReceiptSigner(undefined, { onSignature: (receipts) => batches.push(receipts) });
    const together = await Promise.all(Array.from({ length: 7 }, (_, index) => signer.sign(acknowledged(index))));
    const alone = await signer.sign(acknowledged(7));
    expect(batches).toEqual([7, 1]);
    expect(new Set(together.map((receipt) => Buffer.from(receipt.signature).toString("hex"))).size).toBe(1);
    expect(together.map((receipt) => receipt.proof.length)).toEqual([3, 3, 3, 3, 3, 3, 2]);
    expect(alone.proof).toEqual([]);
    for (const [index, receipt] of [...together, alone].entries()) {
      expect(receiptVerifies(signer.publicKeyPem, receipt), `receipt ${index}`).toBe(true);
      expect(JSON.parse(Buffer.from(receipt.statement).toString("utf8"))).toEqual({
        type: "ncanode.signatures.v1.receipt",
        document: "doc_12",
        thread: `ticket_${index}`,
        version: index + 1,
        head_hash: acknowledged(index).headHash,
        time: acknowledged(index).time.toISOString(),
      });
    }
  });

  it("splits a turn of more than 256 saves into trees of at most 256 receipts", async () => {
    const batches: number[] = [];
    const signer = createReceiptSigner(undefined, { onSignature: (receipts) => batches.push(receipts) });
    const receipts = await Promise.all(Array.from({ length: 300 }, (_, index) => signer.sign(acknowledged(index))));
    expect(batches).toEqual([256, 44]);
    expect(receipts.every((receipt) => receiptVerifies(signer.publicKeyPem, receipt))).toBe(true);
  });

  it("refuses a receipt whose statement, path or signature was changed", async () => {
    const signer = createReceiptSigner(undefined);
    const receipts = signer.signBatch(Array.from({ length: 5 }, (_, index) => acknowledged(index)));
    const [first, second] = receipts as [Receipt, Receipt];
    const flipped = (bytes: Uint8Array, at: number) => {
      const copy = Uint8Array.from(bytes);
      copy[at] = (copy[at] ?? 0) ^ 1;
      return copy;
    };
    const firstStep = first.proof[0];
    if (firstStep === undefined) throw new Error("a receipt of a batch of 5 has a path");
    const changed: Receipt[] = [
      { ...first, statement: flipped(first.statement, 20) },
      { ...first, proof: [{ ...firstStep, sibling: flipped(firstStep.sibling, 0) }, ...first.proof.slice(1)] },
      { ...first, proof: [{ ...firstStep, siblingLeft: !firstStep.siblingLeft }, ...first.proof.slice(1)] },
      { ...first, proof: first.proof.slice(1) },
      { ...first, proof: second.proof },
      { ...first, signature: flipped(first.signature, 5) },
    ];
    expect(receipts.every((receipt) => receiptVerifies(signer.publicKeyPem, receipt))).toBe(true);
    expect(changed.map((receipt) => receiptVerifies(signer.publicKeyPem, receipt))).toEqual(changed.map(() => false));
    // Another key's public key does not verify it.
    expect(receiptVerifies(createReceiptSigner(undefined).publicKeyPem, first)).toBe(false);
  });

  it("proves every leaf of batches of every size up to 40 (odd nodes move up a level unhashed)", () => {
    const signer = createReceiptSigner(undefined);
    for (let size = 1; size <= 40; size++) {
      const receipts = signer.signBatch(Array.from({ length: size }, (_, index) => acknowledged(index)));
      expect(
        receipts.every((receipt) => receiptVerifies(signer.publicKeyPem, receipt)),
        `batch of ${size}`,
      ).toBe(true);
      expect(Math.max(...receipts.map((receipt) => receipt.proof.length))).toBe(Math.ceil(Math.log2(size)));
    }
  });
});
