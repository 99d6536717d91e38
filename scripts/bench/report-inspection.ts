import { type InspectionResults, inspectionTarget, savePoints } from "./measure-inspection.js";
import { median } from "./measure-targets.js";
import { roundCells, serverCpu, us } from "./report-rounds.js";
import { formatTable, micros, ratio } from "./text-table.js";

export function inspectionSection(results: InspectionResults): string {
  return [
    `## 10. Issue 15: payload inspection`,
    `### Parse + verify per payload kind (this process, one inspection at a time)`,
    costTable(results),
    ``,
    `### Save with inspection beside Save without (POST /signature create, HTTP/1.1, ${results.concurrency} keep-alive connections, ` +
      `medians of ${results.rounds} rounds)`,
    saveTable(results),
    ``,
    ratioTable(results),
  ].join("\n");
}

function costTable(results: InspectionResults): string {
  const rows = results.costs.map((cost) => [
    cost.label,
    cost.outcome,
    String(cost.chars),
    cost.derBytes === undefined ? "-" : String(cost.derBytes),
    String(cost.iterations),
    us(cost.medianUs),
    us(cost.meanUs),
  ]);
  return [
    formatTable(["payload", "found", "chars", "DER/BER B", "iterations", "µs/inspection", "mean µs"], rows, 2),
    `CMS made at start by openssl (NCA-style certificates under a test CA, content padded to a ~2 KB DER RSA CMS); XML: ` +
      `test/fixtures/nca (the GOST signature verified too). µs/inspection = median of ~20 ms batches after warm-up, in ${results.costPasses} passes over every kind; ` +
      `mean = over all iterations, garbage collection included. "not a signature" is what the service does with an ` +
      `unrecognised payload it accepts: inspectPayload gives up at the first element, then the unknown facts (SHA-256).`,
  ].join("\n");
}

function saveTable(results: InspectionResults): string {
  const rows = savePoints.map(({ key, label }) => {
    return [label, ...roundCells(results.saves[key])];
  });
  return formatTable(["Save of", "calls/s", "p50", "p99", "server CPU µs/call", "rounds", "bench CPU"], rows);
}

function ratioTable(results: InspectionResults): string {
  const inspected = results.saves.inspected.map(serverCpu);
  const row = (label: string, against: readonly number[], verdict: boolean) => {
    const value = median(inspected) / median(against);
    return [
      label,
      `${micros(median(inspected))} ÷ ${micros(median(against))} = ${ratio(value)}`,
      inspected.map((cpu, round) => ratio(cpu / (against[round] ?? Number.NaN))).join(", "),
      `≤ ${inspectionTarget.toFixed(2)}x`,
      !verdict ? "(reference)" : Number.isFinite(value) ? (value <= inspectionTarget ? "PASS" : "FAIL") : "- (not measured)",
    ];
  };
  const costOf = (key: string): number => results.costs.find((cost) => cost.key === key)?.medianUs ?? Number.NaN;
  const standInUs = costOf("not-signature");
  const rsaUs = costOf("cms-rsa");
  const inspectedCpu = median(inspected);
  const standInCpu = median(results.saves.standIn.map(serverCpu));
  return [
    formatTable(
      ["server CPU per Save", "with ÷ without inspection (medians)", "by round", "target", ""],
      [
        row("at the same concurrency", results.saves.standIn.map(serverCpu), true),
        row("stand-in paced to the inspected calls/s", results.saves.standInPaced.map(serverCpu), false),
      ],
    ),
    `"without inspection": the service has no switch for it, so the stand-in is a Save of ${results.savedChars} characters ` +
      `that are no signature, accepted as unknown (ACCEPT_UNRECOGNISED_PAYLOADS=true in the bench's service child): its ` +
      `inspection gives up at once, ${us(standInUs)} µs against ${us(rsaUs)} µs for the RSA CMS (table above), so against a ` +
      `Save with no inspection at all the ratio would be at most ${micros(inspectedCpu)} ÷ (${micros(standInCpu)} − ${us(standInUs)}) = ` +
      `${ratio(inspectedCpu / (standInCpu - standInUs))}. The inspected Save costs ${micros(inspectedCpu - standInCpu)} µs more, of which the ` +
      `inspection itself is about ${us(rsaUs - standInUs)} µs: the rest goes with carrying its facts (the signers ` +
      `converted, sent to the engine and answered; the engine, not counted here, indexes them). ` +
      `Each round measures both (the first alternating between rounds), then the stand-in again paced to the inspected ` +
      `Save's calls/s of that round (a busier server spends less CPU per call); each point after its own warm-up on fresh ` +
      `connections (at most ${results.maxConnections} opened per point); every call creates a new record (new thread) ` +
      `and checks the stored format`,
  ].join("\n");
}
