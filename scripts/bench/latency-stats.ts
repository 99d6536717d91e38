/** Latency percentiles of one measurement point, in milliseconds. */
export interface LatencyStats {
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Nearest-rank percentiles: every reported value is a latency that was actually observed. */
export function latencyStats(samplesMs: readonly number[]): LatencyStats {
  if (samplesMs.length === 0) throw new Error("no latency samples");
  const sorted = Float64Array.from(samplesMs).sort();
  return { p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) };
}

function percentile(sorted: Float64Array, p: number): number {
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}
