import { Buffer } from "node:buffer";
import { canonicalFactsJson, rememberCanonicalFactsJson } from "../integrity/version-hash.js";
import { type PayloadFacts, payloadFactsFromJson } from "../signatures/payload-facts.js";

/** What a sealed version encrypts: its secret fields. */
export interface SecretFields {
  readonly cms: string;
  readonly comment: string | null;
  readonly facts: PayloadFacts | undefined;
}

/** The first byte of the plaintext: the only layout so far. */
const layout = 1;
/** The length written for an absent comment or facts. */
const absent = 0xffffffff;

/**
 * The plaintext of a sealed version (docs/database.md): a layout byte (1),
 * then the payload, the comment and the facts, each a 4-byte big-endian
 * length and UTF-8 bytes, the length 0xFFFFFFFF for an absent comment or
 * facts. The facts are their canonical JSON, the text the version's hash
 * covers: Save encodes them once for both, and Get hashes the decrypted text
 * instead of encoding the parsed facts again.
 */
export function encodeSecret({ cms, comment, facts }: SecretFields): Buffer {
  // An entry without a comment field (undefined) seals as one without a comment.
  const fields = [cms, comment ?? null, facts === undefined ? null : canonicalFactsJson(facts)];
  let size = 1;
  for (const field of fields) size += 4 + (field === null ? 0 : Buffer.byteLength(field, "utf8"));
  const plain = Buffer.allocUnsafe(size);
  plain[0] = layout;
  let offset = 1;
  for (const field of fields) {
    const written = field === null ? 0 : plain.write(field, offset + 4, "utf8");
    plain.writeUInt32BE(field === null ? absent : written, offset);
    offset += 4 + written;
  }
  return plain;
}

/** The secret fields of an authenticated plaintext; undefined when it is not in a layout this code writes. */
export function decodeSecret(plain: Buffer): SecretFields | undefined {
  if (plain[0] !== layout) return undefined;
  let offset = 1;
  const next = (): string | null | undefined => {
    if (offset + 4 > plain.length) return undefined;
    const length = plain.readUInt32BE(offset);
    offset += 4;
    if (length === absent) return null;
    if (offset + length > plain.length) return undefined;
    offset += length;
    return plain.toString("utf8", offset - length, offset);
  };
  const cms = next();
  const comment = next();
  const factsJson = next();
  if (typeof cms !== "string" || comment === undefined || factsJson === undefined || offset !== plain.length) return undefined;
  if (factsJson === null) return { cms, comment, facts: undefined };
  let facts: PayloadFacts;
  try {
    facts = payloadFactsFromJson(factsJson);
  } catch {
    return undefined;
  }
  rememberCanonicalFactsJson(facts, factsJson);
  return { cms, comment, facts };
}
