import type { BenchRecords } from "./bench-records.js";
import type { BenchSettings } from "./bench-settings.js";
import { FreshRecordPool } from "./fresh-record-pool.js";
import { type LoadResult, runLoad, type Workload } from "./load-runner.js";
import type { SignatureOperations } from "./workloads/signature-operations.js";
import { getWorkload, saveWorkload } from "./workloads/signature-workloads.js";

export interface HistoryResult {
  /** Versions in each record before the measurement. */
  readonly versions: number;
  /** Saves made to one record before moving on: its history grows by at most this (about 10%). */
  readonly savesPerRecord: number;
  readonly getRpc: LoadResult;
  readonly getDriver: LoadResult;
  readonly saveRpc: LoadResult;
  readonly saveDriver: LoadResult;
}

/**
 * Section 5: does a call's cost grow with the record's history? Get reads
 * only the last entry ($slice) and Save only pushes one, so ideally not; the
 * engine may still read or rewrite the whole document.
 */
export async function measureHistoryLengths(
  rpc: SignatureOperations,
  driver: SignatureOperations,
  records: BenchRecords,
  settings: BenchSettings,
  serverCpu: () => Promise<NodeJS.CpuUsage>,
  progress: (line: string) => void,
): Promise<HistoryResult[]> {
  const cms = "x".repeat(settings.cmsBytes);
  const run = (name: string, workload: Workload, withServerCpu: boolean): Promise<LoadResult> =>
    runLoad(workload, {
      name,
      concurrency: 1,
      seconds: settings.seconds,
      warmupSeconds: settings.warmupSeconds,
      ...(withServerCpu ? { serverCpu } : {}),
    });
  const results: HistoryResult[] = [];
  for (const versions of settings.historyLengths) {
    const savesPerRecord = Math.max(1, Math.floor(versions / 10));
    const pool = (via: string): FreshRecordPool =>
      new FreshRecordPool((count) => records.seed({ document: `history-${versions}-save-${via}`, count, versions, cms }));
    const getRecords = await records.seed({ document: `history-${versions}-get`, count: 1, versions, cms });
    const result: HistoryResult = {
      versions,
      savesPerRecord,
      getRpc: await run(`Get (rpc, ${versions} versions)`, getWorkload(rpc, getRecords), true),
      getDriver: await run(`Get (driver, ${versions} versions)`, getWorkload(driver, getRecords), false),
      saveRpc: await run(`Save (rpc, ${versions} versions)`, saveWorkload(rpc, pool("rpc"), { cms, savesPerRecord }), true),
      saveDriver: await run(`Save (driver, ${versions} versions)`, saveWorkload(driver, pool("driver"), { cms, savesPerRecord }), false),
    };
    progress(
      `history ${versions}: Get p50 ${result.getRpc.p50Ms.toFixed(2)} ms (driver ${result.getDriver.p50Ms.toFixed(2)}), ` +
        `Save p50 ${result.saveRpc.p50Ms.toFixed(2)} ms (driver ${result.saveDriver.p50Ms.toFixed(2)})`,
    );
    results.push(result);
  }
  return results;
}
