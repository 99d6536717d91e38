/**
 * Save's receipts: a JSON statement of what the store acknowledged (record
 * key, version, head hash, time) signed with the service's Ed25519 key
 * (RFC 8032), which a client keeps as proof and checks offline with the
 * public key GetReceiptKey and GET /receipt-key publish.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { readFileSync } from "node:fs";

export interface Receipt {
  /** The exact bytes signed: UTF-8 JSON. */
  readonly statement: Uint8Array;
  readonly signature: Uint8Array;
  readonly keyId: string;
}

export interface ReceiptSigner {
  readonly keyId: string;
  /** The raw 32-byte public key. */
  readonly publicKey: Uint8Array;
  readonly publicKeyPem: string;
  sign(acknowledged: { document: string; thread: string; version: number; headHash: string; time: Date }): Receipt;
}

/**
 * The signer for a PEM PKCS #8 Ed25519 private key file (RECEIPT_KEY_FILE),
 * or for a key generated now when none is configured (receipts then verify
 * only while this process runs: documented, and logged at start-up).
 */
export function createReceiptSigner(keyFile: string | undefined): ReceiptSigner {
  let privateKey: KeyObject;
  if (keyFile === undefined) {
    privateKey = generateKeyPairSync("ed25519").privateKey;
  } else {
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
  }
  const publicKeyObject = createPublicKey(privateKey);
  // The raw key is the last 32 bytes of its DER SubjectPublicKeyInfo (RFC 8410 §4).
  const publicKey = publicKeyObject.export({ type: "spki", format: "der" }).subarray(-32);
  const keyId = createHash("sha256").update(publicKey).digest("hex").slice(0, 16);
  return {
    keyId,
    publicKey,
    publicKeyPem: publicKeyObject.export({ type: "spki", format: "pem" }).toString(),
    sign({ document, thread, version, headHash, time }) {
      const statement = Buffer.from(
        JSON.stringify({ type: "ncanode.signatures.v1.receipt", document, thread, version, head_hash: headHash, time: time.toISOString() }),
        "utf8",
      );
      return { statement, signature: sign(null, statement, privateKey), keyId };
    },
  };
}
