import type { Filter, Sort } from "mongodb";
import type { SignatureDoc } from "./signature-doc.js";
import type { ListQuery } from "./signature-store.js";
import type { SignerIndex } from "./signer-index.js";

/** List's order, newest first; every List index ends in these two keys so that it serves the order without a sort. */
export const newestFirst = { created_at: -1, _id: -1 } as const satisfies Sort;

/** What List sends to the database: the filter of the page and the one the total counts. */
export interface ListFilters {
  /** The query's filters: what `total` counts. */
  readonly filter: Filter<SignatureDoc>;
  /** The filter with the keyset condition of `after`, when there is one: what the page reads. */
  readonly pageFilter: Filter<SignatureDoc>;
}

/**
 * The filters of a List query (a pure function, so that the explain test in
 * test/store/ asks the planner about exactly what the store sends).
 */
export function listFilter(query: ListQuery, index: SignerIndex): ListFilters {
  const filter: Filter<SignatureDoc> = {};
  if (query.document !== undefined) filter.document = query.document;
  if (query.thread !== undefined) filter.thread = query.thread;
  if (query.stage !== undefined) filter.stage = query.stage;
  if (query.tags.length > 0) filter.tags = { $in: [...query.tags] };
  const { signedBy } = query;
  if (signedBy.iin !== undefined) filter.signer_iins = index.matching("signer_iins", signedBy.iin);
  if (signedBy.bin !== undefined) filter.signer_bins = index.matching("signer_bins", signedBy.bin);
  if (signedBy.certificateSerial !== undefined) {
    filter.certificate_serials = index.matching("certificate_serials", signedBy.certificateSerial);
  }
  if (signedBy.payloadSha256 !== undefined) filter.payload_sha256s = signedBy.payloadSha256;
  // Keyset paging: the page starts after the last record of the one before, in the index's own order,
  // so a deep page reads what a first page does. The plain `created_at <= after` bounds the index scan
  // (an $or alone gives no bounds: the scan would start at the newest entry and filter its way down);
  // the $or then drops the records of that same instant up to and including `after` itself.
  const { after } = query;
  const pageFilter: Filter<SignatureDoc> =
    after === undefined
      ? filter
      : {
          ...filter,
          created_at: { $lte: after.createdAt },
          $or: [{ created_at: { $lt: after.createdAt } }, { _id: { $lt: after.id } }],
        };
  return { filter, pageFilter };
}
