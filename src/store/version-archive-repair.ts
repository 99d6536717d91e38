/**
 * `npm run repair-versions`: finishes what interrupted moves and deletes left
 * in the version archive. A move that wrote versions to the archive but did
 * not trim them from the record (a crash in between) leaves them in both
 * places: the repair completes the move, trimming the record with the same
 * conditional update a move uses (so the archive copy, written first, is what
 * stays). A delete interrupted after removing the record leaves its moved
 * versions behind: record ids are never reused, so versions whose record id
 * no longer exists are removed. Safe while the service serves, and to run again.
 */
import { BSON, type Collection, type Db } from "mongodb";
import type { SignatureDoc } from "./signature-doc.js";
import { openVersionArchive } from "./version-archive.js";

export interface RepairSummary {
  /** Records whose versions were in both places, now trimmed. */
  movesCompleted: number;
  /** Versions of deleted records removed from the archive. */
  orphansRemoved: number;
}

export async function repairVersionArchive(db: Db, options: { readonly collection?: string } = {}): Promise<RepairSummary> {
  const records: Collection<SignatureDoc> = db.collection(options.collection ?? "signatures");
  const archive = openVersionArchive(db);
  const summary: RepairSummary = { movesCompleted: 0, orphansRemoved: 0 };
  const recordIds = (await archive.collection.distinct("record_id")) as number[];
  for (const id of recordIds) {
    const record = await records.findOne({ _id: id }, { projection: { document: 1, thread: 1, version: 1, first_embedded: 1 } });
    if (record === null) {
      const removed = await archive.collection.deleteMany({ record_id: id });
      summary.orphansRemoved += removed.deletedCount;
      continue;
    }
    const first = record.first_embedded ?? 1;
    // The embedded versions already in the archive, from the oldest embedded one on without a gap; the current stays.
    const copies = await archive.range(id, record, first, record.version - 1);
    let through = first - 1;
    for (const copy of copies) {
      if (copy.version !== through + 1) break;
      through = copy.version;
    }
    if (through < first) continue;
    const embedded = await records.findOne({ _id: id }, { projection: { versions: 1 } });
    const leaving = (embedded?.versions ?? []).filter((entry) => entry.version <= through);
    const bytes = leaving.reduce((sum, entry) => sum + (entry.size ?? BSON.calculateObjectSize(entry)), 0);
    const trimmed = await records.updateOne(
      { _id: id, first_embedded: first === 1 ? { $exists: false } : first },
      { $pull: { versions: { version: { $lte: through } } }, $set: { first_embedded: through + 1 }, $inc: { history_bytes: -bytes } },
    );
    if (trimmed.modifiedCount === 1) summary.movesCompleted++;
  }
  return summary;
}
