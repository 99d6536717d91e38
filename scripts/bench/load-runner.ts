import { performance } from "node:perf_hooks";
import { createCallPacer } from "./call-pacer.js";
import { latencyStats } from "./latency-stats.js";

/** One in-flight caller: it keeps exactly one call outstanding at a time. */
export interface LoadWorker {
  /** Untimed step before each call (e.g. switching to a fresh record); kept out of the latency. */
  prepare?(): Promise<void>;
  /** The measured operation. */
  call(): Promise<void>;
}

/** An operation to measure, e.g. "Get over gRPC". */
export interface Workload {
  createWorker(index: number): LoadWorker;
  /**
   * Runs between warm-up and the measured window with the number of calls the
   * window will probably make (from the warm-up rate), so that data the calls
   * consume can be prepared outside the measurement.
   */
  beforeMeasure?(expectedCalls: number): Promise<void>;
}

export interface LoadOptions {
  /** What is measured, for the error message when a call fails. */
  readonly name: string;
  readonly concurrency: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  /** The server process's cumulative CPU time, when the server is a process of ours. */
  readonly serverCpu?: () => Promise<NodeJS.CpuUsage>;
  /** Told when the measured window opens and after it closes, outside the server CPU readings (to read server counters). */
  readonly window?: { opened(): Promise<void>; closed(): Promise<void> };
  /** Calls started per second at most (see createCallPacer); default: as fast as the calls return. */
  readonly callsPerSecond?: number | undefined;
}

export interface LoadResult {
  readonly concurrency: number;
  readonly calls: number;
  readonly opsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Server CPU (user + system) per call, µs; undefined when the server is not ours to ask. */
  readonly serverCpuUsPerCall: number | undefined;
  /** This process's CPU per call, µs: the load generator's (or the driver's) own cost. */
  readonly clientCpuUsPerCall: number;
}

/**
 * Keeps `concurrency` calls in flight: each worker starts its next call as
 * soon as its previous one ends (a closed loop), or at its next slot when the
 * load is paced, first for the warm-up, then for the measured window. Any
 * failed call fails the point: numbers that include errors would not mean
 * what the table says.
 */
export async function runLoad(workload: Workload, options: LoadOptions): Promise<LoadResult> {
  try {
    return await measure(workload, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${options.name} at concurrency ${options.concurrency} failed: ${reason}`, { cause: error });
  }
}

async function measure(workload: Workload, options: LoadOptions): Promise<LoadResult> {
  const workers = Array.from({ length: options.concurrency }, (_, index) => workload.createWorker(index));

  const warmup = await runPhase(workers, options.warmupSeconds, undefined, options.callsPerSecond);
  const warmupRate = warmup.calls / warmup.seconds;
  await workload.beforeMeasure?.(Math.ceil(warmupRate * options.seconds));

  await options.window?.opened();
  const serverBefore = await options.serverCpu?.();
  const clientBefore = process.cpuUsage();
  const latencies: number[] = [];
  const measured = await runPhase(workers, options.seconds, latencies, options.callsPerSecond);
  const client = process.cpuUsage(clientBefore);
  const serverAfter = await options.serverCpu?.();
  await options.window?.closed();

  const stats = latencyStats(latencies);
  return {
    concurrency: options.concurrency,
    calls: measured.calls,
    opsPerSecond: measured.calls / measured.seconds,
    p50Ms: stats.p50Ms,
    p99Ms: stats.p99Ms,
    serverCpuUsPerCall:
      serverBefore === undefined || serverAfter === undefined
        ? undefined
        : (cpuMicros(serverAfter) - cpuMicros(serverBefore)) / measured.calls,
    clientCpuUsPerCall: cpuMicros(client) / measured.calls,
  };
}

async function runPhase(
  workers: readonly LoadWorker[],
  seconds: number,
  latencies: number[] | undefined,
  callsPerSecond: number | undefined,
): Promise<{ calls: number; seconds: number }> {
  const started = performance.now();
  const nextSlot = createCallPacer(callsPerSecond);
  const deadline = started + seconds * 1000;
  let calls = 0;
  let failure: { error: unknown } | undefined;
  const loop = async (worker: LoadWorker): Promise<void> => {
    while (failure === undefined && performance.now() < deadline) {
      await worker.prepare?.();
      await nextSlot();
      const t0 = performance.now();
      await worker.call();
      latencies?.push(performance.now() - t0);
      calls++;
    }
  };
  // allSettled, not all: a failed worker stops the others, and none is left running behind our back.
  await Promise.allSettled(
    workers.map((worker) =>
      loop(worker).catch((error: unknown) => {
        failure ??= { error };
      }),
    ),
  );
  if (failure !== undefined) throw failure.error;
  // The window ends when the last call started before the deadline has returned.
  return { calls, seconds: (performance.now() - started) / 1000 };
}

function cpuMicros(usage: NodeJS.CpuUsage): number {
  return usage.user + usage.system;
}
