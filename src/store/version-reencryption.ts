import type { Collection, Db, Filter, ObjectId } from "mongodb";
import type { PayloadFacts } from "../signatures/payload-facts.js";
import type { EncryptionKeys } from "./encryption-keys.js";
import type { SignatureDoc, SignerIndexFields, StoredVersionDoc, VersionDoc } from "./signature-doc.js";
import { type SignatureKey, VersionUnreadableError } from "./signature-store.js";
import { createStoredForm, type StoredForm } from "./stored-form.js";
import { openVersionArchive, type VersionArchive } from "./version-archive.js";
import { isSealed } from "./version-cipher.js";

export interface ReencryptionOptions {
  /** The keys as the service has them; the last data key is the one every version ends up under. */
  readonly encryption: EncryptionKeys;
  /** Records collection name. Default "signatures". */
  readonly collection?: string;
  /** Records read per batch. Default 100. */
  readonly batchSize?: number;
  /** Hears of the running totals after every batch. */
  readonly onProgress?: (summary: ReencryptionSummary) => void;
}

export interface ReencryptionSummary {
  /** Records that had a version not under the current key when read. */
  records: number;
  /** Plaintext versions (saved before encryption was on) now sealed. */
  encrypted: number;
  /** Versions sealed under an older key now sealed under the current one. */
  reencrypted: number;
  /** Records whose signer index was rewritten as keyed hashes. */
  indexesHashed: number;
  /** Versions whose key is not configured, or that do not decrypt: left as they are. */
  unreadable: number;
  /** Versions or indexes another writer changed (or whose record was deleted) between the read and the write. */
  skipped: number;
}

/** The signer fields of the List index; payload_sha256s is the same in both forms. */
const signerFields = ["signer_iins", "signer_bins", "certificate_serials"] as const;

/** How often an index rewrite lost to a concurrent save is tried again before it is skipped. */
const indexAttempts = 4;

/**
 * Brings every stored version under the current data key: plaintext versions
 * are sealed, versions under older keys re-sealed, and a record's signer index
 * fields are rewritten as keyed hashes when they still hold clear values. Safe
 * while the service serves: each write is one conditional single-document
 * update that matches the version's old key id and old content (or, for the
 * index, the record's version as read), so a concurrent save or delete is never
 * lost or undone, only counted as skipped. Resumable: a run reads only records
 * that still have a version not under the current key, in id order.
 */
export async function reencryptVersions(db: Db, options: ReencryptionOptions): Promise<ReencryptionSummary> {
  const records: Collection<SignatureDoc> = db.collection(options.collection ?? "signatures");
  const form = createStoredForm(options.encryption);
  const currentKeyId = form.cipher.currentKeyId;
  const summary: ReencryptionSummary = { records: 0, encrypted: 0, reencrypted: 0, indexesHashed: 0, unreadable: 0, skipped: 0 };
  // $ne also matches entries without key_id: the plaintext ones.
  const archive = openVersionArchive(db);
  // A record that moved versions to the archive is read too: its index covers them, and they may need work.
  const needsWork: Filter<SignatureDoc> = {
    $or: [{ versions: { $elemMatch: { key_id: { $ne: currentKeyId } } } }, { first_embedded: { $exists: true } }],
  };
  let after = Number.NEGATIVE_INFINITY;
  for (;;) {
    const batch = await records
      .find({ ...needsWork, _id: { $gt: after } })
      .sort({ _id: 1 })
      .limit(options.batchSize ?? 100)
      .toArray();
    if (batch.length === 0) break;
    for (const record of batch) {
      summary.records++;
      await reencryptRecord(records, archive, record, form, summary);
      after = record._id;
    }
    options.onProgress?.({ ...summary });
  }
  await reencryptArchive(archive, form, summary, options);
  return summary;
}

/**
 * The versions moved out of their records (version-archive.ts), each brought
 * under the current key with an update conditional on its old key id and
 * content, as the embedded ones are.
 */
async function reencryptArchive(archive: VersionArchive, form: StoredForm, summary: ReencryptionSummary, options: ReencryptionOptions) {
  let after: ObjectId | undefined;
  for (;;) {
    const batch = await archive.collection
      .find({ key_id: { $ne: form.cipher.currentKeyId }, ...(after === undefined ? {} : { _id: { $gt: after } }) })
      .sort({ _id: 1 })
      .limit(options.batchSize ?? 100)
      .toArray();
    if (batch.length === 0) return;
    for (const stored of batch) {
      after = stored._id;
      const key = { document: stored.document, thread: stored.thread };
      const { _id: id, document: _, thread: __, record_id: ___, ...rest } = stored;
      const entry = rest as StoredVersionDoc;
      let opened: VersionDoc;
      try {
        opened = form.cipher.open(key, entry);
      } catch (error) {
        if (!(error instanceof VersionUnreadableError)) throw error;
        summary.unreadable++;
        continue;
      }
      const sealed = form.cipher.seal(key, opened);
      if (!isSealed(sealed)) throw new Error("re-encryption needs a data key");
      const old = isSealed(entry) ? { key_id: entry.key_id, sealed: entry.sealed } : { key_id: { $exists: false }, cms: entry.cms };
      const result = await archive.collection.updateOne(
        { _id: id, ...old },
        { $set: { key_id: sealed.key_id, sealed: sealed.sealed }, $unset: { cms: "", comment: "", facts: "" } },
      );
      if (result.modifiedCount !== 1) summary.skipped++;
      else if (isSealed(entry)) summary.reencrypted++;
      else summary.encrypted++;
    }
    options.onProgress?.({ ...summary });
  }
}

async function reencryptRecord(
  records: Collection<SignatureDoc>,
  archive: VersionArchive,
  record: SignatureDoc,
  form: StoredForm,
  summary: ReencryptionSummary,
) {
  const opened = openAll(record, form);
  summary.unreadable += opened.filter((entry) => entry === undefined).length;
  // The index first: a run interrupted after it still finds the record by its versions, and redoes nothing.
  // It covers every version the record ever had, the moved ones included, which are read only when the
  // index still holds a clear value (a record read again by a later run costs no read of its archive).
  if (!indexHashed(record)) {
    const moved = openEntries(record, await archive.range(record._id, record, 1, (record.first_embedded ?? 1) - 1), form);
    const all = [...moved, ...opened];
    if (all.every((entry) => entry !== undefined)) await hashIndex(records, archive, record, all as VersionDoc[], form, summary);
  }
  for (const [index, stored] of record.versions.entries()) {
    const entry = opened[index];
    if (entry === undefined || (isSealed(stored) && stored.key_id === form.cipher.currentKeyId)) continue;
    const sealed = form.cipher.seal(record, entry);
    if (!isSealed(sealed)) throw new Error("re-encryption needs a data key");
    // Record ids are never reused, so _id, the position, the version number and the old content name this
    // one entry only; a move out of the record in between shifts positions, so the entry is missed (skipped)
    // rather than another written, and the archive pass below finds it where it went.
    const at = `versions.${index}`;
    const old: Filter<SignatureDoc> = isSealed(stored)
      ? { [`${at}.key_id`]: stored.key_id, [`${at}.sealed`]: stored.sealed }
      : { [`${at}.key_id`]: { $exists: false }, [`${at}.cms`]: stored.cms };
    const result = await records.updateOne(
      { _id: record._id, [`${at}.version`]: stored.version, ...old },
      {
        $set: { [`${at}.key_id`]: sealed.key_id, [`${at}.sealed`]: sealed.sealed },
        $unset: { [`${at}.cms`]: "", [`${at}.comment`]: "", [`${at}.facts`]: "" },
      },
    );
    if (result.modifiedCount === 1) {
      if (isSealed(stored)) summary.reencrypted++;
      else summary.encrypted++;
    } else {
      summary.skipped++;
    }
  }
}

/** Whether every signer value of the record's index is already a keyed hash (64 hex digits; IINs and BINs are 12 digits, serials at most 40). */
function indexHashed(record: SignatureDoc): boolean {
  return signerFields.every((field) => (record[field] ?? []).every((value) => /^[0-9a-f]{64}$/.test(value)));
}

/** Every embedded entry opened; undefined where its key is missing or it does not decrypt. */
function openAll(record: SignatureDoc, form: StoredForm): (VersionDoc | undefined)[] {
  return openEntries(record, record.versions, form);
}

function openEntries(key: SignatureKey, entries: readonly StoredVersionDoc[], form: StoredForm): (VersionDoc | undefined)[] {
  return entries.map((entry: StoredVersionDoc) => {
    try {
      return form.cipher.open(key, entry);
    } catch (error) {
      if (error instanceof VersionUnreadableError) return undefined;
      throw error;
    }
  });
}

/**
 * Sets the record's signer index fields to the keyed hashes of all its
 * versions' signers, when they hold anything else (clear values saved before
 * encryption). Conditional on the record's version: a save in between adds a
 * signer this read did not see, so the record is read again and the rewrite retried.
 */
async function hashIndex(
  records: Collection<SignatureDoc>,
  archive: VersionArchive,
  record: SignatureDoc,
  opened: readonly VersionDoc[],
  form: StoredForm,
  summary: ReencryptionSummary,
): Promise<void> {
  let current: SignatureDoc | null = record;
  let entries = opened;
  for (let attempt = 1; current !== null; attempt++) {
    const wanted = hashedFields(
      entries.flatMap((entry) => entry.facts ?? []),
      form,
    );
    if (signerFields.every((field) => sameSet(current?.[field] ?? [], wanted[field]))) return;
    const result = await records.updateOne(
      { _id: current._id, version: current.version },
      { $set: { signer_iins: wanted.signer_iins, signer_bins: wanted.signer_bins, certificate_serials: wanted.certificate_serials } },
    );
    if (result.matchedCount === 1) {
      summary.indexesHashed++;
      return;
    }
    if (attempt === indexAttempts) break;
    current = await records.findOne({ _id: current._id });
    const reread =
      current === null
        ? []
        : [
            ...openEntries(current, await archive.range(current._id, current, 1, (current.first_embedded ?? 1) - 1), form),
            ...openAll(current, form),
          ];
    if (reread.some((entry) => entry === undefined)) break;
    entries = reread as VersionDoc[];
  }
  summary.skipped++;
}

function hashedFields(facts: readonly PayloadFacts[], form: StoredForm): Pick<SignerIndexFields, (typeof signerFields)[number]> {
  const union = (field: (typeof signerFields)[number]) => [...new Set(facts.flatMap((entry) => form.index.fields(entry)[field]))];
  return { signer_iins: union("signer_iins"), signer_bins: union("signer_bins"), certificate_serials: union("certificate_serials") };
}

function sameSet(stored: readonly string[], wanted: readonly string[]): boolean {
  const set = new Set(stored);
  return set.size === wanted.length && wanted.every((value) => set.has(value));
}
