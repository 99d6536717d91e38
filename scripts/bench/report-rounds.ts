/** What the reports of the round-based sections (9, 10, 12, 13) print about their load points. */
import type { LoadResult } from "./load-runner.js";
import { median } from "./measure-targets.js";
import { micros, ms, rate } from "./text-table.js";

/** The server child's CPU µs per call of a point, NaN when the point did not measure it. */
export function serverCpu(point: LoadResult): number {
  return point.serverCpuUsPerCall ?? Number.NaN;
}

/** µs with a decimal below 100, where a tenth still means something. */
export function us(value: number): string {
  return Number.isFinite(value) ? (value < 100 ? value.toFixed(1) : Math.round(value).toString()) : "-";
}

/** The medians of one call's rounds: calls/s, p50, p99, server CPU, each round's server CPU, bench CPU. */
export function roundCells(points: readonly LoadResult[]): string[] {
  const cpu = points.map(serverCpu);
  return [
    rate(median(points.map((point) => point.opsPerSecond))),
    ms(median(points.map((point) => point.p50Ms))),
    ms(median(points.map((point) => point.p99Ms))),
    micros(median(cpu)),
    cpu.map((value) => micros(value)).join(", "),
    micros(median(points.map((point) => point.clientCpuUsPerCall))),
  ];
}
