import type { Filter, UpdateFilter } from "mongodb";
import { keyFilter, type SignatureDoc, toVersionDoc, versionBytes } from "./signature-doc.js";
import type { RecordChanges, SignatureKey, VersionInput } from "./signature-store.js";
import type { StoredForm } from "./stored-form.js";

/**
 * The versioned save as one conditional update: the filter matches the record
 * only while its current version is the expected one and its history has room
 * for the new entry, so of concurrent saves of one version exactly one matches
 * (MongoDB applies an update to one document atomically).
 */
export function appendFilter(key: SignatureKey, expectedVersion: number, next: VersionInput, maxRecordBytes: number): Filter<SignatureDoc> {
  return { ...keyFilter(key), version: expectedVersion, history_bytes: { $lte: maxRecordBytes - versionBytes(next) } };
}

/** Appends version expectedVersion + 1, in its stored form, and applies the record changes that came with it. */
export function appendUpdate(
  key: SignatureKey,
  expectedVersion: number,
  next: VersionInput,
  changes: RecordChanges,
  now: Date,
  form: StoredForm,
): UpdateFilter<SignatureDoc> {
  const set: Partial<SignatureDoc> = { updated_at: now };
  if (changes.tags !== undefined) set.tags = [...changes.tags];
  if (changes.stage !== undefined) set.stage = changes.stage;
  if (changes.parent !== undefined) set.parent = changes.parent;
  const index = form.index.fields(next.facts);
  return {
    $push: { versions: form.cipher.seal(key, toVersionDoc(expectedVersion + 1, next, now)) },
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
