import type { Filter, UpdateFilter } from "mongodb";
import { genesisHash } from "../integrity/version-hash.js";
import { keyFilter, type SignatureDoc, toVersionDoc, versionBytes } from "./signature-doc.js";
import type { RecordChanges, SignatureKey, VersionInput } from "./signature-store.js";
import type { StoredForm } from "./stored-form.js";

/** The record as an append finds it: the version and chain head the new version builds on. */
export interface AppendBase {
  readonly version: number;
  /** Undefined on a record no hashed version was saved to: its first hashed version links to the genesis hash. */
  readonly headHash: string | undefined;
  /** The oldest embedded version (1 when none was moved out): with `version`, how many entries the record embeds. */
  readonly firstEmbedded: number;
}

/**
 * The versioned save as one conditional update: the filter matches the record
 * only while its current version and chain head are the ones the new version
 * was hashed onto and its history has room for the new entry, so of
 * concurrent saves of one version exactly one matches (MongoDB applies an
 * update to one document atomically).
 */
export function appendFilter(key: SignatureKey, base: AppendBase, next: VersionInput, maxRecordBytes: number): Filter<SignatureDoc> {
  return {
    ...keyFilter(key),
    version: base.version,
    head_hash: base.headHash ?? { $exists: false },
    first_embedded: base.firstEmbedded === 1 ? { $exists: false } : base.firstEmbedded,
    history_bytes: { $lte: maxRecordBytes - versionBytes(next) },
  };
}

/** Appends version base.version + 1 in its stored form, linked to the base's head, and applies the record changes that came with it. */
export function appendUpdate(
  key: SignatureKey,
  base: AppendBase,
  next: VersionInput,
  changes: RecordChanges,
  now: Date,
  form: StoredForm,
): UpdateFilter<SignatureDoc> {
  const entry = toVersionDoc(key, base.version + 1, next, now, base.headHash ?? genesisHash);
  const set: Partial<SignatureDoc> = { updated_at: now, head_hash: entry.hash as string };
  if (changes.tags !== undefined) set.tags = [...changes.tags];
  if (changes.stage !== undefined) set.stage = changes.stage;
  if (changes.parent !== undefined) set.parent = changes.parent;
  const index = form.index.fields(next.facts);
  return {
    $push: { versions: form.cipher.seal(key, entry) },
    $inc: { version: 1, history_bytes: versionBytes(next) },
    $set: set,
    $addToSet: {
      signer_iins: { $each: index.signer_iins },
      signer_bins: { $each: index.signer_bins },
      certificate_serials: { $each: index.certificate_serials },
      payload_sha256s: { $each: index.payload_sha256s },
    },
  };
}
