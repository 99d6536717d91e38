import {
  type ChainStepCost,
  chainSteps,
  type IntegrityResults,
  integrityCalls,
  integrityChildren,
  integrityTarget,
  type ReceiptCounts,
} from "./measure-integrity.js";
import { median } from "./measure-targets.js";
import { roundCells, serverCpu, us } from "./report-rounds.js";
import { formatTable, micros, ratio } from "./text-table.js";

export function integritySection(results: IntegrityResults): string {
  return [
    `## 12. Issue 17: integrity and encryption at rest`,
    `### Server CPU per call, encryption off and on (JSON/HTTP API, HTTP/1.1, ${results.concurrency} keep-alive connections, ` +
      `medians of ${results.rounds} rounds)`,
    callTable(results),
    ``,
    `### The hash chain and the receipts, timed in this process (one call at a time)`,
    sharingLine(results),
    chainTable(results),
    ``,
    `### Against the target: ≤ ${integrityTarget.toFixed(2)}x server CPU per call`,
    verdictTable(results),
  ].join("\n");
}

function callTable(results: IntegrityResults): string {
  const rows = integrityCalls.flatMap((call) =>
    integrityChildren.map((child) => {
      return [call.label, child.label, ...roundCells(results.points[call.key][child.key])];
    }),
  );
  return [
    formatTable(["call", "service child", "calls/s", "p50", "p99", "server CPU µs/call", "rounds", "bench CPU"], rows, 2),
    `Payload: a DER RSA CMS of ${results.derBytes} B (${results.payloadChars} base64 characters; ${results.payloadFacts}), ` +
      `made at start by openssl as in section 10, so every version carries signer facts that are hashed and, with ` +
      `encryption on, sealed with the payload (AES-256-GCM) and indexed by HMAC. Two service children on the bench ` +
      `database, the keys (a random 32-byte data key and index key) sent to one of them over IPC. Save appends to a ` +
      `record of the connection's own with the version it knows, moving to a record the child created before the ` +
      `window after ${results.appendsPerRecord} appends; Get reads the current version of one of ${results.getRecords} ` +
      `records the same child created (sealed ones with encryption on: checked in the database). Each round measures ` +
      `both children, the first alternating between rounds; each point after its own warm-up on fresh connections ` +
      `(at most ${results.maxConnections} opened per point). Every answer is checked (version, payload, receipt).`,
  ].join("\n");
}

function chainCost(results: IntegrityResults, key: ChainStepCost["key"]): number {
  return results.chainCosts.find((cost) => cost.key === key)?.medianUs ?? Number.NaN;
}

/** How many receipts each signature covered in the Save windows, by child and round. */
function sharingLine(results: IntegrityResults): string {
  const byChild = integrityChildren.map(({ key }) => {
    const rounds = results.receiptSharing[key];
    const ratioOf = ({ receipts, signatures }: ReceiptCounts) => (signatures === 0 ? "-" : (receipts / signatures).toFixed(1));
    return `encryption ${key}: ${rounds.map(ratioOf).join(", ")}`;
  });
  return (
    `Receipts per signature in the measured Save windows (the children's receipts_per_signature metric, by round): ` +
    `${byChild.join("; ")}. The "receipt" step is timed at batches of ${results.receiptBatch}, their mean rounded.`
  );
}

function chainTable(results: IntegrityResults): string {
  const rows = chainSteps.map(({ key, label }) => {
    const cost = results.chainCosts.find((found) => found.key === key);
    return [label, String(cost?.iterations ?? "-"), us(cost?.medianUs ?? Number.NaN), us(cost?.meanUs ?? Number.NaN)];
  });
  return [
    formatTable(["step", "iterations", "µs/call", "mean µs"], rows),
    `The version hashed and checked carries the CMS above and its inspected facts, a fresh copy for each call (the ` +
      `service remembers the canonical JSON of facts it has encoded, so a copy is what a Save's inspection or a ` +
      `plaintext Get's read gives it; a Get with encryption on hashes the decrypted text and skips the encoding, which ` +
      `the measured encryption-on child shows). µs/call = median of ~20 ms batches after warm-up, in ` +
      `${results.costPasses} passes over the steps, per receipt for the batched step; mean = over all iterations, ` +
      `garbage collection included.`,
  ].join("\n");
}

function verdictTable(results: IntegrityResults): string {
  const cpu = (call: "save" | "get", child: "off" | "on") => results.points[call][child].map(serverCpu);
  const saveChain = chainCost(results, "hash") + chainCost(results, "receipt");
  const getChain = chainCost(results, "check");
  const verdict = (value: number, estimated: boolean) =>
    !Number.isFinite(value) ? "- (not measured)" : `${value <= integrityTarget ? "PASS" : "FAIL"}${estimated ? " (estimate)" : ""}`;
  const target = `≤ ${integrityTarget.toFixed(2)}x`;

  /** Measured: median on ÷ median off, and by round. */
  const encryption = (call: "save" | "get") => {
    const on = cpu(call, "on");
    const off = cpu(call, "off");
    const value = median(on) / median(off);
    const byRound = on.map((value, round) => ratio(value / (off[round] ?? Number.NaN))).join(", ");
    return { value, text: `${micros(median(on))} ÷ ${micros(median(off))} = ${ratio(value)}`, byRound };
  };
  /** Estimated: T ÷ (T − chain µs), T the encryption-off child's server CPU per call. */
  const chain = (call: "save" | "get", chainUs: number) => {
    const off = cpu(call, "off");
    const value = median(off) / (median(off) - chainUs);
    const byRound = off.map((t) => ratio(t / (t - chainUs))).join(", ");
    return { value, text: `${micros(median(off))} ÷ (${micros(median(off))} − ${us(chainUs)}) = ${ratio(value)}`, byRound };
  };
  const saveEncryption = encryption("save");
  const getEncryption = encryption("get");
  const saveChainRatio = chain("save", saveChain);
  const getChainRatio = chain("get", getChain);
  const combined = (enc: { value: number }, ch: { value: number }) => {
    const value = enc.value * ch.value;
    return { value, text: `${ratio(enc.value)} × ${ratio(ch.value)} = ${ratio(value)}`, byRound: "-" };
  };
  const items = [
    { label: "Save, encryption on ÷ off", how: "measured", ...saveEncryption, estimated: false },
    { label: "Get, encryption on ÷ off", how: "measured", ...getEncryption, estimated: false },
    { label: "Save, with ÷ without chain + receipt", how: "T ÷ (T − hash − receipt)", ...saveChainRatio, estimated: true },
    { label: "Get, with ÷ without chain check", how: "T ÷ (T − check)", ...getChainRatio, estimated: true },
    { label: "Save, both (combined)", how: "on÷off × chain", ...combined(saveEncryption, saveChainRatio), estimated: true },
    { label: "Get, both (combined)", how: "on÷off × chain", ...combined(getEncryption, getChainRatio), estimated: true },
  ];
  const { appends, headReads } = results.appendPaths;
  return [
    formatTable(
      ["server CPU per call", "how", "value (medians)", "by round", "target", "verdict"],
      items.map((item) => [item.label, item.how, item.text, item.byRound, target, verdict(item.value, item.estimated)]),
      2,
    ),
    `The chain rows are estimates by subtraction, not measurements: the service has no switch for the chain or the ` +
      `receipts (a chain that can be turned off protects nothing), so "without" is the encryption-off child's measured ` +
      `server CPU per call T minus the chain's own work timed above in this process (Save: one versionHash of the new ` +
      `version + one receipt's share of a batch of ${results.receiptBatch} = ${us(saveChain)} µs; Get: one ` +
      `versionIntact = ${us(getChain)} µs). That work ` +
      `runs here hot in a loop, in the service between other work (colder caches, its garbage collected with the ` +
      `rest), so the true share may be somewhat higher; it leaves out what carrying the hashes and the receipt costs ` +
      `(a few hundred bytes more per answer and per stored version). The combined rows multiply the two factors: ` +
      `everything issue 17 added, against a service with neither.`,
    `Appends that took the no-read path: ${appends - headReads} of ${appends} ` +
      `(${appends === 0 ? "-" : ((100 * (appends - headReads)) / appends).toFixed(1)}%; ${headReads} read the record's head first), ` +
      `counted in a separate Save pass like the measured ones on a third service child (encryption off) with the ` +
      `driver's command monitoring on (findAndModify on the records = appends; a find of the head = head reads), ` +
      `which is not measured because monitoring costs CPU per command. Its records were created through that child, ` +
      `which therefore remembers their heads, as an instance does for the records it serves.`,
  ].join("\n");
}
