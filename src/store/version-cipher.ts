import { Buffer } from "node:buffer";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { Binary } from "mongodb";
import type { DataKey, EncryptionKeys } from "./encryption-keys.js";
import { decodeSecret, encodeSecret } from "./sealed-secret.js";
import type { SealedVersionDoc, StoredVersionDoc, VersionDoc } from "./signature-doc.js";
import { type SignatureKey, VersionUnreadableError } from "./signature-store.js";

/**
 * Encryption at rest of a version's secret fields: its payload, comment and
 * signer facts are sealed together with AES-256-GCM into `sealed`, and the id
 * of the key into `key_id`. Every other field of the entry (number, author,
 * time, and whatever else it holds) is passed through as it is.
 */
export interface VersionCipher {
  /** The id of the key new versions are sealed with; undefined when encryption is off. */
  readonly currentKeyId: string | undefined;
  /** The entry as it is stored: sealed under the current key, or unchanged when encryption is off. */
  seal(key: SignatureKey, entry: VersionDoc): StoredVersionDoc;
  /** The entry with its secret fields back; plaintext entries pass unchanged. Throws VersionUnreadableError. */
  open(key: SignatureKey, entry: StoredVersionDoc): VersionDoc;
}

const nonceBytes = 12;
const tagBytes = 16;

export function isSealed(entry: StoredVersionDoc): entry is SealedVersionDoc {
  return "key_id" in entry && typeof entry.key_id === "string";
}

/** The cipher of these keys; without keys, one that stores plaintext and refuses to open sealed entries. */
export function createVersionCipher(keys: EncryptionKeys | undefined): VersionCipher {
  const byId = new Map<string, DataKey>((keys?.dataKeys ?? []).map((dataKey) => [dataKey.id, dataKey]));
  const current = keys?.dataKeys.at(-1);
  return {
    currentKeyId: current?.id,
    seal(key, entry) {
      if (current === undefined) return entry;
      const { cms, comment, facts, ...kept } = entry;
      return {
        ...kept,
        key_id: current.id,
        sealed: new Binary(encrypt(current, key, entry.version, encodeSecret({ cms, comment, facts }))),
      };
    },
    open(key, entry) {
      if (!isSealed(entry)) return entry;
      const { key_id: keyId, sealed, ...kept } = entry;
      const dataKey = byId.get(keyId);
      if (dataKey === undefined) throw new VersionUnreadableError("key-missing", keyId, entry.version);
      const plain = decrypt(dataKey, key, entry.version, sealed.value());
      // Authenticated but not a layout this code writes: a newer service sealed it, or a bug; never served as garbage.
      const secret = plain === undefined ? undefined : decodeSecret(plain);
      if (secret === undefined) throw new VersionUnreadableError("decryption-failed", keyId, entry.version);
      return { ...kept, cms: secret.cms, comment: secret.comment, ...(secret.facts === undefined ? {} : { facts: secret.facts }) };
    },
  };
}

/**
 * What GCM authenticates besides the ciphertext: the record key, the version
 * number and the key id, so that a sealed entry copied to another version or
 * record, or relabelled with another key id, does not open.
 */
function associatedData(key: SignatureKey, version: number, keyId: string): Buffer {
  return Buffer.from(JSON.stringify(["ncanode-signature-store/version/v1", key.document, key.thread, version, keyId]), "utf8");
}

/** nonce (12 random bytes) ‖ ciphertext ‖ tag (16 bytes). A random nonce per seal: 2^32 seals per key stay far within GCM's bound. */
function encrypt(dataKey: DataKey, key: SignatureKey, version: number, plain: Uint8Array): Buffer {
  const nonce = randomBytes(nonceBytes);
  const cipher = createCipheriv("aes-256-gcm", dataKey.key, nonce, { authTagLength: tagBytes });
  cipher.setAAD(associatedData(key, version, dataKey.id));
  const body = cipher.update(plain);
  const last = cipher.final();
  return Buffer.concat([nonce, body, last, cipher.getAuthTag()]);
}

/** The plaintext, or undefined when authentication fails (wrong key, altered or moved ciphertext). */
function decrypt(dataKey: DataKey, key: SignatureKey, version: number, sealed: Uint8Array): Buffer | undefined {
  if (sealed.length < nonceBytes + tagBytes) return undefined;
  const decipher = createDecipheriv("aes-256-gcm", dataKey.key, sealed.subarray(0, nonceBytes), { authTagLength: tagBytes });
  decipher.setAAD(associatedData(key, version, dataKey.id));
  decipher.setAuthTag(sealed.subarray(sealed.length - tagBytes));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(nonceBytes, sealed.length - tagBytes)), decipher.final()]);
  } catch {
    return undefined;
  }
}
