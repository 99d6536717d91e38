/**
 * The per-record hash chain (docs/integrity.md): each version's hash is the
 * SHA-256 of a canonical encoding of its content and of the previous
 * version's hash, so changing any stored byte of a version breaks its own
 * hash or, if that is recomputed too, every later link up to the head that
 * Save's receipts carry.
 */
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import type { PayloadFacts } from "../signatures/payload-facts.js";

/** The previous hash of a record's first hashed version. */
export const genesisHash = "0".repeat(64);

/** Everything a version's hash covers. */
export interface HashedContent {
  readonly document: string;
  readonly thread: string;
  readonly version: number;
  readonly cms: string;
  readonly createdBy: string | undefined;
  readonly comment: string | undefined;
  readonly createdAt: Date;
  readonly facts: PayloadFacts | undefined;
}

const domain = Buffer.from("ncanode.signatures.v1 version\n", "utf8");

/**
 * SHA-256 (hex) over the domain string, then each field as a 4-byte
 * big-endian length and its UTF-8 bytes: document, thread, version
 * (decimal), previous hash, time (ISO 8601, milliseconds, UTC), author,
 * comment, payload, facts (canonical JSON, or nothing when absent). Length
 * prefixes keep "ab"+"c" and "a"+"bc" apart. The fields are written into one
 * buffer and hashed in one update: a hash update per field costs more than
 * hashing the payload itself.
 */
export function versionHash(content: HashedContent, previousHash: string): string {
  const fields = [
    content.document,
    content.thread,
    String(content.version),
    previousHash,
    content.createdAt.toISOString(),
    content.createdBy ?? "",
    content.comment ?? "",
    content.cms,
    content.facts === undefined ? "" : canonicalFactsJson(content.facts),
  ];
  let size = domain.length;
  for (const field of fields) size += 4 + Buffer.byteLength(field, "utf8");
  const message = Buffer.allocUnsafe(size);
  let offset = domain.copy(message, 0);
  for (const field of fields) {
    const written = message.write(field, offset + 4, "utf8");
    message.writeUInt32BE(written, offset);
    offset += 4 + written;
  }
  return createHash("sha256").update(message).digest("hex");
}

/** The canonical JSON of facts already encoded, by object: facts are immutable, and Save hashes and seals the same object. */
const encodedFacts = new WeakMap<PayloadFacts, string>();

/** The facts' canonical JSON (field 9 of the hash): sorted keys, absent members left out, dates as ISO strings. */
export function canonicalFactsJson(facts: PayloadFacts): string {
  let text = encodedFacts.get(facts);
  if (text === undefined) {
    text = canonicalJson(facts);
    encodedFacts.set(facts, text);
  }
  return text;
}

/**
 * Records that `facts` was parsed from `text`, the canonical JSON a sealed
 * version holds, so that hashing them hashes those stored bytes instead of
 * encoding the facts again.
 */
export function rememberCanonicalFactsJson(facts: PayloadFacts, text: string): void {
  encodedFacts.set(facts, text);
}

/** Each key's JSON text and colon, as facts repeat the same few dozen keys. */
const quotedKeys = new Map<string, string>();
const maxQuotedKeys = 1000;

/**
 * JSON with object keys sorted, absent (undefined) members left out and dates
 * as ISO strings: the same facts give the same text whether they come from
 * the inspection or back from the database. Every plaintext Get hashes the
 * facts it serves, so keys already in order (as a record's facts mostly are)
 * are not sorted again, and each key is quoted once.
 */
function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value !== "object") return JSON.stringify(value);
  if (value instanceof Date) return `"${value.toISOString()}"`;
  if (Array.isArray(value)) {
    let text = "[";
    for (let index = 0; index < value.length; index++) text += (index === 0 ? "" : ",") + canonicalJson(value[index]);
    return `${text}]`;
  }
  const keys = Object.keys(value);
  for (let index = 1; index < keys.length; index++) {
    if ((keys[index - 1] as string) > (keys[index] as string)) {
      keys.sort();
      break;
    }
  }
  const members = value as Record<string, unknown>;
  let text = "";
  for (const key of keys) {
    const member = members[key];
    if (member === undefined) continue;
    let quoted = quotedKeys.get(key);
    if (quoted === undefined) {
      quoted = `${JSON.stringify(key)}:`;
      if (quotedKeys.size < maxQuotedKeys) quotedKeys.set(key, quoted);
    }
    text += `,${quoted}${canonicalJson(member)}`;
  }
  return `{${text.slice(1)}}`;
}
