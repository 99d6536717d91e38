/** Section 11 of the report (issue 16): the project's own GOST verification and hashes. */
import { type GostResults, gostTargets } from "./measure-gost.js";
import { formatTable } from "./text-table.js";

export function gostSection(results: GostResults): string {
  const [gost2004, gost2015] = results.verifications;
  const [streebog512] = results.hashes;
  const verdict = (met: boolean) => (met ? "met" : "MISSED");
  return [
    `## 11. Issue 16: GOST verification in TypeScript (this process, one verification at a time)`,
    formatTable(
      ["verification", "iterations", "CPU µs", "wall µs"],
      results.verifications.map((row) => [
        row.label,
        String(row.iterations),
        Math.round(row.cpuUs).toString(),
        Math.round(row.wallUs).toString(),
      ]),
    ),
    `Each GOST row hashes its signed bytes (certificate ${results.signedBytes.certificate} B, CRL ${results.signedBytes.crl} B) and ` +
      `checks the signature; the Node rows verify RSA/ECDSA signatures made at start over the certificate's bytes.`,
    ``,
    formatTable(
      ["hash (1 MiB input)", "MB/s of CPU (median of ~100 ms batches)"],
      results.hashes.map((row) => [row.label, row.megabytesPerSecond.toFixed(1)]),
    ),
    ``,
    `targets: GOST 2004 ≤ ${gostTargets.gost2004Ms} ms CPU: ${((gost2004?.cpuUs ?? Number.NaN) / 1000).toFixed(2)} ms, ` +
      `${verdict((gost2004?.cpuUs ?? Number.POSITIVE_INFINITY) <= gostTargets.gost2004Ms * 1000)}; ` +
      `GOST 2015-512 ≤ ${gostTargets.gost2015Ms} ms CPU: ${((gost2015?.cpuUs ?? Number.NaN) / 1000).toFixed(2)} ms, ` +
      `${verdict((gost2015?.cpuUs ?? Number.POSITIVE_INFINITY) <= gostTargets.gost2015Ms * 1000)}; ` +
      `Streebog-512 ≥ ${gostTargets.streebogMBps} MB/s: ${streebog512?.megabytesPerSecond.toFixed(1)} MB/s, ` +
      `${verdict((streebog512?.megabytesPerSecond ?? 0) >= gostTargets.streebogMBps)}`,
  ].join("\n");
}
