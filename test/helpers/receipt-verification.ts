/**
 * A receipt checked as a client checks one, from the documented format alone
 * (docs/integrity.md, "Receipts"), not with the service's code: the
 * statement's leaf hash, folded with each proof step up to the root, and
 * Ed25519 over the documented prefix and that root. The TypeScript interop
 * program (test/interop/ts) checks receipts with it too.
 */
import { createHash, createPublicKey, verify } from "node:crypto";

export interface ReceiptToCheck {
  readonly statement: Uint8Array;
  readonly proof: readonly { readonly sibling: Uint8Array; readonly siblingLeft: boolean }[];
  readonly signature: Uint8Array;
}

/** True when the receipt's signature by `publicKeyPem` covers the root its statement and proof lead to. */
export function receiptVerifies(publicKeyPem: string, receipt: ReceiptToCheck): boolean {
  const sha256 = (...parts: Uint8Array[]) => createHash("sha256").update(Buffer.concat(parts)).digest();
  let node = sha256(Uint8Array.of(0), receipt.statement);
  for (const { sibling, siblingLeft } of receipt.proof) {
    node = siblingLeft ? sha256(Uint8Array.of(1), sibling, node) : sha256(Uint8Array.of(1), node, sibling);
  }
  const signed = Buffer.concat([Buffer.from("ncanode.signatures.v1 receipt root\n", "utf8"), node]);
  return verify(null, signed, createPublicKey(publicKeyPem), receipt.signature);
}

/** A REST receipt (base64 fields, snake_case) as ReceiptToCheck. */
export function fromRestReceipt(receipt: Record<string, unknown>): ReceiptToCheck {
  const bytes = (value: unknown) => Buffer.from(String(value), "base64");
  return {
    statement: bytes(receipt["statement"]),
    proof: (receipt["proof"] as { sibling: string; sibling_left: boolean }[]).map((step) => ({
      sibling: bytes(step.sibling),
      siblingLeft: step.sibling_left,
    })),
    signature: bytes(receipt["signature"]),
  };
}
