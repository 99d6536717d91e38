/**
 * Save's receipts: a JSON statement of what the store acknowledged (record
 * key, version, head hash, time), covered by an Ed25519 signature (RFC 8032)
 * of the service's key, which a client keeps as proof and checks offline with
 * the public key GetReceiptKey and GET /receipt-key publish.
 *
 * An Ed25519 signature costs more CPU than the rest of a receipt together, so
 * the saves acknowledged in one turn of the event loop share one: their
 * statements are the leaves of a Merkle tree (receipt-tree.ts), the signature
 * covers its root, and each receipt carries its path to the root. A save
 * alone is a tree of one leaf, with an empty path.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { leafHash, merkleProofs, type ProofStep } from "./receipt-tree.js";

export interface Receipt {
  /** The exact bytes acknowledged: UTF-8 JSON. */
  readonly statement: Uint8Array;
  /** From the statement's leaf to the signed root, the leaf's end first. */
  readonly proof: readonly ProofStep[];
  /** Ed25519 over signedRoot(root). */
  readonly signature: Uint8Array;
  readonly keyId: string;
}

/** What a receipt states. */
export interface Acknowledged {
  readonly document: string;
  readonly thread: string;
  readonly version: number;
  readonly headHash: string;
  readonly time: Date;
}

export interface ReceiptSigner {
  readonly keyId: string;
  /** The raw 32-byte public key. */
  readonly publicKey: Uint8Array;
  readonly publicKeyPem: string;
  /** The receipt of one save, signed together with the others acknowledged in the same turn of the event loop. */
  sign(acknowledged: Acknowledged): Promise<Receipt>;
  /** Receipts of these saves now, under one signature: what `sign` does with each turn's saves. */
  signBatch(acknowledged: readonly Acknowledged[]): Receipt[];
}

export interface ReceiptSignerOptions {
  /** Told the number of receipts of every signature made (a metric). */
  readonly onSignature?: (receipts: number) => void;
}

/** The most receipts under one signature: a path stays at most 8 steps. */
const maxBatch = 256;

const rootPrefix = Buffer.from("ncanode.signatures.v1 receipt root\n", "utf8");

/** What the signature covers: the prefix above, then the 32-byte root. */
function signedRoot(root: Uint8Array): Buffer {
  return Buffer.concat([rootPrefix, root]);
}

/**
 * The signer for a PEM PKCS #8 Ed25519 private key file (RECEIPT_KEY_FILE),
 * or for a key generated now when none is configured (receipts then verify
 * only while this process runs: documented, and logged at start-up).
 */
export function createReceiptSigner(keyFile: string | undefined, options: ReceiptSignerOptions = {}): ReceiptSigner {
  const privateKey = keyFile === undefined ? generateKeyPairSync("ed25519").privateKey : readPrivateKey(keyFile);
  const publicKeyObject = createPublicKey(privateKey);
  // The raw key is the last 32 bytes of its DER SubjectPublicKeyInfo (RFC 8410 §4).
  const publicKey = publicKeyObject.export({ type: "spki", format: "der" }).subarray(-32);
  const keyId = createHash("sha256").update(publicKey).digest("hex").slice(0, 16);

  function signBatch(acknowledged: readonly Acknowledged[]): Receipt[] {
    const statements = acknowledged.map(({ document, thread, version, headHash, time }) =>
      Buffer.from(
        JSON.stringify({ type: "ncanode.signatures.v1.receipt", document, thread, version, head_hash: headHash, time: time.toISOString() }),
        "utf8",
      ),
    );
    const { root, proofs } = merkleProofs(statements.map(leafHash));
    const signature = sign(null, signedRoot(root), privateKey);
    options.onSignature?.(statements.length);
    return statements.map((statement, index) => ({ statement, proof: proofs[index] ?? [], signature, keyId }));
  }

  let pending: { acknowledged: Acknowledged; resolve: (receipt: Receipt) => void; reject: (error: unknown) => void }[] = [];
  /** Runs once per turn of the event loop that acknowledged a save, after its I/O callbacks (setImmediate). */
  function flush(): void {
    const turn = pending;
    pending = [];
    for (let start = 0; start < turn.length; start += maxBatch) {
      const batch = turn.slice(start, start + maxBatch);
      try {
        const receipts = signBatch(batch.map((waiting) => waiting.acknowledged));
        for (const [index, waiting] of batch.entries()) waiting.resolve(receipts[index] as Receipt);
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
  }

  return {
    keyId,
    publicKey,
    publicKeyPem: publicKeyObject.export({ type: "spki", format: "pem" }).toString(),
    signBatch,
    sign: (acknowledged) =>
      new Promise((resolve, reject) => {
        if (pending.push({ acknowledged, resolve, reject }) === 1) setImmediate(flush);
      }),
  };
}

function readPrivateKey(keyFile: string): KeyObject {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(keyFile));
  } catch (error) {
    throw new Error(
      `RECEIPT_KEY_FILE ${keyFile} holds no readable private key (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new Error(`RECEIPT_KEY_FILE ${keyFile} holds a ${privateKey.asymmetricKeyType} key, an Ed25519 key is needed`);
  }
  return privateKey;
}
