/** Sections 7 (issue 7's table and its two targets) and 8 (ghz) of the report. */
import type { LoadResult } from "./load-runner.js";
import type { EmptyRpcKind } from "./measure-empty-rpc.js";
import { type GhzResults, ghzPorts } from "./measure-ghz.js";
import { type OperationResults, operationNames } from "./measure-operations.js";
import { median, targetRounds } from "./measure-targets.js";
import type { BenchResults } from "./report.js";
import { formatTable, micros, ms, rate, ratio } from "./text-table.js";

/** Issue 7's limit on both of its ratios. */
const targetRatio = 1.3;

/** The three ways of hosting the service: where the table takes each one's empty call and its Get/Save/List from. */
const hosts = [
  {
    label: "(a) one-port server (connect-node behind the h2c sniffer)",
    empty: "empty-connect-one-port",
    operations: (results: BenchResults): OperationResults => results.hosting.onePort,
  },
  {
    label: "(b) connect-node on plain node:http2 (h2c)",
    empty: "empty-connect-h2c",
    operations: (results: BenchResults): OperationResults => results.hosting.h2c,
  },
  {
    label: "(c) grpc-js port (createGrpcServer)",
    empty: "empty-grpc-js-adapter",
    operations: (results: BenchResults): OperationResults => results.hosting.grpcJs,
  },
] as const satisfies readonly { label: string; empty: EmptyRpcKind; operations: unknown }[];

/** Empty-call baselines printed under the hosts. */
const baselines = [
  { label: "baseline: plain @grpc/grpc-js server", empty: "empty-grpc-js" },
  { label: "baseline: bare node:http2 gRPC frames", empty: "empty-raw-http2" },
] as const satisfies readonly { label: string; empty: EmptyRpcKind }[];

export function hostingTable(results: BenchResults): string {
  const levels = results.settings.tableConcurrencies;
  const row = (call: string, server: string, result: LoadResult): string[] => [
    call,
    server,
    String(result.concurrency),
    rate(result.opsPerSecond),
    ms(result.p50Ms),
    ms(result.p99Ms),
    micros(result.serverCpuUsPerCall),
  ];
  const rows = [
    ...hosts.flatMap((host) => levels.map((level) => row("Empty", host.label, atLevel(results.empty[host.empty], level)))),
    ...baselines.flatMap((base) => levels.map((level) => row("Empty", base.label, atLevel(results.empty[base.empty], level)))),
    ...operationNames.flatMap((name) =>
      hosts.flatMap((host) => levels.map((level) => row(name, host.label, atLevel(host.operations(results)[name], level)))),
    ),
  ];
  const table = formatTable(["call", "server", "conc", "calls/s", "p50", "p99", "server CPU µs/call"], rows, 2);

  return [
    table,
    `Empty = Get answered with an empty message by the same server stack with nothing behind it (section 3's servers, ` +
      `each in its own child); Get/Save/List = the real service, (a), (b) and (c) being three ports of one server child ` +
      `(one app, one connection pool), measured one operation at a time across the three`,
    ``,
    targetsReport(results),
  ].join("\n");
}

/** Issue 7's two targets, judged on the medians of measureTargets' alternating rounds. */
function targetsReport(results: BenchResults): string {
  const levels = results.settings.tableConcurrencies;
  const samples = (level: number) => {
    const measured = results.targets.get(level);
    if (measured === undefined) throw new Error(`targets not measured at concurrency ${level}`);
    return measured;
  };
  const cell = (values: readonly number[]): string => `${micros(median(values))} (${values.map((value) => micros(value)).join(", ")})`;
  const rows = levels.map((level) => {
    const measured = samples(level);
    return [
      String(level),
      `${rate(median(measured.grpcJsGetRate))}/s`,
      cell(measured.grpcJsGet),
      cell(measured.pacedFindOne),
      cell(measured.pacedAdapterEmpty),
      cell(measured.inServerFindOne),
      cell(measured.adapterEmpty),
      cell(measured.plainEmpty),
    ];
  });
  const table = formatTable(
    [
      "conc",
      "Get rate",
      "Get, grpc-js port",
      "findOne in server @Get rate",
      "empty, grpc-js port @Get rate",
      "findOne in server, unpaced",
      "empty, grpc-js port, unpaced",
      "empty, plain grpc-js, unpaced",
    ],
    rows,
    0,
  );
  const lines = levels.flatMap((level) => {
    const measured = samples(level);
    const m = (values: readonly number[]) => median(values);
    const [get, pacedFindOne, pacedEmpty] = [m(measured.grpcJsGet), m(measured.pacedFindOne), m(measured.pacedAdapterEmpty)];
    const [findOne, adapter, plain] = [m(measured.inServerFindOne), m(measured.adapterEmpty), m(measured.plainEmpty)];
    const benchFindOne = atLevel(results.driver.Get, level).clientCpuUsPerCall;
    const sum = (empty: number, driver: number) => `(${micros(empty)} + ${micros(driver)} = ${micros(empty + driver)})`;
    return [
      `(i)  c=${level}: empty call, grpc-js port ÷ plain grpc-js server = ${micros(adapter)} ÷ ${micros(plain)} = ${verdict(adapter / plain)}`,
      `(ii) c=${level}: Get, grpc-js port ÷ (empty call on grpc-js port + driver findOne in the server), both at Get's ` +
        `${rate(m(measured.grpcJsGetRate))} calls/s = ${micros(get)} ÷ ${sum(pacedEmpty, pacedFindOne)} = ${verdict(get / (pacedEmpty + pacedFindOne))}`,
      `     for reference, with both parts unpaced (at their own, higher rates): ${micros(get)} ÷ ${sum(adapter, findOne)} = ` +
        `${ratio(get / (adapter + findOne))}; with section 2's findOne (bench process): ${micros(get)} ÷ ${sum(adapter, benchFindOne)} = ` +
        `${ratio(get / (adapter + benchFindOne))}`,
    ];
  });
  return [
    `Targets: server CPU µs per call, median of ${targetRounds} alternating rounds (the rounds in brackets), PASS when the ratio ≤ ${targetRatio.toFixed(2)}x`,
    table,
    ...lines,
    `each round measures, one after the other: Get on the service's grpc-js port (the server child above, warm); the store's ` +
      `findOne with the driver alone inside that same process (its heap, event loop and pool) and the empty call on a fresh ` +
      `child running our adapter, both first paced to the calls/s Get reached, then as fast as they go; and the empty call on ` +
      `a plain @grpc/grpc-js server. (ii) is judged at equal calls/s because CPU per call falls as load rises on this machine ` +
      `(an idle process pays a wake-up per event); a single point moves by about ±15%`,
  ].join("\n");
}

function verdict(value: number): string {
  if (!Number.isFinite(value)) return "- (not measured)";
  return `${ratio(value)} ${value <= targetRatio ? "PASS" : "MISS"}`;
}

export function ghzTable(results: GhzResults): string {
  if ("missing" in results) return `ghz not run: ${results.missing}`;
  const portLabel = new Map<string, string>(ghzPorts.map((port) => [port.key, port.label]));
  const rows: string[][] = [];
  const failures: string[] = [];
  for (const point of results.points) {
    const where = [point.call, portLabel.get(point.port) ?? point.port];
    if ("failed" in point.ghz) {
      rows.push([...where, "ghz", String(results.concurrency), "-", "-", "-", "-", "run failed"]);
      failures.push(`ghz ${point.call} on ${point.port}: ${point.ghz.failed}`);
    } else {
      const ghz = point.ghz;
      rows.push([
        ...where,
        "ghz",
        String(results.concurrency),
        rate(ghz.rps),
        ms(ghz.p50Ms),
        ms(ghz.p99Ms),
        micros(ghz.serverCpuUsPerCall),
        ghz.errors === 0 ? "0" : `${ghz.errors} of ${ghz.count}`,
      ]);
      if (ghz.errors > 0) failures.push(`ghz ${point.call} on ${point.port}: ${ghz.statuses}; ${ghz.topError ?? ""}`);
    }
    const ours = point.ours;
    rows.push([
      ...where,
      "ours",
      String(ours.concurrency),
      rate(ours.opsPerSecond),
      ms(ours.p50Ms),
      ms(ours.p99Ms),
      micros(ours.serverCpuUsPerCall),
      "0",
    ]);
  }
  return [
    formatTable(["call", "port", "generator", "conc", "calls/s", "p50", "p99", "server CPU µs/call", "failed"], rows, 3),
    ...failures,
    `ghz ${results.ghz.version} (${results.ghz.binary}): one connection, no warm-up (the server is warm), --duration-stop wait; ` +
      `calls/s is its rps, p50/p99 its latency distribution; its server CPU spans the whole ghz process (reflection included)`,
    `ghz Get data:  ${results.getData}`,
    `ghz Save data: ${results.saveData} (a new record per call: no version conflicts)`,
    `ours: Get = section 7's points at c=${results.concurrency}; Save (create) = the same creates as ghz, measured right after it`,
  ].join("\n");
}

/** The point measured at `level`; a missing one is a bug in the bench, not a measurement. */
export function atLevel(results: readonly LoadResult[], level: number): LoadResult {
  const result = results.find((r) => r.concurrency === level);
  if (result === undefined) throw new Error(`no result at concurrency ${level}`);
  return result;
}
