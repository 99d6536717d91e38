/**
 * Section 13 (issue 18, scale): does a call cost the same however long the
 * record's history and however deep the page? Get and Save at history lengths
 * from 1 to 10,000 versions, and List's first page beside a deep one (by the
 * keyset page token and by offset) at growing record counts, through a
 * service child as section 5 does, at concurrency 1.
 */
import type { Db } from "mongodb";
import { SignatureService } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import { readConfig } from "../../src/config.js";
import { verifyChain } from "../../src/integrity/chain-verification.js";
import { createMongoSignatureStore } from "../../src/store/mongo-signature-store.js";
import type { SignatureDoc } from "../../src/store/signature-doc.js";
import type { BenchDatabase } from "./bench-database.js";
import { BenchRecords, firstEmbeddedAfter, movePeriod, type RecordRef } from "./bench-records.js";
import type { BenchSettings } from "./bench-settings.js";
import { startChildServer } from "./child-server.js";
import { FreshRecordPool } from "./fresh-record-pool.js";
import { createGrpcLoadClient, type GrpcLoadClient } from "./grpc-load-client.js";
import { type LoadResult, runLoad, type Workload } from "./load-runner.js";
import { rpcOperations } from "./workloads/rpc-operations.js";
import { getWorkload, saveWorkload } from "./workloads/signature-workloads.js";

/** Issue 18's target: the largest case within this factor of the smallest (Get, Save; a deep keyset page of page 1). */
export const scaleTarget = 1.2;

export interface ScaleHistoryPoint {
  /** Versions of each record before the measurement. */
  readonly versions: number;
  /** The oldest version the seeded records embed; the ones before it are in signature_versions. */
  readonly firstEmbedded: number;
  /** Saves made to one record before moving to a fresh one (a whole number of move periods). */
  readonly savesPerRecord: number;
  readonly get: LoadResult;
  readonly save: LoadResult;
  /** Saves the records took (warm-up and measured), and how many of them moved old versions out first. */
  readonly saves: number;
  readonly moves: number;
  /** The most versions a record saved to embeds afterwards: bounded by EMBEDDED_VERSIONS however long its history. */
  readonly largestEmbedded: number;
}

export interface ScaleListPoint {
  /** Records under the listed document key. */
  readonly records: number;
  /** Records before the deep page: about half of them, in whole pages. */
  readonly deepOffset: number;
  readonly page1: LoadResult;
  /** The deep page by the page token the service handed out for it. */
  readonly deepKeyset: LoadResult;
  /** The same page by offset. */
  readonly deepByOffset: LoadResult;
}

export interface ScaleResults {
  /** Whether the engine is the local MongoDB-wire engine (no query planner: it scans). */
  readonly localEngine: boolean;
  readonly embeddedVersions: number;
  /** Saves between two moves of a long record's old versions (the store's rule). */
  readonly movePeriod: number;
  readonly cmsBytes: number;
  readonly listLimit: number;
  readonly history: readonly ScaleHistoryPoint[];
  readonly list: readonly ScaleListPoint[];
  /** Versions of the seeded Get records read back through the store, every chain verified. */
  readonly versionsVerified: number;
}

/** The document key List pages through; its records grow from one count of settings.scaleListRecords to the next. */
const listDocument = "scale-list";

export async function measureScale(
  database: BenchDatabase,
  settings: BenchSettings,
  progress: (line: string) => void,
): Promise<ScaleResults> {
  // The configuration the service child runs with (no overrides): the same EMBEDDED_VERSIONS lays out the seeded records.
  const { embeddedVersions, maxRecordBytes } = readConfig({});
  const records = new BenchRecords(database.db, embeddedVersions);
  const service = await startChildServer({
    type: "start",
    kind: "signature-service",
    mongodbUri: database.uri,
    mongodbDb: database.db.databaseName,
  });
  const client = createGrpcLoadClient(service.port);
  const run = (name: string, workload: Workload): Promise<LoadResult> =>
    runLoad(workload, {
      name,
      concurrency: 1,
      seconds: settings.seconds,
      warmupSeconds: settings.warmupSeconds,
      serverCpu: service.cpuUsage,
    });
  try {
    const cms = "x".repeat(settings.cmsBytes);
    const rpc = rpcOperations(client);
    // The bench's own store on the same database, to read the seeded histories back as the service would.
    const store = createMongoSignatureStore({ db: database.db, maxRecordBytes, embeddedVersions });
    const period = movePeriod(embeddedVersions);
    // The child's first calls pay for JIT compilation and the engine's warm-up, more than a point's own warm-up
    // second covers: an unrecorded pass first, so that the smallest case (measured first, every ratio's
    // denominator) is not the slowest for that reason alone.
    const warmUp = (count: number) => records.seed({ document: "scale-warm-up", count, versions: 1, cms });
    await run("warm-up Get", getWorkload(rpc, await warmUp(1)));
    await run("warm-up Save", saveWorkload(rpc, new FreshRecordPool(warmUp), { cms, savesPerRecord: period }));
    const history: ScaleHistoryPoint[] = [];
    let versionsVerified = 0;
    for (const versions of settings.scaleVersions) {
      const [getRecord] = await records.seed({ document: `scale-${versions}-get`, count: 1, versions, cms });
      if (getRecord === undefined) throw new Error("no record was seeded");
      versionsVerified += await verifySeededChain(store, getRecord);
      // Whole move periods per record, so that moves take their production share of the saves (one in `period`
      // once a record has moved versions out), and about a tenth of the history, as section 5 does, so that the
      // records a run needs stay few at 10,000 versions (each one seeded whole, archive included).
      const savesPerRecord = Math.max(period, Math.floor(versions / 10 / period) * period);
      const saveDocument = `scale-${versions}-save`;
      const pool = new FreshRecordPool((count) => records.seed({ document: saveDocument, count, versions, cms }));
      const get = await run(`Get (${versions} versions)`, getWorkload(rpc, [getRecord]));
      const save = await run(`Save (${versions} versions)`, saveWorkload(rpc, pool, { cms, savesPerRecord }));
      const after = await savedRecords(database.db, saveDocument, versions, embeddedVersions);
      const point = { versions, firstEmbedded: firstEmbeddedAfter(versions, embeddedVersions), savesPerRecord, get, save, ...after };
      progress(
        `scale ${versions} versions: Get p50 ${get.p50Ms.toFixed(2)} ms, Save p50 ${save.p50Ms.toFixed(2)} ms ` +
          `(${after.moves} moves in ${after.saves} saves, at most ${after.largestEmbedded} embedded)`,
      );
      history.push(point);
    }

    const list: ScaleListPoint[] = [];
    let seeded = 0;
    for (const total of settings.scaleListRecords) {
      await records.seed({ document: listDocument, count: total - seeded, versions: 1, cms });
      seeded = total;
      progress(`scale: ${total} records under "${listDocument}"`);
      list.push(await measureListDepth(client, run, total, settings.listLimit));
      const point = list.at(-1) as ScaleListPoint;
      progress(
        `scale List at ${total}: page 1 p50 ${point.page1.p50Ms.toFixed(1)} ms, deep keyset ${point.deepKeyset.p50Ms.toFixed(1)} ms, ` +
          `deep offset ${point.deepByOffset.p50Ms.toFixed(1)} ms`,
      );
    }
    return {
      localEngine: database.description.startsWith("local MongoDB-wire"),
      embeddedVersions,
      movePeriod: period,
      cmsBytes: settings.cmsBytes,
      listLimit: settings.listLimit,
      history,
      list,
      versionsVerified,
    };
  } finally {
    client.close();
    await service.stop();
  }
}

/**
 * Reads a seeded record's whole history back through the store (across the
 * record and the archive) and verifies its hash chain up to the record's
 * head: the seeding left what the service reads and Verify accepts.
 */
async function verifySeededChain(store: ReturnType<typeof createMongoSignatureStore>, record: RecordRef): Promise<number> {
  const page = await store.listVersions(record, 0, record.version, true);
  if (page === undefined || page.versions.length !== record.version) {
    throw new Error(`seeded ${record.thread} reads back ${page?.versions.length ?? 0} of ${record.version} versions`);
  }
  const report = verifyChain(record, page.versions, page.headHash);
  if (!report.intact) throw new Error(`seeded ${record.thread}: chain broken at version ${report.firstBrokenVersion}: ${report.reason}`);
  return report.versionsChecked;
}

/**
 * What the saves did to the records of `document` (seeded at `seededVersions`):
 * saves taken, how many moved versions out (the store moves with the save
 * that finds EMBEDDED_VERSIONS embedded), and the most versions one embeds now.
 * Each record must embed from where firstEmbeddedAfter says: the seeding's
 * copy of the store's rule is checked against the store itself here.
 */
async function savedRecords(
  db: Db,
  document: string,
  seededVersions: number,
  embeddedVersions: number,
): Promise<Pick<ScaleHistoryPoint, "saves" | "moves" | "largestEmbedded">> {
  const docs = await db
    .collection<SignatureDoc>("signatures")
    .find({ document }, { projection: { _id: 0, thread: 1, version: 1, first_embedded: 1 } })
    .toArray();
  let saves = 0;
  let moves = 0;
  let largestEmbedded = 0;
  for (const doc of docs) {
    const first = doc.first_embedded ?? 1;
    if (first !== firstEmbeddedAfter(doc.version, embeddedVersions)) {
      throw new Error(
        `${doc.thread} at version ${doc.version} embeds from ${first}, the seeding's rule says ` +
          `${firstEmbeddedAfter(doc.version, embeddedVersions)}: bench-records.ts no longer matches the store`,
      );
    }
    saves += doc.version - seededVersions;
    // A save that moved versions out is one after which the record embeds from a later version than before it.
    for (let version = seededVersions + 1; version <= doc.version; version++) {
      if (firstEmbeddedAfter(version, embeddedVersions) !== firstEmbeddedAfter(version - 1, embeddedVersions)) moves++;
    }
    largestEmbedded = Math.max(largestEmbedded, doc.version - first + 1);
  }
  return { saves, moves, largestEmbedded };
}

/**
 * Page 1, the page after about half the records by its page token, and the
 * same page by offset. The token is the one the service hands out: the
 * next_page_token of the offset page just before (tokens are bound to the
 * query's filters, not to how the page was reached), so the child's own
 * secret signs it and nothing is shared. Both deep pages must hold the same
 * records, which the bench checks before measuring.
 */
async function measureListDepth(
  client: GrpcLoadClient,
  run: (name: string, workload: Workload) => Promise<LoadResult>,
  records: number,
  limit: number,
): Promise<ScaleListPoint> {
  const list = (page: { offset?: number; pageToken?: string }) =>
    client.unary(SignatureService.method.list, { document: listDocument, limit, ...page });
  const deepOffset = Math.floor(records / 2 / limit) * limit;
  const token = (await list({ offset: deepOffset - limit })).nextPageToken;
  if (token === "") throw new Error(`List at offset ${deepOffset - limit} gave no next_page_token`);
  const threads = async (page: { offset?: number; pageToken?: string }) =>
    (await list(page)).signatures.map((signature) => signature.thread).join();
  if ((await threads({ pageToken: token })) !== (await threads({ offset: deepOffset }))) {
    throw new Error(`the page after ${deepOffset} records differs by page token and by offset`);
  }
  const workload = (page: { offset?: number; pageToken?: string }): Workload => ({
    createWorker: () => ({
      call: async () => {
        const response = await list(page);
        if (response.signatures.length !== limit) throw new Error(`List returned ${response.signatures.length} of ${limit}`);
      },
    }),
  });
  // Unrecorded: the first Lists over a freshly grown collection are slower (JIT, the engine's own caches), and
  // page 1, measured first, is every ratio's denominator.
  await run(`warm-up List (${records} records)`, workload({}));
  return {
    records,
    deepOffset,
    page1: await run(`List page 1 (${records} records)`, workload({})),
    deepKeyset: await run(`List after ${deepOffset} by page token`, workload({ pageToken: token })),
    deepByOffset: await run(`List after ${deepOffset} by offset`, workload({ offset: deepOffset })),
  };
}
