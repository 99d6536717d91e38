import { Buffer } from "node:buffer";
import type { Binary, Filter } from "mongodb";
import { genesisHash, versionHash } from "../integrity/version-hash.js";
import type { PayloadFacts } from "../signatures/payload-facts.js";
import type { RecordChanges, SignatureKey, SignatureRecord, SignatureVersion, VersionInput } from "./signature-store.js";
import { plainForm, type StoredForm } from "./stored-form.js";

/**
 * One MongoDB document per record, the history embedded oldest first. Field
 * names follow the documented API. `_id` is the record's integer id.
 */
export interface SignatureDoc extends Partial<SignerIndexFields> {
  _id: number;
  document: string;
  thread: string;
  /** Current version; the last entry of `versions` (versions are 1..version, contiguous, across both collections). */
  version: number;
  /**
   * The oldest version still embedded (absent: 1). Older ones were moved to
   * the version archive (version-archive.ts); `versions` holds
   * first_embedded..version.
   */
  first_embedded?: number;
  /** Plaintext and sealed entries may be mixed: records saved before encryption was turned on keep theirs until `npm run reencrypt`. */
  versions: StoredVersionDoc[];
  tags: string[];
  stage: string | null;
  parent: number | null;
  created_at: Date;
  updated_at: Date;
  /** Estimated BSON size of the embedded `versions`, kept by every save and move so that the size check is part of the atomic filter. */
  history_bytes: number;
  /** The current version's hash: the head of the record's hash chain (absent on records no hashed version was saved to). */
  head_hash?: string;
}

export interface VersionDoc {
  version: number;
  cms: string;
  created_by: string | null;
  created_at: Date;
  comment: string | null;
  /** What the payload is and who signed it; absent on versions saved before payloads were inspected. */
  facts?: PayloadFacts;
  /** The version's link in the hash chain and the one before it; absent on versions saved before the chain existed. */
  hash?: string;
  prev_hash?: string;
  /** Its share of history_bytes (versionBytes), for the move out of the record; absent on older versions. */
  size?: number;
}

/**
 * A version under encryption at rest (version-cipher.ts): cms, comment and
 * facts sealed together into `sealed`; every other field as in a plaintext entry.
 */
export type SealedVersionDoc = Omit<VersionDoc, "cms" | "comment" | "facts"> & {
  /** The id of the data key that sealed it. */
  key_id: string;
  /** AES-256-GCM: nonce, ciphertext of {cms, comment, facts} (sealed-secret.ts), tag. */
  sealed: Binary;
};

/** A history entry as it is in the database. */
export type StoredVersionDoc = VersionDoc | SealedVersionDoc;

/**
 * What List filters by, kept on the record for every version it ever held
 * (versions are immutable, so these sets only grow): each a multikey index.
 */
export interface SignerIndexFields {
  signer_iins: string[];
  signer_bins: string[];
  certificate_serials: string[];
  payload_sha256s: string[];
}

/** The index fields of one payload. */
export function signerIndexFields(facts: PayloadFacts): SignerIndexFields {
  const distinct = (values: readonly (string | undefined)[]) => [
    // typeof, not !== undefined: facts read back from the database hold null where they were undefined.
    ...new Set(values.filter((value): value is string => typeof value === "string")),
  ];
  return {
    signer_iins: distinct(facts.signers.map((signer) => signer.subject.iin)),
    signer_bins: distinct(facts.signers.map((signer) => signer.subject.bin)),
    certificate_serials: distinct(facts.signers.map((signer) => signer.certificateSerial)),
    payload_sha256s: [facts.sha256],
  };
}

/** The record's fields without its history, named one by one (an inclusion projection means the same everywhere). */
export const recordFields = {
  document: 1,
  thread: 1,
  version: 1,
  tags: 1,
  stage: 1,
  parent: 1,
  created_at: 1,
  updated_at: 1,
  head_hash: 1,
  first_embedded: 1,
} as const;

/** The record with only its last history entry: reads never transfer the whole history. */
export const currentOnly = { ...recordFields, versions: { $slice: -1 } } as const;

/** The counter document that hands out record ids. */
export interface CounterDoc {
  _id: string;
  seq: number;
}

/**
 * Upper bound of the BSON bytes a version entry adds to `versions`: string
 * bytes plus per-element framing (type bytes, keys, lengths, the date and the
 * array index), rounded up generously.
 */
export function versionBytes(input: VersionInput): number {
  const framing = 320; // with the two 64-character hashes of the chain
  return (
    framing +
    factsBytes(input.facts) +
    Buffer.byteLength(input.cms, "utf8") +
    Buffer.byteLength(input.createdBy ?? "", "utf8") +
    Buffer.byteLength(input.comment ?? "", "utf8")
  );
}

/** Upper bound of the BSON bytes of a version's facts: a signer's (two names, serial, times, roles, algorithms, verification) stay well under 2 KiB. */
export function factsBytes(facts: PayloadFacts): number {
  return 256 + 2048 * facts.signers.length;
}

/** The filter on the unique key (document, thread). */
export function keyFilter(key: SignatureKey): Filter<SignatureDoc> {
  return { document: key.document, thread: key.thread };
}

/** A new record at version 1 in its stored form, the first link of its hash chain. */
export function newSignatureDoc(
  id: number,
  key: SignatureKey,
  first: VersionInput,
  changes: RecordChanges,
  now: Date,
  form: StoredForm = plainForm,
): SignatureDoc {
  const entry = toVersionDoc(key, 1, first, now, genesisHash);
  return {
    _id: id,
    document: key.document,
    thread: key.thread,
    version: 1,
    versions: [form.cipher.seal(key, entry)],
    tags: [...(changes.tags ?? [])],
    stage: changes.stage ?? null,
    parent: changes.parent ?? null,
    created_at: now,
    updated_at: now,
    history_bytes: versionBytes(first),
    head_hash: entry.hash as string,
    ...form.index.fields(first.facts),
  };
}

/** A version entry, hashed onto `prevHash`. */
export function toVersionDoc(key: SignatureKey, version: number, input: VersionInput, at: Date, prevHash: string): VersionDoc {
  const hash = versionHash({ ...key, version, ...input, createdAt: at }, prevHash);
  return {
    version,
    cms: input.cms,
    created_by: input.createdBy ?? null,
    created_at: at,
    comment: input.comment ?? null,
    facts: input.facts,
    hash,
    prev_hash: prevHash,
    size: versionBytes(input),
  };
}

export function fromVersionDoc(doc: VersionDoc, includeCms = true): SignatureVersion {
  return {
    version: doc.version,
    cms: includeCms ? doc.cms : "",
    createdBy: doc.created_by ?? undefined,
    createdAt: doc.created_at,
    comment: doc.comment ?? undefined,
    facts: doc.facts,
    hash: doc.hash,
    prevHash: doc.prev_hash,
  };
}

/** A record from a document whose `versions` was projected down to the one entry wanted (opened if sealed). */
export function fromSignatureDoc(doc: SignatureDoc, form: StoredForm = plainForm): SignatureRecord | undefined {
  const entry = doc.versions[0];
  if (entry === undefined) {
    return undefined;
  }
  return {
    id: doc._id,
    document: doc.document,
    thread: doc.thread,
    currentVersion: doc.version,
    tags: doc.tags,
    stage: doc.stage ?? undefined,
    parent: doc.parent ?? undefined,
    createdAt: doc.created_at,
    updatedAt: doc.updated_at,
    headHash: doc.head_hash,
    version: fromVersionDoc(form.cipher.open(doc, entry)),
  };
}
