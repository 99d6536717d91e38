import type { Collection, Db, Filter, UpdateFilter } from "mongodb";
import { currentOnly, toVersionDoc, versionBytes, type SignatureDoc } from "../../../src/store/signature-doc.js";
import type { VersionInput } from "../../../src/store/signature-store.js";
import type { SignatureOperations } from "./signature-operations.js";

/*
 * The queries of src/store/mongo-signature-store.ts, issued with the driver
 * alone: same filters, projections, updates and options. Get is the driver's
 * own findOne (issue 7's baseline); the store sends the same query as a
 * single-batch find command, which costs less.
 */
/** The storage limit: what the service's calls would cost with no RPC, validation or mapping around them. */
export function driverOperations(db: Db, maxRecordBytes: number): SignatureOperations {
  const records: Collection<SignatureDoc> = db.collection("signatures");
  return {
    async get(record) {
      const doc = await records.findOne<SignatureDoc>(
        { document: record.document, thread: record.thread },
        { projection: currentOnly },
      );
      if (doc === null) throw new Error("findOne found no record");
    },

    // The store's append: one conditional findOneAndUpdate on version and size budget.
    async save(record, cms) {
      const input: VersionInput = { cms, createdBy: undefined, comment: undefined };
      const added = versionBytes(input);
      const now = new Date();
      const filter: Filter<SignatureDoc> = {
        document: record.document,
        thread: record.thread,
        version: record.version,
        history_bytes: { $lte: maxRecordBytes - added },
      };
      const update: UpdateFilter<SignatureDoc> = {
        $push: { versions: toVersionDoc(record.version + 1, input, now) },
        $inc: { version: 1, history_bytes: added },
        $set: { updated_at: now },
      };
      const doc = await records.findOneAndUpdate(filter, update, { projection: currentOnly, returnDocument: "after" });
      if (doc?.version !== record.version + 1) throw new Error(`findOneAndUpdate did not append to version ${record.version}`);
      return doc.version;
    },

    async list(tag, limit) {
      const docs = await records
        .find<SignatureDoc>({ tags: { $in: [tag] } }, { projection: currentOnly })
        .sort({ created_at: -1, _id: -1 })
        .skip(0)
        .limit(limit)
        .toArray();
      if (docs.length !== limit) throw new Error(`find returned ${docs.length} of ${limit}`);
    },
  };
}
