import type { RecordRef } from "../bench-records.js";

/**
 * The three measured operations, implemented once over gRPC (through the
 * service) and once with the driver alone (the storage limit), so that every
 * workload runs unchanged against both.
 */
export interface SignatureOperations {
  /** Reads the record's current version. */
  get(record: RecordRef): Promise<void>;
  /** Appends a version to the record at record.version; resolves with the new current version. */
  save(record: RecordRef, cms: string): Promise<number>;
  /** Reads the newest `limit` records carrying `tag`. */
  list(tag: string, limit: number): Promise<void>;
}
