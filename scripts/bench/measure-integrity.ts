/**
 * Section 12 (issue 17): what the hash chain, the signed receipts and
 * encryption at rest cost per call. Encryption has a switch, so it is
 * measured: two service children on the bench database, one with the default
 * configuration and one with ENCRYPTION_KEYS and ENCRYPTION_INDEX_KEY, in
 * alternating rounds. The chain and the receipts have none (a chain that can
 * be turned off is no chain), so their cost is timed in this process and
 * taken out of the measured server CPU by the report (an estimate). A
 * receipt's cost depends on how many saves share its signature, which the
 * Save windows read from the children's receipts_per_signature metric.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "mongodb";
import { versionIntact } from "../../src/integrity/chain-verification.js";
import { createReceiptSigner } from "../../src/integrity/receipt-signer.js";
import { genesisHash, versionHash } from "../../src/integrity/version-hash.js";
import type { PayloadFacts } from "../../src/signatures/payload-facts.js";
import { inspectPayload } from "../../src/signatures/payload-inspection.js";
import type { SignatureDoc } from "../../src/store/signature-doc.js";
import type { SignatureVersion } from "../../src/store/signature-store.js";
import { createOpensslWorkspace } from "../../test/helpers/openssl-cms.js";
import { type Timing, timeOperation, warmUp } from "./batch-timing.js";
import type { BenchDatabase } from "./bench-database.js";
import type { RecordRef } from "./bench-records.js";
import type { BenchSettings } from "./bench-settings.js";
import { type ChildServer, startChildServer } from "./child-server.js";
import { FreshRecordPool } from "./fresh-record-pool.js";
import { createHttpLoadClient, type HttpAnswer, type HttpLoadClient } from "./http-load-client.js";
import type { AppendCommandCounts } from "./ipc-messages.js";
import { type LoadResult, runLoad, type Workload } from "./load-runner.js";
import { median } from "./measure-targets.js";
import { contentForCmsBytes, makeNcaStyleSigners } from "./nca-style-cms.js";

/** Server CPU per call with hashing and encryption on ÷ off, at most (issue 17). */
export const integrityTarget = 1.1;

/** The two service children: the same service, configured without and with encryption at rest. */
export const integrityChildren = [
  { key: "off", label: "encryption off (default configuration)" },
  { key: "on", label: "encryption on (ENCRYPTION_KEYS + ENCRYPTION_INDEX_KEY)" },
] as const;
type IntegrityChild = (typeof integrityChildren)[number]["key"];

/** The measured calls, both over the documented JSON/HTTP API. */
export const integrityCalls = [
  { key: "save", label: "Save: POST /signature appending (version known)" },
  { key: "get", label: "Get: GET /signature, current version" },
] as const;
type IntegrityCall = (typeof integrityCalls)[number]["key"];

/** The chain's and receipts' work per call, timed in this process: what the service cannot be asked to skip. */
export const chainSteps = [
  { key: "hash", label: "versionHash of the saved version, facts as inspected (Save)" },
  { key: "alone", label: "a receipt signed alone: statement, tree of one, Ed25519 signature" },
  { key: "receipt", label: "a receipt's share of a batch as large as the Save rounds' mean (Save)" },
  { key: "check", label: "versionIntact of the read version, facts as read from the database (Get)" },
] as const;
type ChainStep = (typeof chainSteps)[number]["key"];

export interface ChainStepCost {
  readonly key: ChainStep;
  readonly iterations: number;
  /** µs per call: the median of ~20 ms batches, and the mean over every call (garbage collection included). */
  readonly medianUs: number;
  readonly meanUs: number;
}

/** Receipts and the signatures that covered them, counted by a service child's receipts_per_signature metric. */
export interface ReceiptCounts {
  readonly receipts: number;
  readonly signatures: number;
}

export interface IntegrityResults {
  readonly concurrency: number;
  readonly rounds: number;
  /** The saved and read payload: a DER RSA CMS, base64. */
  readonly payloadChars: number;
  readonly derBytes: number;
  /** What inspection found in it (the facts that are hashed, and sealed with encryption on). */
  readonly payloadFacts: string;
  readonly getRecords: number;
  readonly appendsPerRecord: number;
  /** By call, then child: one point per round, in round order. */
  readonly points: Record<IntegrityCall, Record<IntegrityChild, LoadResult[]>>;
  /** By child: the receipts per signature of each Save round's measured window. */
  readonly receiptSharing: Record<IntegrityChild, ReceiptCounts[]>;
  /** The batch size the "receipt" step was timed at: the Save windows' receipts ÷ signatures, rounded. */
  readonly receiptBatch: number;
  readonly chainCosts: readonly ChainStepCost[];
  /** Passes over every chain step in which their costs were timed. */
  readonly costPasses: number;
  /** Appends and head reads of the counted Save pass (on a third child, see countAppendPaths). */
  readonly appendPaths: AppendCommandCounts;
  readonly maxConnections: number;
}

/** Passes over the chain steps: other work on the machine then weighs on all of them alike. */
const costPasses = 3;

/**
 * Section 12. In this process: the ~2 KB RSA CMS made by openssl and its
 * facts. Then the two service children (keys sent over IPC), each creating
 * its own Get records (so that the encrypting child's are sealed), an
 * unrecorded warm-up pass, and settings.integrityRounds rounds of Save and
 * Get on both, the first child alternating between rounds. Then, the
 * children stopped, the µs per chain step in this process, and last a short
 * Save pass on a third child that counts the store's commands.
 */
export async function measureIntegrity(
  database: Pick<BenchDatabase, "uri" | "db">,
  settings: BenchSettings,
  progress: (line: string) => void,
): Promise<IntegrityResults> {
  const der = await makeRsaCms(settings.integrityCmsBytes);
  const cms = der.toString("base64");
  const facts = inspectPayload(cms);
  const statuses = facts.signers.map((signer) => signer.verification.status);
  if (facts.format !== "cms" || statuses.join(",") !== "valid") {
    throw new Error(`the bench's RSA CMS inspected as ${facts.format} with signers [${statuses.join(", ")}]`);
  }
  progress(`integrity payload made: RSA CMS ${der.length} B DER, ${cms.length} chars base64`);

  const children = new Map<IntegrityChild, ChildServer>();
  try {
    for (const { key } of integrityChildren) {
      const environment = key === "on" ? randomEncryptionKeys() : {};
      children.set(key, await startChildServer({ type: "start", kind: "signature-service", ...databaseOf(database), environment }));
    }
    const child = (key: IntegrityChild): ChildServer => {
      const found = children.get(key);
      if (found === undefined) throw new Error(`no service child with encryption ${key}`);
      return found;
    };
    progress(`integrity children: encryption off on ${child("off").port}, on on ${child("on").port}`);

    const records = database.db.collection<SignatureDoc>("signatures");
    const getRecords = new Map<IntegrityChild, RecordRef[]>();
    for (const { key } of integrityChildren) {
      const client = createHttpLoadClient(child(key).port, settings.integrityConcurrency);
      try {
        const document = `integrity-get-${key}`;
        getRecords.set(key, await createRecords(client, document, "g", settings.integrityGetRecords, cms, settings.integrityConcurrency));
        await checkStoredForm(database.db, document, cms, key);
      } finally {
        client.close();
      }
    }
    progress(`integrity Get records created: ${settings.integrityGetRecords} per child, stored form checked`);

    let maxConnections = 0;
    const measure = async (call: IntegrityCall, key: IntegrityChild, round: number, seconds: number) => {
      const client = createHttpLoadClient(child(key).port, settings.integrityConcurrency);
      const document = `integrity-save-${key}-r${round}`;
      let before: ReceiptCounts = { receipts: 0, signatures: 0 };
      let sharing: ReceiptCounts = { receipts: 0, signatures: 0 };
      try {
        const workload =
          call === "save" ? appendWorkload(client, document, cms, settings) : getWorkload(client, getRecords.get(key) ?? [], cms);
        const result = await runLoad(workload, {
          name: `${call} with encryption ${key}`,
          concurrency: settings.integrityConcurrency,
          seconds,
          warmupSeconds: settings.warmupSeconds,
          serverCpu: child(key).cpuUsage,
          window: {
            opened: async () => {
              before = await receiptCounts(client);
            },
            closed: async () => {
              const after = await receiptCounts(client);
              sharing = { receipts: after.receipts - before.receipts, signatures: after.signatures - before.signatures };
            },
          },
        });
        return { result, sharing };
      } finally {
        maxConnections = Math.max(maxConnections, client.connectionsOpened());
        client.close();
        // Every round's Save records are new: drop them so the collection does not grow from point to point.
        if (call === "save") await records.deleteMany({ document });
      }
    };

    // Unrecorded: JIT, pools and the engine warm up before any round counts.
    for (const { key: call } of integrityCalls) {
      for (const { key } of integrityChildren) await measure(call, key, 0, 2 * settings.warmupSeconds);
    }
    progress("integrity warm-up pass done");
    const points: IntegrityResults["points"] = { save: { off: [], on: [] }, get: { off: [], on: [] } };
    const receiptSharing: IntegrityResults["receiptSharing"] = { off: [], on: [] };
    for (let round = 1; round <= settings.integrityRounds; round++) {
      const order = round % 2 === 1 ? integrityChildren : [...integrityChildren].reverse();
      for (const { key: call } of integrityCalls) {
        for (const { key } of order) {
          const { result, sharing } = await measure(call, key, round, settings.seconds);
          points[call][key].push(result);
          if (call === "save") receiptSharing[key].push(sharing);
          progress(
            `integrity round ${round}/${settings.integrityRounds} ${call} encryption ${key}: ${Math.round(result.opsPerSecond)} calls/s, ` +
              `server CPU ${Math.round(result.serverCpuUsPerCall ?? Number.NaN)} µs/call` +
              (call === "save" ? `, ${sharing.receipts} receipts under ${sharing.signatures} signatures` : ""),
          );
        }
      }
    }
    // The measured children are done: stopped before the counting child takes its share of the CPUs.
    await Promise.all([...children.values()].map((running) => running.stop()));
    const shared = [...receiptSharing.off, ...receiptSharing.on];
    const total = (field: keyof ReceiptCounts) => shared.reduce((sum, counts) => sum + counts[field], 0);
    const receiptBatch = Math.max(1, Math.round(total("receipts") / Math.max(1, total("signatures"))));
    const chainCosts = measureChainCosts(cms, facts, receiptBatch, settings, progress);
    const appendPaths = await countAppendPaths(database, cms, settings, progress);
    return {
      concurrency: settings.integrityConcurrency,
      rounds: settings.integrityRounds,
      payloadChars: cms.length,
      derBytes: der.length,
      payloadFacts: `${facts.format}: ${facts.signers.length} signer (${statuses.join(", ")})`,
      getRecords: settings.integrityGetRecords,
      appendsPerRecord: settings.integrityAppendsPerRecord,
      points,
      receiptSharing,
      receiptBatch,
      chainCosts,
      costPasses,
      appendPaths,
      maxConnections,
    };
  } finally {
    await Promise.all([...children.values()].map((running) => running.stop()));
  }
}

function databaseOf(database: Pick<BenchDatabase, "uri" | "db">) {
  return { mongodbUri: database.uri, mongodbDb: database.db.databaseName };
}

/** A ~2 KB DER RSA CMS (one NCA-style signer, content attached), as section 10 makes it. */
async function makeRsaCms(cmsBytes: number): Promise<Buffer> {
  const openssl = await createOpensslWorkspace();
  try {
    const { ceo } = await makeNcaStyleSigners(openssl);
    const sign = (content: string) => openssl.signCms(content, [ceo], ["-nodetach"]);
    return await sign(await contentForCmsBytes(sign, cmsBytes));
  } finally {
    await openssl.remove();
  }
}

/** A fresh data key and index key, as an operator would generate them (docs/operations.md, Keys); they live only in the child. */
function randomEncryptionKeys(): Record<string, string> {
  return {
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
    ENCRYPTION_INDEX_KEY: randomBytes(32).toString("base64"),
  };
}

/**
 * The µs per chain step of a version carrying this payload and its facts, in
 * this process: after a warm-up of each, `costPasses` passes timing each in
 * turn. The hashed facts are a fresh copy for every call, as the service's
 * are (inspected for a Save, read from the database for a Get): the canonical
 * JSON of an object already encoded is remembered.
 */
function measureChainCosts(
  cms: string,
  facts: PayloadFacts,
  receiptBatch: number,
  settings: BenchSettings,
  progress: (line: string) => void,
): ChainStepCost[] {
  const key = { document: "integrity-document", thread: "integrity-thread" };
  const createdAt = new Date();
  const previousHash = versionHash({ ...key, version: 4, cms, createdBy: "bench", comment: undefined, createdAt, facts }, genesisHash);
  const content = { ...key, version: 5, cms, createdBy: "bench", comment: undefined, createdAt, facts };
  const hash = versionHash(content, previousHash);
  const stored: SignatureVersion = { ...content, hash, prevHash: previousHash };
  // Copies made before each batch, outside its time; the warm-up copies as it goes.
  let copies: PayloadFacts[] = [];
  const freshFacts = () => copies.pop() ?? structuredClone(facts);
  const makeCopies = (count: number) => {
    copies = Array.from({ length: count }, () => structuredClone(facts));
  };
  // An Ed25519 key generated now, as the service does without RECEIPT_KEY_FILE: signing costs the same with either.
  const signer = createReceiptSigner(undefined);
  const acknowledged = Array.from({ length: receiptBatch }, (_, index) => ({
    ...key,
    version: 5 + index,
    headHash: hash,
    time: createdAt,
  }));
  const operations: Record<ChainStep, () => unknown> = {
    hash: () => versionHash({ ...content, facts: freshFacts() }, previousHash),
    alone: () => signer.signBatch(acknowledged.slice(0, 1)),
    // A whole batch per call: its time is divided by the batch size below.
    receipt: () => signer.signBatch(acknowledged),
    // The current version read back, checked against the record's head as Get checks it.
    check: () => (versionIntact(key, { ...stored, facts: freshFacts() }, hash, true) ? 1 : 0),
  };
  if (!versionIntact(key, { ...stored, facts: structuredClone(facts) }, hash, true))
    throw new Error("versionIntact refused the version it was given");
  const seconds = Math.max(1.5, settings.seconds / 2) / costPasses;
  const steps = chainSteps.map(({ key: step }) => ({
    step,
    batchSize: warmUp(operations[step], settings.warmupSeconds / 2),
    timing: { batches: [], iterations: 0, elapsedMs: 0 } as Timing,
    beforeBatch: step === "hash" || step === "check" ? makeCopies : undefined,
  }));
  for (let pass = 0; pass < costPasses; pass++) {
    for (const { step, batchSize, timing, beforeBatch } of steps) timeOperation(operations[step], batchSize, seconds, timing, beforeBatch);
  }
  return steps.map(({ step, timing }) => {
    const per = step === "receipt" ? receiptBatch : 1;
    const medianUs = median(timing.batches) / per;
    progress(`integrity ${step}: ${medianUs.toFixed(1)} µs (${timing.iterations} iterations${per > 1 ? `, batches of ${per}` : ""})`);
    return { key: step, iterations: timing.iterations * per, medianUs, meanUs: (timing.elapsedMs * 1000) / (timing.iterations * per) };
  });
}

/** The receipts and signatures a service child has counted so far (its GET /metrics, receipts_per_signature). */
async function receiptCounts(client: HttpLoadClient): Promise<ReceiptCounts> {
  const answer = await client.request("GET", "/metrics");
  const value = (name: string) => {
    const line = answer.body.split("\n").find((candidate) => candidate.startsWith(`${name} `));
    if (answer.status !== 200 || line === undefined) throw new Error(`GET /metrics answered ${answer.status} without ${name}`);
    return Number(line.slice(name.length + 1));
  };
  return { receipts: value("receipts_per_signature_sum"), signatures: value("receipts_per_signature_count") };
}

/**
 * With encryption on, the stored version must hold no payload in clear and
 * name its key; off, it must hold the payload: otherwise the child did not run
 * with the configuration the table says.
 */
async function checkStoredForm(db: Db, document: string, cms: string, encryption: IntegrityChild): Promise<void> {
  // Read as raw documents: the sealed form is not the SignatureDoc shape.
  const doc = await db.collection("signatures").findOne({ document }, { projection: { _id: 0, versions: 1 } });
  const entry = (doc?.["versions"] as Record<string, unknown>[] | undefined)?.[0];
  const sealed = typeof entry?.["key_id"] === "string" && entry["cms"] === undefined;
  const clear = entry?.["cms"] === cms;
  if (encryption === "on" ? !sealed : !clear) {
    throw new Error(
      `the child with encryption ${encryption} stored ${document}'s version ${sealed ? "sealed" : clear ? "in clear" : "unlike either"}`,
    );
  }
}

interface Envelope {
  status?: unknown;
  content?: { signature?: { thread?: unknown; current_version?: unknown; cms?: unknown } | null; receipt?: unknown };
}

/** The signature of a success envelope with the expected status; anything else fails the point. */
function signatureOf(answer: HttpAnswer, status: number, what: string): NonNullable<NonNullable<Envelope["content"]>["signature"]> {
  const envelope = answer.status === status ? (JSON.parse(answer.body) as Envelope) : undefined;
  const signature = envelope?.status === true ? envelope.content?.signature : undefined;
  // Every Save answers a receipt: one without would mean the call skipped part of what is measured.
  if (signature == null || (what.startsWith("POST") && envelope?.content?.receipt == null)) {
    throw new Error(`${what} answered ${answer.status} ${answer.body.slice(0, 300)}, expected ${status} with a signature`);
  }
  return signature;
}

/** Creates `count` records of `document` through the child (POST /signature, version 0), `concurrency` at a time. */
async function createRecords(
  client: HttpLoadClient,
  document: string,
  prefix: string,
  count: number,
  cms: string,
  concurrency: number,
): Promise<RecordRef[]> {
  const made: RecordRef[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - start) }, (_, index) => `${prefix}-${start + index}`);
    made.push(
      ...(await Promise.all(
        batch.map(async (thread) => {
          const created = signatureOf(
            await client.request("POST", "/signature", { document, thread, cms }),
            201,
            "POST /signature (create)",
          );
          if (created.current_version !== 1) throw new Error(`POST /signature of ${document}/${thread} did not create version 1`);
          return { document, thread, version: 1 };
        }),
      )),
    );
  }
  return made;
}

/**
 * Save appending to existing records: each connection appends to a record of
 * its own with the version it knows, and moves to a fresh record after
 * settings.integrityAppendsPerRecord appends. The fresh records are created
 * through the same child between warm-up and measurement (outside the
 * measured server CPU), so that child saw each one's head, as an instance
 * does for the records it serves.
 */
function appendWorkload(client: HttpLoadClient, document: string, cms: string, settings: BenchSettings): Workload & { appended(): number } {
  const concurrency = settings.integrityConcurrency;
  const perRecord = settings.integrityAppendsPerRecord;
  let made = 0;
  let appendedInAll = 0;
  const pool = new FreshRecordPool(async (count) => {
    const prefix = `s${made++}`;
    return createRecords(client, document, prefix, count, cms, concurrency);
  });
  return {
    // Warm-up included: what the counting child's command monitor is checked against.
    appended: () => appendedInAll,
    // A fifth more than the warm-up rate promises, and a record per connection, so that none is made inside the window.
    beforeMeasure: (expectedCalls) => pool.fillTo(Math.ceil((expectedCalls * 1.2) / perRecord) + concurrency),
    createWorker: () => {
      let record: RecordRef | undefined;
      let appended = 0;
      return {
        prepare: async () => {
          if (record !== undefined && appended < perRecord) return;
          record = await pool.take();
          appended = 0;
        },
        call: async () => {
          const target = record as RecordRef;
          const body = { document: target.document, thread: target.thread, cms, version: target.version };
          const saved = signatureOf(await client.request("POST", "/signature", body), 201, "POST /signature (append)");
          if (saved.current_version !== target.version + 1) {
            throw new Error(`POST /signature of ${target.thread} at version ${target.version} answered version ${saved.current_version}`);
          }
          target.version++;
          appended++;
          appendedInAll++;
        },
      };
    },
  };
}

/** GET /signature of a random record the child created; the payload must come back whole (decrypted, when sealed). */
function getWorkload(client: HttpLoadClient, records: readonly RecordRef[], cms: string): Workload {
  if (records.length === 0) throw new Error("no records to GET");
  return {
    createWorker: () => ({
      call: async () => {
        const record = records[Math.floor(Math.random() * records.length)] as RecordRef;
        const path = `/signature?document=${encodeURIComponent(record.document)}&thread=${encodeURIComponent(record.thread)}`;
        const found = signatureOf(await client.request("GET", path), 200, "GET /signature");
        if (found.thread !== record.thread || found.cms !== cms)
          throw new Error(`GET /signature of ${record.thread} answered another version`);
      },
    }),
  };
}

/**
 * How many appends took the no-read path: a Save pass like the measured ones
 * on a third service child (encryption off) that counts the store's commands
 * with the driver's command monitoring. Its own child because monitoring
 * builds an event per command, which would add to the measured CPU.
 */
async function countAppendPaths(
  database: Pick<BenchDatabase, "uri" | "db">,
  cms: string,
  settings: BenchSettings,
  progress: (line: string) => void,
): Promise<AppendCommandCounts> {
  const counting = await startChildServer({ type: "start", kind: "signature-service", ...databaseOf(database), countAppendCommands: true });
  const client = createHttpLoadClient(counting.port, settings.integrityConcurrency);
  const document = "integrity-save-counted";
  try {
    const before = await counting.appendCommands();
    const workload = appendWorkload(client, document, cms, settings);
    await runLoad(workload, {
      name: "counted Save",
      concurrency: settings.integrityConcurrency,
      seconds: settings.seconds,
      warmupSeconds: settings.warmupSeconds,
    });
    const after = await counting.appendCommands();
    const counts = { appends: after.appends - before.appends, headReads: after.headReads - before.headReads };
    progress(`integrity counted Save pass: ${counts.appends} appends, ${counts.headReads} head reads`);
    // Every successful Save is one findAndModify; fewer means the monitor missed commands, more that some Saves conflicted.
    if (counts.appends !== workload.appended()) {
      throw new Error(`the counting child saw ${counts.appends} appends where ${workload.appended()} Saves appended`);
    }
    return counts;
  } finally {
    client.close();
    await counting.stop();
    await database.db.collection<SignatureDoc>("signatures").deleteMany({ document });
  }
}
