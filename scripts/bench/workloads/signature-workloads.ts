import type { RecordRef } from "../bench-records.js";
import type { FreshRecordPool } from "../fresh-record-pool.js";
import type { Workload } from "../load-runner.js";
import type { SignatureOperations } from "./signature-operations.js";

/** Get of a random record among `records` (all seeded alike), so no single document stays hot in a cache. */
export function getWorkload(operations: SignatureOperations, records: readonly RecordRef[]): Workload {
  return {
    createWorker: () => ({
      call: () => operations.get(records[Math.floor(Math.random() * records.length)] as RecordRef),
    }),
  };
}

/** The same tagged page every time: its cost is the index walk and the page, not the match count. */
export function listWorkload(operations: SignatureOperations, tag: string, limit: number): Workload {
  return { createWorker: () => ({ call: () => operations.list(tag, limit) }) };
}

export interface SaveWorkloadOptions {
  readonly cms: string;
  /** Saves a worker makes to one record before taking a fresh one from the pool. */
  readonly savesPerRecord: number;
  /** Safety factor on the warm-up rate when filling the pool for the measured window. */
  readonly poolMargin?: number;
}

/**
 * Each worker saves to a record of its own, passing the version its last save
 * returned, so concurrent saves never conflict; after savesPerRecord saves it
 * moves to a fresh record, which keeps history length (and document size)
 * from drifting with the run's duration.
 */
export function saveWorkload(operations: SignatureOperations, pool: FreshRecordPool, options: SaveWorkloadOptions): Workload {
  let workers = 0;
  return {
    createWorker: () => {
      workers++;
      let record: RecordRef | undefined;
      let saves = 0;
      return {
        prepare: async () => {
          if (record === undefined || saves >= options.savesPerRecord) {
            record = await pool.take();
            saves = 0;
          }
        },
        call: async () => {
          if (record === undefined) throw new Error("save worker has no record");
          record.version = await operations.save(record, options.cms);
          saves++;
        },
      };
    },
    beforeMeasure: (expectedCalls) =>
      pool.fillTo(Math.ceil((expectedCalls * (options.poolMargin ?? 2)) / options.savesPerRecord) + workers),
  };
}
