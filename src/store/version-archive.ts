/**
 * The versions a record no longer embeds: a record keeps its newest versions
 * in its own document (one read and one write for the common case) and moves
 * older ones here, so that its document stays small however long its history
 * grows. One document per version, unique by (document, thread, record id,
 * version): moving the same version twice (a move retried after a crash) is
 * harmless, and a record created anew under a deleted one's key never meets
 * the old record's leftovers. The record key leads, as it leads the records'
 * shard key (docs/database.md).
 * Entries keep their stored form (a sealed one stays sealed: its associated
 * data is the record key and version, not where it lives).
 */
import type { Collection, Db } from "mongodb";
import { isDuplicateKey } from "./mongo-error-codes.js";
import type { StoredVersionDoc } from "./signature-doc.js";
import type { SignatureKey } from "./signature-store.js";

export type ArchivedVersionDoc = StoredVersionDoc & {
  document: string;
  thread: string;
  record_id: number;
};

export const archiveCollectionName = "signature_versions";

/**
 * How many versions a record keeps embedded after a move: half its budget, so
 * that a move happens once every `embeddedVersions − half` saves rather than at each.
 */
export function versionsKeptAfterMove(embeddedVersions: number): number {
  return Math.floor(embeddedVersions / 2);
}

export interface VersionArchive {
  readonly collection: Collection<ArchivedVersionDoc>;
  /** Stores the entries; ones already there (an earlier move that did not finish) are left as they are. */
  add(recordId: number, key: SignatureKey, entries: readonly StoredVersionDoc[]): Promise<void>;
  /** Versions from..to (inclusive) of the record, oldest first. */
  range(recordId: number, key: SignatureKey, from: number, to: number): Promise<StoredVersionDoc[]>;
  /** Removes every archived version of the record. */
  removeRecord(recordId: number, key: SignatureKey): Promise<void>;
  ensureIndexes(): Promise<void>;
}

export function openVersionArchive(db: Db): VersionArchive {
  const collection = db.collection<ArchivedVersionDoc>(archiveCollectionName);
  return {
    collection,
    async add(recordId, key, entries) {
      if (entries.length === 0) return;
      const docs = entries.map((entry) => ({ ...entry, document: key.document, thread: key.thread, record_id: recordId }));
      try {
        await collection.insertMany(docs, { ordered: false });
      } catch (error) {
        // Versions never change: a copy already there is the same version.
        if (!isDuplicateKey(error)) throw error;
      }
    },
    async range(recordId, key, from, to) {
      if (to < from) return [];
      const docs = await collection
        .find({ document: key.document, thread: key.thread, record_id: recordId, version: { $gte: from, $lte: to } })
        .sort({ version: 1 })
        .toArray();
      return docs.map(({ _id: _, document: __, thread: ___, record_id: ____, ...entry }) => entry as StoredVersionDoc);
    },
    async removeRecord(recordId, key) {
      await collection.deleteMany({ document: key.document, thread: key.thread, record_id: recordId });
    },
    async ensureIndexes() {
      // The shard key {document, thread, version} leads (a unique index on a sharded collection must start with it).
      await collection.createIndex({ document: 1, thread: 1, version: 1, record_id: 1 }, { name: "record_version_unique", unique: true });
    },
  };
}
