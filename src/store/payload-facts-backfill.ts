import type { Collection, Db } from "mongodb";
import { PayloadError, type PayloadFacts } from "../signatures/payload-facts.js";
import { inspectPayload, unrecognisedPayloadFacts } from "../signatures/payload-inspection.js";
import { factsBytes, type SignatureDoc, signerIndexFields, type VersionDoc } from "./signature-doc.js";
import { isSealed } from "./version-cipher.js";

export interface BackfillOptions {
  /** Records collection name. Default "signatures". */
  readonly collection?: string;
  /** The size budget of a record's history, as the service enforces it (MAX_RECORD_BYTES). */
  readonly maxRecordBytes: number;
  /** Records read per batch. Default 100. */
  readonly batchSize?: number;
  /** Hears of the running totals after every batch. */
  readonly onProgress?: (summary: BackfillSummary) => void;
}

export interface BackfillSummary {
  /** Records that had at least one version without facts when read. */
  records: number;
  /** Versions given their facts. */
  filled: number;
  /** Of those, payloads that are no recognised signature (stored with format unknown). */
  unrecognised: number;
  /** Versions left without facts: the facts would push the record past its size budget. */
  tooLarge: number;
  /** Versions another writer filled (or whose record was deleted) between the read and the write. */
  skipped: number;
}

/**
 * Gives every stored version that has no payload facts yet (saved before Save
 * inspected payloads) its facts, and adds its signers to the record's List
 * index fields. Safe while the service serves: versions never change once
 * written, and each write is conditional on that one version still lacking
 * facts and the record's history having room, so a concurrent save, delete or
 * second backfill never loses or doubles anything. Resumable: a run only ever
 * reads records that still need work, in id order.
 */
export async function backfillPayloadFacts(db: Db, options: BackfillOptions): Promise<BackfillSummary> {
  const records: Collection<SignatureDoc> = db.collection(options.collection ?? "signatures");
  const summary: BackfillSummary = { records: 0, filled: 0, unrecognised: 0, tooLarge: 0, skipped: 0 };
  // Sealed versions are left alone: they were saved with their facts (encryption came after inspection).
  const needsWork = { versions: { $elemMatch: { facts: { $exists: false }, key_id: { $exists: false } } } };
  let after = Number.NEGATIVE_INFINITY;
  for (;;) {
    const batch = await records
      .find({ ...needsWork, _id: { $gt: after } }, { projection: { _id: 1, versions: 1 } })
      .sort({ _id: 1 })
      .limit(options.batchSize ?? 100)
      .toArray();
    if (batch.length === 0) return summary;
    for (const record of batch) {
      summary.records++;
      for (const version of record.versions.filter((entry): entry is VersionDoc => !isSealed(entry) && entry.facts === undefined)) {
        await fillVersion(records, record._id, version, options.maxRecordBytes, summary);
      }
      after = record._id;
    }
    options.onProgress?.({ ...summary });
  }
}

async function fillVersion(
  records: Collection<SignatureDoc>,
  id: number,
  version: VersionDoc,
  maxRecordBytes: number,
  summary: BackfillSummary,
): Promise<void> {
  const facts = factsOf(version.cms);
  // Counted in the record's size budget as a save with these facts would have counted them.
  const added = factsBytes(facts);
  const index = signerIndexFields(facts);
  // Versions are contiguous from 1, so version n sits at index n - 1: addressed by index, not by
  // the positional operator, which the local engine does not resolve from an $elemMatch.
  const at = `versions.${version.version - 1}`;
  const result = await records.updateOne(
    {
      _id: id,
      history_bytes: { $lte: maxRecordBytes - added },
      [`${at}.version`]: version.version,
      [`${at}.facts`]: { $exists: false },
    },
    {
      $set: { [`${at}.facts`]: facts },
      $inc: { history_bytes: added },
      $addToSet: {
        signer_iins: { $each: index.signer_iins },
        signer_bins: { $each: index.signer_bins },
        certificate_serials: { $each: index.certificate_serials },
        payload_sha256s: { $each: index.payload_sha256s },
      },
    },
  );
  if (result.modifiedCount === 1) {
    summary.filled++;
    if (facts.format === "unknown") summary.unrecognised++;
    return;
  }
  const current = await records.findOne({ _id: id }, { projection: { history_bytes: 1 } });
  if (current !== null && current.history_bytes > maxRecordBytes - added) summary.tooLarge++;
  else summary.skipped++;
}

function factsOf(payload: string): PayloadFacts {
  try {
    return inspectPayload(payload);
  } catch (error) {
    if (error instanceof PayloadError) return unrecognisedPayloadFacts(payload);
    throw error;
  }
}
