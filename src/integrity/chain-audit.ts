/**
 * Checking every record's hash chain (`npm run verify-chains`): records are
 * read in id order, a batch of keys at a time, and each record's history is
 * read through the store (so that whatever the store does to stored versions,
 * the chain is checked on what it serves). Resumable: a run can start after
 * the last id a previous run reported.
 */
import type { Collection, Db } from "mongodb";
import type { SignatureDoc } from "../store/signature-doc.js";
import type { SignatureStore } from "../store/signature-store.js";
import { verifyChain } from "./chain-verification.js";

export interface AuditOptions {
  /** Start after this record id (a previous run's `lastId`). Default: from the first record. */
  readonly afterId?: number;
  /** Record keys read per batch. Default 100. */
  readonly batchSize?: number;
  /** Records collection name. Default "signatures". */
  readonly collection?: string;
  /** Hears of the running totals after every batch. */
  readonly onProgress?: (summary: AuditSummary) => void;
  /** Hears of every broken record as it is found. */
  readonly onBroken?: (broken: BrokenRecord) => void;
}

export interface BrokenRecord {
  readonly id: number;
  readonly document: string;
  readonly thread: string;
  readonly version: number;
  readonly reason: string;
}

export interface AuditSummary {
  /** Records checked. */
  records: number;
  /** Of those, records whose chain holds. */
  intact: number;
  /** Records with a broken link. */
  broken: number;
  /** Versions saved before the chain existed (no hash to check). */
  unhashedVersions: number;
  /** The last record id checked: pass it as afterId to resume. */
  lastId: number | undefined;
}

export async function auditChains(db: Db, store: SignatureStore, options: AuditOptions = {}): Promise<AuditSummary> {
  const records: Collection<SignatureDoc> = db.collection(options.collection ?? "signatures");
  const summary: AuditSummary = { records: 0, intact: 0, broken: 0, unhashedVersions: 0, lastId: options.afterId };
  for (;;) {
    const after = summary.lastId ?? Number.NEGATIVE_INFINITY;
    const batch = await records
      .find({ _id: { $gt: after } }, { projection: { _id: 1, document: 1, thread: 1 } })
      .sort({ _id: 1 })
      .limit(options.batchSize ?? 100)
      .toArray();
    if (batch.length === 0) return summary;
    for (const { _id: id, document, thread } of batch) {
      const key = { document, thread };
      const history = await store.listVersions(key, 0, 2 ** 31 - 1, true);
      summary.lastId = id;
      if (history === undefined) continue; // deleted since the batch was read
      summary.records++;
      const report = verifyChain(key, history.versions, history.headHash);
      summary.unhashedVersions += report.unhashedVersions;
      if (report.intact) {
        summary.intact++;
      } else {
        summary.broken++;
        options.onBroken?.({ id, document, thread, version: report.firstBrokenVersion ?? 0, reason: report.reason ?? "" });
      }
    }
    options.onProgress?.({ ...summary });
  }
}
