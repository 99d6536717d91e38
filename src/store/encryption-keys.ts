import { Buffer } from "node:buffer";

/**
 * The keys of encryption at rest (docs/operations.md, Keys). Data keys encrypt
 * versions and rotate: the last one configured seals new versions, the older
 * ones only open what they sealed. The index key hashes the signer index and
 * never rotates: every stored hash depends on it.
 */
export interface EncryptionKeys {
  /** Oldest first; the last is the current key. Never empty. */
  readonly dataKeys: readonly DataKey[];
  /** HMAC-SHA-256 key of the signer index fields (IIN, BIN, certificate serial). */
  readonly indexKey: Buffer;
}

export interface DataKey {
  /** Stored with every version it seals, so that a version names the key that opens it. */
  readonly id: string;
  /** 32 bytes: AES-256-GCM. */
  readonly key: Buffer;
}

/** Key ids are stored in every encrypted version and printed in errors: short and plain. */
const keyIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/** AES-256 and HMAC-SHA-256 keys alike are 32 random bytes. */
const keyBytes = 32;

/** One 32-byte key written in standard base64; the reason it is not one otherwise. */
export function decodeKey(base64: string): Buffer | string {
  const trimmed = base64.trim();
  // Buffer.from skips characters that are not base64: checked first, so that a typo is not silently a different key.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return "is not base64";
  const key = Buffer.from(trimmed, "base64");
  return key.length === keyBytes ? key : `decodes to ${key.length} bytes, not ${keyBytes}`;
}

/** One "id:base64key" entry; the reason it is not one otherwise (never the key material). */
export function decodeDataKey(entry: string): DataKey | string {
  const separator = entry.indexOf(":");
  if (separator < 0) return 'is not "id:base64key"';
  const id = entry.slice(0, separator).trim();
  if (!keyIdPattern.test(id)) return `has key id "${id.slice(0, 64)}": ids are 1 to 64 of A-Z a-z 0-9 . _ -`;
  const key = decodeKey(entry.slice(separator + 1));
  return typeof key === "string" ? `key "${id}" ${key}` : { id, key };
}
