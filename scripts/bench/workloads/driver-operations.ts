import type { Collection, Db } from "mongodb";
import { unrecognisedPayloadFacts } from "../../../src/signatures/payload-inspection.js";
import { appendFilter, appendUpdate } from "../../../src/store/append-version.js";
import { currentOnly, keyFilter, type SignatureDoc } from "../../../src/store/signature-doc.js";
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

    // The store's append: a read of the chain's head, then one conditional findOneAndUpdate on version, head and size budget.
    async save(record, cms) {
      const input: VersionInput = { cms, createdBy: undefined, comment: undefined, facts: unrecognisedPayloadFacts(cms) };
      const unchanged = { tags: undefined, stage: undefined, parent: undefined };
      // As the store: the chain's head is read, and the update is conditional on it.
      const current = await records.findOne(keyFilter(record), { projection: { _id: 0, version: 1, head_hash: 1, first_embedded: 1 } });
      if (current === null) throw new Error("findOne found no record");
      const base = { version: current.version, headHash: current.head_hash, firstEmbedded: current.first_embedded ?? 1 };
      const filter = appendFilter(record, base, input, maxRecordBytes);
      const update = appendUpdate(record, base, input, unchanged, new Date(), plainForm);
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
