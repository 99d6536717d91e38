import type { BenchSettings } from "./bench-settings.js";
import type { LoadResult } from "./load-runner.js";
import { type EmptyRpcResults, emptyRpcServers } from "./measure-empty-rpc.js";
import type { GhzResults } from "./measure-ghz.js";
import type { GostResults } from "./measure-gost.js";
import type { HistoryResult } from "./measure-history.js";
import type { HostingResults } from "./measure-hosting.js";
import type { InspectionResults } from "./measure-inspection.js";
import type { IntegrityResults } from "./measure-integrity.js";
import { type OperationResults, operationNames } from "./measure-operations.js";
import type { RestResults } from "./measure-rest.js";
import type { ScaleResults } from "./measure-scale.js";
import type { TargetResults } from "./measure-targets.js";
import { gostSection } from "./report-gost.js";
import { ghzTable, hostingTable } from "./report-hosting.js";
import { inspectionSection } from "./report-inspection.js";
import { integritySection } from "./report-integrity.js";
import { restSection } from "./report-rest.js";
import { scaleSection } from "./report-scale.js";
import { formatTable, micros, ms, msDelta, rate, ratio } from "./text-table.js";

export interface BenchResults {
  readonly engine: string;
  readonly settings: BenchSettings;
  readonly machine: string;
  readonly rpc: OperationResults;
  readonly driver: OperationResults;
  readonly empty: EmptyRpcResults;
  readonly history: readonly HistoryResult[];
  readonly hosting: HostingResults;
  /** Issue 7's target inputs (server CPU µs per call of each round), by concurrency. */
  readonly targets: TargetResults;
  readonly ghz: GhzResults;
  /** Issue 14: the documented JSON/HTTP API beside a Fastify + mongodb baseline. */
  readonly rest: RestResults;
  /** Issue 15: what inspecting a payload costs, alone and in Save. */
  readonly inspection: InspectionResults;
  /** Issue 16: the project's own GOST verification and hashes. */
  readonly gost: GostResults;
  /** Issue 17: what the hash chain, the receipts and encryption at rest cost per call. */
  readonly integrity: IntegrityResults;
  /** Issue 18: Get and Save by history length, List by depth. */
  readonly scale: ScaleResults;
  readonly elapsedSeconds: number;
}

/** What a run of the REST section alone (`--only=rest`) reports. */
export type RestOnlyResults = Pick<BenchResults, "engine" | "settings" | "machine" | "rest" | "elapsedSeconds">;

/** What a run of the inspection section alone (`--only=inspection`) reports. */
export type InspectionOnlyResults = Pick<BenchResults, "engine" | "settings" | "machine" | "inspection" | "elapsedSeconds">;

/** What a run of the integrity section alone (`--only=integrity`) reports. */
export type IntegrityOnlyResults = Pick<BenchResults, "engine" | "settings" | "machine" | "integrity" | "elapsedSeconds">;

/** What a run of the scale section alone (`--only=scale`) reports. */
export type ScaleOnlyResults = Pick<BenchResults, "engine" | "settings" | "machine" | "scale" | "elapsedSeconds">;

/** The empty RPC the service is compared with: the same stack (connect-node behind the one-port server) minus the service. */
const sameStackEmpty = "empty-connect-one-port";

/** The whole printed report, sections in the order of the brief. */
export function formatReport(results: BenchResults): string {
  const { settings } = results;
  return [
    `# Signature store benchmark`,
    ``,
    ...header(
      results,
      `${settings.concurrencies.join(", ")} (section 9: ${settings.restConcurrency}, section 10: ${settings.inspectionConcurrency}, ` +
        `section 12: ${settings.integrityConcurrency})`,
      `; Save moves to a fresh record every ${settings.savesPerRecord} saves`,
    ),
    ``,
    `## 1. Service over gRPC on its main port (@grpc/grpc-js client → one-port server in a child process)`,
    operationTable(results.rpc, settings, true),
    ``,
    `## 2. Same queries with the mongodb driver from the bench process (storage limit)`,
    operationTable(results.driver, settings, false),
    ``,
    `## 3. Empty RPC (Get answered with an empty message), same client`,
    emptyRpcTable(results.empty, settings),
    ``,
    `## 4. The service's own cost per call: RPC p50 − driver p50, next to the empty RPC`,
    serviceCostTable(results, settings),
    ``,
    `## 5. History length (concurrency 1, cms ${settings.cmsBytes} B)`,
    historyTable(results.history),
    ``,
    `## 6. Ratios`,
    ratioTable(results, settings),
    ``,
    `## 7. Issue 7: the service hosted three ways, server CPU per call (concurrency ${settings.tableConcurrencies.join(" and ")})`,
    hostingTable(results),
    ``,
    `## 8. ghz (Go gRPC load generator, by server reflection) next to our load generator`,
    ghzTable(results.ghz),
    ``,
    restSection(results.rest),
    ``,
    inspectionSection(results.inspection),
    ``,
    gostSection(results.gost),
    ``,
    integritySection(results.integrity),
    ``,
    scaleSection(results.scale),
    ``,
    `total run time: ${Math.round(results.elapsedSeconds)} s`,
  ].join("\n");
}

/** The report of `--only=gost`: section 11, which needs no database. */
export function formatGostOnlyReport(results: {
  readonly machine: string;
  readonly gost: GostResults;
  readonly elapsedSeconds: number;
}): string {
  return [
    `# Signature store benchmark: the GOST section alone (--only=gost)`,
    ``,
    `machine:  ${results.machine}`,
    ``,
    gostSection(results.gost),
    ``,
    `total run time: ${Math.round(results.elapsedSeconds)} s`,
  ].join("\n");
}

/** The report of `--only=rest`: the header and section 9. */
export function formatRestOnlyReport(results: RestOnlyResults): string {
  return [
    `# Signature store benchmark: the REST section alone (--only=rest)`,
    ``,
    ...header(results, String(results.settings.restConcurrency)),
    ``,
    restSection(results.rest),
    ``,
    `total run time: ${Math.round(results.elapsedSeconds)} s`,
  ].join("\n");
}

/** The report of `--only=inspection`: the header and section 10. */
export function formatInspectionOnlyReport(results: InspectionOnlyResults): string {
  return [
    `# Signature store benchmark: the inspection section alone (--only=inspection)`,
    ``,
    ...header(
      results,
      String(results.settings.inspectionConcurrency),
      "",
      `settings: ${results.settings.seconds} s per Save point after ${results.settings.warmupSeconds} s warm-up; concurrency ` +
        `${results.settings.inspectionConcurrency}; RSA CMS of about ${results.settings.inspectionCmsBytes} B DER; ` +
        `${results.settings.inspectionRounds} alternating rounds`,
    ),
    ``,
    inspectionSection(results.inspection),
    ``,
    `total run time: ${Math.round(results.elapsedSeconds)} s`,
  ].join("\n");
}

/** The report of `--only=integrity`: the header and section 12. */
export function formatIntegrityOnlyReport(results: IntegrityOnlyResults): string {
  const { settings } = results;
  return [
    `# Signature store benchmark: the integrity section alone (--only=integrity)`,
    ``,
    ...header(
      results,
      String(settings.integrityConcurrency),
      "",
      `settings: ${settings.seconds} s per point after ${settings.warmupSeconds} s warm-up; concurrency ` +
        `${settings.integrityConcurrency}; RSA CMS of about ${settings.integrityCmsBytes} B DER; ` +
        `${settings.integrityRounds} alternating rounds`,
    ),
    ``,
    integritySection(results.integrity),
    ``,
    `total run time: ${Math.round(results.elapsedSeconds)} s`,
  ].join("\n");
}

/** The report of `--only=scale`: the header and section 13. */
export function formatScaleOnlyReport(results: ScaleOnlyResults): string {
  const { settings } = results;
  return [
    `# Signature store benchmark: the scale section alone (--only=scale)`,
    ``,
    ...header(
      results,
      "1",
      "",
      `settings: ${settings.seconds} s per point after ${settings.warmupSeconds} s warm-up; concurrency 1; cms ${settings.cmsBytes} B; ` +
        `histories of ${settings.scaleVersions.join(", ")} versions; List over ${settings.scaleListRecords.join(" and ")} records`,
    ),
    ``,
    scaleSection(results.scale),
    ``,
    `total run time: ${Math.round(results.elapsedSeconds)} s`,
  ].join("\n");
}

/** The lines every report opens with; `concurrency` and `more` complete its settings line, unless `settingsLine` replaces it. */
function header(
  results: Pick<BenchResults, "engine" | "settings" | "machine">,
  concurrency: string,
  more = "",
  settingsLine?: string,
): string[] {
  const { settings } = results;
  return [
    `engine:   ${results.engine}`,
    `machine:  ${results.machine}`,
    settingsLine ??
      `settings: ${settings.seconds} s per point after ${settings.warmupSeconds} s warm-up; concurrency ${concurrency}; cms ${settings.cmsBytes} B; List = newest ${settings.listLimit} of ` +
        `${settings.listRecords / settings.listGroups} records with one tag (${settings.listRecords} seeded)${more}`,
    `latencies in ms; CPU in µs per call (server = the server child process, bench = this process: load generator or driver)`,
  ];
}

function operationTable(results: OperationResults, settings: BenchSettings, withServerCpu: boolean): string {
  const headers = ["op", "conc", "ops/s", "p50", "p99", ...(withServerCpu ? ["server CPU"] : []), "bench CPU"];
  const rows = operationNames.flatMap((name) =>
    settings.concurrencies.map((concurrency, index) => {
      const result = at(results[name], index);
      return [
        name,
        String(concurrency),
        rate(result.opsPerSecond),
        ms(result.p50Ms),
        ms(result.p99Ms),
        ...(withServerCpu ? [micros(result.serverCpuUsPerCall)] : []),
        micros(result.clientCpuUsPerCall),
      ];
    }),
  );
  return formatTable(headers, rows);
}

function emptyRpcTable(results: EmptyRpcResults, settings: BenchSettings): string {
  const floor = results["empty-raw-http2"];
  const rows = emptyRpcServers.flatMap(({ kind, label }) =>
    settings.concurrencies.map((concurrency, index) => {
      const result = at(results[kind], index);
      return [
        label,
        String(concurrency),
        rate(result.opsPerSecond),
        ms(result.p50Ms),
        ms(result.p99Ms),
        micros(result.serverCpuUsPerCall),
        micros(result.clientCpuUsPerCall),
        ratio(result.p50Ms / at(floor, index).p50Ms),
      ];
    }),
  );
  // The one-port server differs from the plain h2c one only by the sniffing in front: its price, per level.
  const sniffing = settings.concurrencies
    .map(
      (concurrency, index) =>
        `${msDelta(at(results["empty-connect-one-port"], index).p50Ms - at(results["empty-connect-h2c"], index).p50Ms)} ms at c=${concurrency}`,
    )
    .join(", ");
  // The grpc-js port differs from a plain grpc-js server only by our adapter: its price in server CPU, per level.
  const adapter = settings.concurrencies
    .map((concurrency, index) => {
      const cpu = (kind: "empty-grpc-js-adapter" | "empty-grpc-js"): number => at(results[kind], index).serverCpuUsPerCall ?? Number.NaN;
      return `${ratio(cpu("empty-grpc-js-adapter") / cpu("empty-grpc-js"))} at c=${concurrency}`;
    })
    .join(", ");
  return formatTable(["server", "conc", "ops/s", "p50", "p99", "server CPU", "bench CPU", "p50 ÷ bare http2"], rows).concat(
    `\none-port server − plain h2c server, p50: ${sniffing}`,
    `\ngrpc-js port (our adapter) ÷ plain grpc-js server, server CPU: ${adapter}`,
  );
}

function serviceCostTable(results: BenchResults, settings: BenchSettings): string {
  const rows = operationNames.flatMap((name) =>
    settings.concurrencies.map((concurrency, index) => {
      const rpc = at(results.rpc[name], index);
      const driver = at(results.driver[name], index);
      const empty = at(results.empty[sameStackEmpty], index);
      const serviceCost = rpc.p50Ms - driver.p50Ms;
      return [
        name,
        String(concurrency),
        ms(rpc.p50Ms),
        ms(driver.p50Ms),
        msDelta(serviceCost),
        ms(empty.p50Ms),
        msDelta(serviceCost - empty.p50Ms),
        micros(rpc.serverCpuUsPerCall),
        micros(empty.serverCpuUsPerCall),
      ];
    }),
  );
  return formatTable(
    [
      "op",
      "conc",
      "RPC p50",
      "driver p50",
      "RPC − driver",
      "empty RPC p50",
      "(RPC − driver) − empty",
      "server CPU: service",
      "server CPU: empty",
    ],
    rows,
  ).concat(
    `\nempty RPC = connect-node behind the one-port server, the service's own stack with nothing behind it` +
      `\nat high concurrency the differences stop adding up: calls queue at the engine or at the server, not at both`,
  );
}

function historyTable(history: readonly HistoryResult[]): string {
  const rows = history.map((result) => [
    String(result.versions),
    ms(result.getRpc.p50Ms),
    ms(result.getRpc.p99Ms),
    ms(result.getDriver.p50Ms),
    ms(result.saveRpc.p50Ms),
    ms(result.saveRpc.p99Ms),
    ms(result.saveDriver.p50Ms),
    String(result.savesPerRecord),
  ]);
  return formatTable(
    ["versions", "Get RPC p50", "Get RPC p99", "Get driver p50", "Save RPC p50", "Save RPC p99", "Save driver p50", "saves per record"],
    rows,
  ).concat(`\nSave appends to records of that length, moving to a fresh one after "saves per record" saves (≤10% growth)`);
}

function ratioTable(results: BenchResults, settings: BenchSettings): string {
  const rows = operationNames.flatMap((name) =>
    settings.concurrencies.map((concurrency, index) => {
      const rpc = at(results.rpc[name], index);
      const driver = at(results.driver[name], index);
      const empty = at(results.empty[sameStackEmpty], index);
      const floor = at(results.empty["empty-raw-http2"], index);
      return [
        name,
        String(concurrency),
        ratio(rpc.opsPerSecond / driver.opsPerSecond),
        ratio(rpc.p50Ms / driver.p50Ms),
        ratio(rpc.opsPerSecond / empty.opsPerSecond),
        ratio(rpc.p50Ms / empty.p50Ms),
        ratio(rpc.p50Ms / floor.p50Ms),
      ];
    }),
  );
  return formatTable(
    ["op", "conc", "ops/s RPC ÷ driver", "p50 RPC ÷ driver", "ops/s RPC ÷ empty", "p50 RPC ÷ empty", "p50 RPC ÷ bare http2"],
    rows,
  ).concat(`\nempty = empty RPC on connect-node behind the one-port server; bare http2 = the hand-written gRPC floor`);
}

/** The result for the index-th concurrency level; a missing one is a bug in the bench, not a measurement. */
function at(results: readonly LoadResult[], index: number): LoadResult {
  const result = results[index];
  if (result === undefined) throw new Error(`no result for concurrency #${index}`);
  return result;
}
