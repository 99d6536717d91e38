import type { Collection, Db } from "mongodb";
import { unrecognisedPayloadFacts } from "../../../src/signatures/payload-inspection.js";
import { appendFilter, appendUpdate } from "../../../src/store/append-version.js";
import { currentOnly, type SignatureDoc } from "../../../src/store/signature-doc.js";
import type { VersionInput } from "../../../src/store/signature-store.js";
import { plainForm } from "../../../src/store/stored-form.js";
import type { SignatureOperations } from "./signature-operations.js";

/*
 * The queries of src/store/mongo-signature-store.ts, issued with the driver
 * alone: the same filters, projections, updates (imported from the store) and options. Get is the driver's
 * own findOne (issue 7's baseline); the store sends the same query as a
 * single-batch find command, which costs less.
 */
/** The storage limit: what the service's calls would cost with no RPC, validation or mapping around them. */
export function driverOperations(db: Db, maxRecordBytes: number): SignatureOperations {
  const records: Collection<SignatureDoc> = db.collection("signatures");
  return {
    async get(record) {
      const doc = await records.findOne<SignatureDoc>({ document: record.document, thread: record.thread }, { projection: currentOnly });
      if (doc === null) throw new Error("findOne found no record");
    },

    // The store's append: one conditional findOneAndUpdate on version and size budget.
    async save(record, cms) {
      const input: VersionInput = { cms, createdBy: undefined, comment: undefined, facts: unrecognisedPayloadFacts(cms) };
      const unchanged = { tags: undefined, stage: undefined, parent: undefined };
      const filter = appendFilter(record, record.version, input, maxRecordBytes);
      const update = appendUpdate(record, record.version, input, unchanged, new Date(), plainForm);
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
