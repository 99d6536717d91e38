import type { Collection, Db } from "mongodb";
import { genesisHash } from "../../src/integrity/version-hash.js";
import { unrecognisedPayloadFacts } from "../../src/signatures/payload-inspection.js";
import { reserveRecordIds } from "../../src/store/record-ids.js";
import {
  type CounterDoc,
  newSignatureDoc,
  type SignatureDoc,
  toVersionDoc,
  type VersionDoc,
  versionBytes,
} from "../../src/store/signature-doc.js";
import type { SignatureKey } from "../../src/store/signature-store.js";
import { openVersionArchive, type VersionArchive, versionsKeptAfterMove } from "../../src/store/version-archive.js";

/** A record the bench reads or writes, with the version it is at. */
export interface RecordRef {
  readonly document: string;
  readonly thread: string;
  version: number;
}

export interface SeedSpec {
  /** Document key shared by the batch; each record gets its own thread key. */
  readonly document: string;
  readonly count: number;
  /** History length of each record. */
  readonly versions: number;
  readonly cms: string;
  /** Tags of the i-th record of the batch. */
  readonly tags?: (index: number) => string[];
}

/** Embedded versions per insertMany batch of records: keeps each batch around 8 MB with 1 KB payloads. */
const versionsPerBatch = 8000;

/**
 * The oldest version a record of `versions` versions still embeds after the
 * store saved them one by one with EMBEDDED_VERSIONS = `embedded`, payloads far
 * below the byte budget (so the count alone decides). The store's rule
 * (moveOldVersions in src/store/mongo-signature-store.ts): a record embedding
 * `embedded` versions that takes one more first moves its oldest out, keeping
 * the newest versionsKeptAfterMove(embedded); so the first move comes with
 * version embedded + 1 and the next one every movePeriod versions after.
 * Section 13 checks this against the store: after its saves, every record
 * must embed from exactly where this function says.
 */
export function firstEmbeddedAfter(versions: number, embedded: number): number {
  if (versions <= embedded) return 1;
  const lastMove = embedded + 1 + movePeriod(embedded) * Math.floor((versions - embedded - 1) / movePeriod(embedded));
  return lastMove - versionsKeptAfterMove(embedded);
}

/** Saves between two moves of a record's old versions to the archive (the store's rule, see firstEmbeddedAfter). */
export function movePeriod(embedded: number): number {
  return embedded - versionsKeptAfterMove(embedded);
}

/**
 * Writes records straight into the store's collections in the store's own
 * document shapes (the helpers of src/store/signature-doc.ts build the
 * entries, the store's version archive writes the moved ones), far faster than
 * saving them one version at a time (about 4 ms a save in process on the
 * local engine: 40 s for one record of 10,000 versions). A record with a long
 * history is left as the store would have left it: every version chained onto
 * the one before, the newest embedded (first_embedded set), the older ones in
 * signature_versions.
 */
export class BenchRecords {
  private readonly records: Collection<SignatureDoc>;
  private readonly counters: Collection<CounterDoc>;
  private readonly archive: VersionArchive;

  /** `embeddedVersions`: the service's EMBEDDED_VERSIONS, which decides how much of a long history stays in the record. */
  constructor(
    db: Db,
    private readonly embeddedVersions: number,
  ) {
    this.records = db.collection("signatures");
    this.counters = db.collection("counters");
    this.archive = openVersionArchive(db);
  }

  async seed(spec: SeedSpec): Promise<RecordRef[]> {
    if (spec.count === 0) return [];
    // Ids from the store's own counter, as its create takes them, so that they never collide.
    const firstId = await reserveRecordIds(this.counters, spec.count);
    const start = Date.now();
    const docs: SignatureDoc[] = [];
    for (let index = 0; index < spec.count; index++) {
      // Distinct creation times so that the newest-first sort of List has an order to produce.
      const createdAt = new Date(start + index);
      docs.push(await this.recordDoc(firstId + index, spec, createdAt, spec.tags?.(index) ?? []));
    }
    const embedded = spec.versions - firstEmbeddedAfter(spec.versions, this.embeddedVersions) + 1;
    const perBatch = Math.max(1, Math.floor(versionsPerBatch / embedded));
    for (let offset = 0; offset < docs.length; offset += perBatch) {
      await this.records.insertMany(docs.slice(offset, offset + perBatch), { ordered: false });
    }
    return docs.map((doc) => ({ document: doc.document, thread: doc.thread, version: doc.version }));
  }

  /** One record of spec.versions versions; the versions it no longer embeds are written to the archive first, as a move does. */
  private async recordDoc(id: number, spec: SeedSpec, createdAt: Date, tags: string[]): Promise<SignatureDoc> {
    const input = { cms: spec.cms, createdBy: "bench", comment: undefined, facts: unrecognisedPayloadFacts(spec.cms) };
    const key: SignatureKey = { document: spec.document, thread: `thread-${id}` };
    const doc = newSignatureDoc(id, key, input, { tags, stage: undefined, parent: undefined }, createdAt);
    // A real chain: each version hashed onto the one before, as the store appends them.
    const chain: VersionDoc[] = [];
    for (let version = 1; version <= spec.versions; version++) {
      chain.push(toVersionDoc(key, version, input, createdAt, chain.at(-1)?.hash ?? genesisHash));
    }
    const first = firstEmbeddedAfter(spec.versions, this.embeddedVersions);
    for (let from = 0; from < first - 1; from += versionsPerBatch) {
      await this.archive.add(id, key, chain.slice(from, Math.min(first - 1, from + versionsPerBatch)));
    }
    doc.versions = chain.slice(first - 1);
    if (first > 1) doc.first_embedded = first;
    doc.head_hash = chain.at(-1)?.hash as string;
    doc.version = spec.versions;
    doc.history_bytes = doc.versions.length * versionBytes(input);
    return doc;
  }
}
