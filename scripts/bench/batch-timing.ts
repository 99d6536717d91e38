/**
 * Timing a synchronous operation in the bench process: in ~20 ms batches after
 * an unrecorded warm-up, so that the median of the batches' µs per call stands
 * up to a stray pause while the overall mean still includes garbage collection.
 * Shared by the sections that time code in process (10 and 12).
 */
import { performance } from "node:perf_hooks";

/** One timed stretch of an operation: the µs per call of each ~20 ms batch, the calls and the time they took. */
export interface Timing {
  readonly batches: number[];
  iterations: number;
  elapsedMs: number;
}

/**
 * Runs `operation` synchronously in batches of `batchSize` for `seconds`,
 * adding to `timing`. The batch size comes from an unrecorded warm-up (see
 * warmUp) so that a batch lasts about 20 ms. `beforeBatch`, untimed, prepares
 * the inputs of the next batch (fresh objects, where the operation caches by object).
 */
export function timeOperation(
  operation: () => unknown,
  batchSize: number,
  seconds: number,
  timing: Timing,
  beforeBatch?: (batchSize: number) => void,
): void {
  let sink = 0;
  let untimed = 0;
  const start = performance.now();
  while (performance.now() - start - untimed < seconds * 1000) {
    if (beforeBatch !== undefined) {
      const t = performance.now();
      beforeBatch(batchSize);
      untimed += performance.now() - t;
    }
    const t0 = performance.now();
    for (let i = 0; i < batchSize; i++) sink += operation() === undefined ? 0 : 1;
    timing.batches.push(((performance.now() - t0) * 1000) / batchSize);
    timing.iterations += batchSize;
  }
  timing.elapsedMs += performance.now() - start - untimed;
  if (sink === 0) throw new Error("the timed operation returned nothing");
}

/** Runs `operation` unrecorded for `seconds` (JIT); the batch size that lasts about 20 ms at the rate reached. */
export function warmUp(operation: () => unknown, seconds: number): number {
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    operation();
    calls++;
  }
  return Math.max(1, Math.round((calls / (performance.now() - start)) * 20));
}
