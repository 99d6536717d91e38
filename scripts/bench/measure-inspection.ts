import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PayloadError, type PayloadFacts } from "../../src/signatures/payload-facts.js";
import { inspectPayload, unrecognisedPayloadFacts } from "../../src/signatures/payload-inspection.js";
import type { SignatureDoc } from "../../src/store/signature-doc.js";
import { createOpensslWorkspace, type OpensslSigner } from "../../test/helpers/openssl-cms.js";
import { type Timing, timeOperation, warmUp } from "./batch-timing.js";
import type { BenchDatabase } from "./bench-database.js";
import type { BenchSettings } from "./bench-settings.js";
import { startChildServer } from "./child-server.js";
import { repositoryRoot } from "./ghz.js";
import { createHttpLoadClient, type HttpAnswer, type HttpLoadClient } from "./http-load-client.js";
import { type LoadResult, runLoad, type Workload } from "./load-runner.js";
import { median } from "./measure-targets.js";
import { contentForCmsBytes, makeNcaStyleSigners } from "./nca-style-cms.js";

/** Server CPU per Save with inspection ÷ without, at most (issue 15). */
export const inspectionTarget = 1.5;

/** The payload kinds whose inspection is timed in the bench process. */
const payloadKinds = [
  { key: "cms-rsa", label: "CMS, RSA-2048 signer (DER)" },
  { key: "cms-ecdsa", label: "CMS, ECDSA P-256 signer (DER)" },
  { key: "cms-ber", label: "CMS, RSA, BER indefinite length (-stream)" },
  { key: "cms-two", label: "CMS, two signers (RSA + ECDSA)" },
  { key: "xml-rsa", label: "XML, Kalkan RSA sample" },
  { key: "xml-stacked", label: "XML, two stacked signatures (RSA + GOST)" },
  { key: "not-signature", label: "not a signature, same size as the RSA CMS (given up, stored as unknown)" },
  { key: "sha256", label: "  of which: the SHA-256 of that text alone (the unknown facts)" },
] as const;
type PayloadKind = (typeof payloadKinds)[number]["key"];

/** The Save points of each round: with inspection, the stand-in without, and the stand-in paced to the first's calls/s. */
export const savePoints = [
  { key: "inspected", label: "RSA CMS (inspected: parsed, verified, facts stored)" },
  { key: "standIn", label: "not a signature, same size (inspection gives up; unknown)" },
  { key: "standInPaced", label: "the same, paced to the inspected Save's calls/s" },
] as const;
type SavePoint = (typeof savePoints)[number]["key"];

export interface InspectionCost {
  readonly key: PayloadKind;
  readonly label: string;
  /** Characters of the payload as the service receives it (base64 for CMS). */
  readonly chars: number;
  /** Bytes of the CMS itself (DER or BER), for CMS payloads. */
  readonly derBytes: number | undefined;
  /** Signers found, and their verification outcomes. */
  readonly outcome: string;
  readonly iterations: number;
  /** µs per inspection: the median of the batches' means, and the overall mean (GC included). */
  readonly medianUs: number;
  readonly meanUs: number;
}

export interface InspectionResults {
  readonly costs: readonly InspectionCost[];
  /** Passes over every kind in which the costs were timed. */
  readonly costPasses: number;
  readonly concurrency: number;
  readonly rounds: number;
  /** Characters of both saved payloads. */
  readonly savedChars: number;
  /** By point: one result per round, in round order. */
  readonly saves: Record<SavePoint, LoadResult[]>;
  readonly maxConnections: number;
}

/** The payloads of the section: CMS made now by openssl with NCA-style certificates, XML from the NCA fixtures. */
interface Payloads {
  readonly text: Record<Exclude<PayloadKind, "sha256">, string>;
  readonly derBytes: Partial<Record<PayloadKind, number>>;
}

async function makePayloads(cmsBytes: number): Promise<Payloads> {
  const openssl = await createOpensslWorkspace();
  try {
    const { ceo, individual } = await makeNcaStyleSigners(openssl);
    const sign = (content: string, signers: readonly OpensslSigner[], flags: readonly string[] = []) =>
      openssl.signCms(content, signers, ["-nodetach", ...flags]);
    // The content is padded so that the DER RSA CMS comes out at cmsBytes.
    const content = await contentForCmsBytes((text) => sign(text, [ceo]), cmsBytes);
    const der = {
      "cms-rsa": await sign(content, [ceo]),
      "cms-ecdsa": await sign(content, [individual]),
      "cms-ber": await sign(content, [ceo], ["-stream"]),
      "cms-two": await sign(content, [ceo, individual]),
    };
    const fixture = (name: string) => readFile(path.join(repositoryRoot(), "test", "fixtures", "nca", name), "utf8");
    const rsa = der["cms-rsa"].toString("base64");
    return {
      text: {
        "cms-rsa": rsa,
        "cms-ecdsa": der["cms-ecdsa"].toString("base64"),
        "cms-ber": der["cms-ber"].toString("base64"),
        "cms-two": der["cms-two"].toString("base64"),
        "xml-rsa": await fixture("kalkan-rsa-signed.xml"),
        "xml-stacked": await fixture("kalkan-rsa-and-gost-signed.xml"),
        // Valid base64 (so it is decoded) whose first element is no ContentInfo: the inspection's cheapest way out.
        "not-signature": "x".repeat(rsa.length),
      },
      derBytes: Object.fromEntries(Object.entries(der).map(([key, bytes]) => [key, bytes.length])),
    };
  } finally {
    await openssl.remove();
  }
}

/** What Save does with a payload (the service's readPayload, with unrecognised payloads accepted): its facts. */
function inspectAsSave(payload: string): PayloadFacts {
  try {
    return inspectPayload(payload);
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    return unrecognisedPayloadFacts(payload);
  }
}

/** The signers' outcomes, checked: every CMS signer made here must verify, and the stand-in must be no signature. */
function outcomeOf(kind: PayloadKind, facts: PayloadFacts): string {
  const statuses = facts.signers.map((signer) => signer.verification.status);
  const expected: Partial<Record<PayloadKind, string>> = {
    "cms-rsa": "valid",
    "cms-ecdsa": "valid",
    "cms-ber": "valid",
    "cms-two": "valid, valid",
    "not-signature": "",
  };
  const want = expected[kind];
  if (want !== undefined && statuses.join(", ") !== want) {
    throw new Error(`inspection of ${kind} found ${facts.format} with signers [${statuses.join(", ")}], expected [${want}]`);
  }
  return facts.signers.length === 0 ? `${facts.format}, no signer` : `${facts.format}: ${statuses.join(", ")}`;
}

/** Passes over every kind: other work on the machine then weighs on all kinds alike rather than on the one timed at that moment. */
const costPasses = 3;

/**
 * The parse + verify cost of each payload kind, in this process: after a
 * warm-up of every kind, `costPasses` passes timing each kind in turn. Per kind,
 * the median of its batches' µs per call (robust to a stray pause) and the mean
 * over all its calls (garbage collection included).
 */
function measureCosts(payloads: Payloads, settings: BenchSettings, progress: (line: string) => void): InspectionCost[] {
  const seconds = Math.max(1.5, settings.seconds / 2) / costPasses;
  const kinds = payloadKinds.map(({ key, label }) => {
    const text = key === "sha256" ? payloads.text["not-signature"] : payloads.text[key];
    const operation =
      key === "sha256" ? () => createHash("sha256").update(text, "utf8").digest("hex") : () => inspectAsSave(text).signers.length + 1;
    const outcome = key === "sha256" ? "-" : outcomeOf(key, inspectAsSave(text));
    const batchSize = warmUp(operation, settings.warmupSeconds / 2);
    const timing: Timing = { batches: [], iterations: 0, elapsedMs: 0 };
    return { key, label, text, operation, outcome, batchSize, timing };
  });
  for (let pass = 0; pass < costPasses; pass++) {
    for (const kind of kinds) timeOperation(kind.operation, kind.batchSize, seconds, kind.timing);
  }
  return kinds.map(({ key, label, text, outcome, timing }) => {
    const medianUs = median(timing.batches);
    progress(`inspection of ${key}: ${medianUs.toFixed(1)} µs (${timing.iterations} iterations)`);
    return {
      key,
      label,
      chars: text.length,
      derBytes: payloads.derBytes[key],
      outcome,
      iterations: timing.iterations,
      medianUs,
      meanUs: (timing.elapsedMs * 1000) / timing.iterations,
    };
  });
}

/**
 * Section 10 (issue 15): what inspecting a payload costs. First the parse +
 * verify cost per payload kind, timed in this process; then Save of a ~2 KB
 * RSA CMS (inspected) beside Save of a same-size payload that is no signature
 * (inspection gives up at its first element; the service child accepts it as
 * unknown), as POST /signature creating a new record every call, over
 * settings.inspectionConcurrency keep-alive HTTP/1.1 connections, in
 * settings.inspectionRounds alternating rounds.
 */
export async function measureInspection(
  database: Pick<BenchDatabase, "uri" | "db">,
  settings: BenchSettings,
  progress: (line: string) => void,
): Promise<InspectionResults> {
  const payloads = await makePayloads(settings.inspectionCmsBytes);
  progress(`inspection payloads made: RSA CMS ${payloads.derBytes["cms-rsa"]} B DER, ${payloads.text["cms-rsa"].length} chars base64`);
  const costs = measureCosts(payloads, settings, progress);

  const child = await startChildServer({
    type: "start",
    kind: "signature-service",
    mongodbUri: database.uri,
    mongodbDb: database.db.databaseName,
  });
  try {
    progress(`inspection Saves on the service's main port ${child.port}`);
    const bodies: Record<"inspected" | "standIn", string> = {
      inspected: payloads.text["cms-rsa"],
      standIn: payloads.text["not-signature"],
    };
    const formats = { inspected: "cms", standIn: "unknown" } as const;
    const records = database.db.collection<SignatureDoc>("signatures");
    let maxConnections = 0;
    const measure = async (point: SavePoint, round: number, seconds: number, callsPerSecond?: number): Promise<LoadResult> => {
      const client = createHttpLoadClient(child.port, settings.inspectionConcurrency);
      const document = `inspection-${point}-r${round}`;
      const payload = point === "inspected" ? "inspected" : "standIn";
      try {
        return await runLoad(createWorkload(client, document, bodies[payload], formats[payload]), {
          name: `Save (${point})`,
          concurrency: settings.inspectionConcurrency,
          seconds,
          warmupSeconds: settings.warmupSeconds,
          serverCpu: child.cpuUsage,
          callsPerSecond,
        });
      } finally {
        maxConnections = Math.max(maxConnections, client.connectionsOpened());
        client.close();
        await records.deleteMany({ document });
      }
    };

    // Unrecorded: JIT, pools and the engine warm up before any round counts.
    await measure("inspected", 0, 2 * settings.warmupSeconds);
    await measure("standIn", 0, 2 * settings.warmupSeconds);
    progress("inspection Save warm-up pass done");
    const saves: InspectionResults["saves"] = { inspected: [], standIn: [], standInPaced: [] };
    for (let round = 1; round <= settings.inspectionRounds; round++) {
      const order: readonly ("inspected" | "standIn")[] = round % 2 === 1 ? ["inspected", "standIn"] : ["standIn", "inspected"];
      for (const point of order) saves[point].push(await measure(point, round, settings.seconds));
      const inspectedRate = saves.inspected.at(-1)?.opsPerSecond;
      saves.standInPaced.push(await measure("standInPaced", round, settings.seconds, inspectedRate));
      for (const { key } of savePoints) {
        const result = saves[key].at(-1) as LoadResult;
        progress(
          `inspection round ${round}/${settings.inspectionRounds} Save ${key}: ${Math.round(result.opsPerSecond)} calls/s, ` +
            `server CPU ${Math.round(result.serverCpuUsPerCall ?? Number.NaN)} µs/call`,
        );
      }
    }
    return {
      costs,
      costPasses,
      concurrency: settings.inspectionConcurrency,
      rounds: settings.inspectionRounds,
      savedChars: bodies.inspected.length,
      saves,
      maxConnections,
    };
  } finally {
    await child.stop();
  }
}

interface CreatedEnvelope {
  status?: unknown;
  content?: { signature?: { current_version?: unknown; payload?: { format?: unknown } | null } };
}

/** POST /signature creating a new record (a new thread of `document`) every call; the stored format is checked. */
function createWorkload(client: HttpLoadClient, document: string, cms: string, format: "cms" | "unknown"): Workload {
  let next = 0;
  return {
    createWorker: () => ({
      call: async () => {
        const thread = `t-${next++}`;
        const answer = await client.request("POST", "/signature", { document, thread, cms, tags: ["bench-inspection"] });
        const created = createdSignature(answer);
        if (created?.current_version !== 1 || created.payload?.format !== format) {
          throw new Error(`POST /signature of ${document}/${thread} answered ${answer.status} ${answer.body.slice(0, 300)}`);
        }
      },
    }),
  };
}

function createdSignature(answer: HttpAnswer) {
  if (answer.status !== 201) return undefined;
  const envelope = JSON.parse(answer.body) as CreatedEnvelope;
  return envelope.status === true ? envelope.content?.signature : undefined;
}
