import { randomBytes } from "node:crypto";
import { BSON, type Document } from "mongodb";
import type { EncryptionKeys } from "../../src/store/encryption-keys.js";

/** A fresh random 32-byte key in base64, as ENCRYPTION_KEYS and ENCRYPTION_INDEX_KEY take it. */
export function newKey(): string {
  return randomBytes(32).toString("base64");
}

/** Keys as config.ts builds them from "id:base64" entries, oldest first. */
export function encryptionKeys(indexKey: string, ...entries: [id: string, key: string][]): EncryptionKeys {
  return { dataKeys: entries.map(([id, key]) => ({ id, key: Buffer.from(key, "base64") })), indexKey: Buffer.from(indexKey, "base64") };
}

/**
 * Which of these strings a raw document still holds readably: searched in its
 * BSON bytes (UTF-8, as the database stores strings) and in its extended JSON.
 */
export function readableIn(doc: Document, secrets: readonly string[]): string[] {
  const bson = Buffer.from(BSON.serialize(doc));
  const json = BSON.EJSON.stringify(doc);
  return secrets.filter((secret) => bson.includes(Buffer.from(secret, "utf8")) || json.includes(secret));
}
