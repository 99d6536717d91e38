import type { Collection } from "mongodb";
import { isDuplicateKey } from "./mongo-error-codes.js";
import type { CounterDoc } from "./signature-doc.js";

/** The counter document that hands out record ids. */
const recordIdCounter = "signature_id";

/**
 * Reserves `count` consecutive record ids in one atomic increment of the
 * counter and returns the first. Ids are never handed out twice, so never
 * reused: an id taken by a create that then failed is simply skipped.
 */
export async function reserveRecordIds(counters: Collection<CounterDoc>, count = 1): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      // The document as it was before the increment: the local engine serialises a
      // returned "after" document outside its lock, so concurrent callers could read
      // each other's increments; a "before" copy is taken inside the atomic step.
      const before = await counters.findOneAndUpdate(
        { _id: recordIdCounter },
        { $inc: { seq: count } },
        { upsert: true, returnDocument: "before" },
      );
      return (before?.seq ?? 0) + 1;
    } catch (error) {
      // Two first-ever upserts can race to insert the counter; the loser retries as an update.
      if (attempt === 0 && isDuplicateKey(error)) continue;
      throw error;
    }
  }
}

/**
 * Record ids handed out from blocks reserved in one counter write each, so
 * that creates do not all write the one counter document (a hot spot, and on
 * a sharded cluster a single shard's chunk). Ids stay unique and never
 * reused; each instance's ids increase, but across instances ids follow block
 * order, not creation order (List orders by created_at, then id). The rest of
 * a block is skipped when the process stops.
 */
export function createRecordIdSource(counters: Collection<CounterDoc>, blockSize: number): () => Promise<number> {
  let next = 0;
  let end = 0;
  let reserving: Promise<void> | undefined;
  return async function nextRecordId(): Promise<number> {
    // Concurrent creates share one reservation; each takes its id synchronously once a block is there.
    while (next >= end) {
      reserving ??= reserveRecordIds(counters, blockSize).then(
        (first) => {
          next = first;
          end = first + blockSize;
          reserving = undefined;
        },
        (error: unknown) => {
          reserving = undefined;
          throw error;
        },
      );
      await reserving;
    }
    return next++;
  };
}
