import type { BenchRecords, RecordRef } from "./bench-records.js";
import type { BenchSettings } from "./bench-settings.js";
import { FreshRecordPool } from "./fresh-record-pool.js";
import { type LoadResult, runLoad, type Workload } from "./load-runner.js";
import type { SignatureOperations } from "./workloads/signature-operations.js";
import { getWorkload, listWorkload, saveWorkload } from "./workloads/signature-workloads.js";

export const operationNames = ["Get", "Save", "List"] as const;
export type OperationName = (typeof operationNames)[number];

/** One result per concurrency level, in the order of the levels measured (settings.concurrencies unless given). */
export type OperationResults = Record<OperationName, LoadResult[]>;

/** The seeded data the operations run on. */
export interface OperationsFixture {
  readonly records: BenchRecords;
  /** Records to Get at random (the List records). */
  readonly getRecords: readonly RecordRef[];
  /** The tag List asks for. */
  readonly listTag: string;
}

export interface MeasureOptions {
  /** Names the run in progress lines and in the documents of its Save records. */
  readonly label: string;
  readonly settings: BenchSettings;
  readonly serverCpu?: () => Promise<NodeJS.CpuUsage>;
  readonly progress: (line: string) => void;
  /** The levels to measure; default settings.concurrencies. */
  readonly concurrencies?: readonly number[];
  /** The operations to measure; default all (the others' results stay empty). */
  readonly operations?: readonly OperationName[];
}

/** Sections 1, 2 and 7: Get, Save and List at every concurrency level over one set of operations. */
export async function measureOperations(
  operations: SignatureOperations,
  fixture: OperationsFixture,
  options: MeasureOptions,
): Promise<OperationResults> {
  const { settings } = options;
  const cms = "x".repeat(settings.cmsBytes);
  const workloads: Record<OperationName, (concurrency: number) => Workload> = {
    Get: () => getWorkload(operations, fixture.getRecords),
    Save: (concurrency) => {
      const document = `save-${options.label}-c${concurrency}`;
      const pool = new FreshRecordPool((count) => fixture.records.seed({ document, count, versions: 1, cms }));
      return saveWorkload(operations, pool, { cms, savesPerRecord: settings.savesPerRecord });
    },
    List: () => listWorkload(operations, fixture.listTag, settings.listLimit),
  };
  const results: OperationResults = { Get: [], Save: [], List: [] };
  for (const name of options.operations ?? operationNames) {
    for (const concurrency of options.concurrencies ?? settings.concurrencies) {
      const result = await runLoad(workloads[name](concurrency), {
        name: `${name} (${options.label})`,
        concurrency,
        seconds: settings.seconds,
        warmupSeconds: settings.warmupSeconds,
        ...(options.serverCpu === undefined ? {} : { serverCpu: options.serverCpu }),
      });
      options.progress(
        `${options.label} ${name} c=${concurrency}: ${Math.round(result.opsPerSecond)} ops/s, p50 ${result.p50Ms.toFixed(2)} ms`,
      );
      results[name].push(result);
    }
  }
  return results;
}
