import type { Collection, Db } from "mongodb";
import { genesisHash } from "../../src/integrity/version-hash.js";
import { unrecognisedPayloadFacts } from "../../src/signatures/payload-inspection.js";
import { reserveRecordIds } from "../../src/store/record-ids.js";
import { type CounterDoc, newSignatureDoc, type SignatureDoc, toVersionDoc, versionBytes } from "../../src/store/signature-doc.js";

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

/** Versions per insertMany batch: keeps each batch around 8 MB with 1 KB payloads. */
const versionsPerBatch = 8000;

/**
 * Writes records straight into the store's collection in the store's own
 * document shape (the helpers of src/store/signature-doc.ts build the
 * entries), far faster than saving them one version at a time over RPC.
 */
export class BenchRecords {
  private readonly records: Collection<SignatureDoc>;
  private readonly counters: Collection<CounterDoc>;

  constructor(db: Db) {
    this.records = db.collection("signatures");
    this.counters = db.collection("counters");
  }

  async seed(spec: SeedSpec): Promise<RecordRef[]> {
    if (spec.count === 0) return [];
    // Ids from the store's own counter, as its create takes them, so that they never collide.
    const firstId = await reserveRecordIds(this.counters, spec.count);
    const start = Date.now();
    const docs = Array.from({ length: spec.count }, (_, index) => {
      // Distinct creation times so that the newest-first sort of List has an order to produce.
      const createdAt = new Date(start + index);
      return this.recordDoc(firstId + index, spec, createdAt, spec.tags?.(index) ?? []);
    });
    const perBatch = Math.max(1, Math.floor(versionsPerBatch / spec.versions));
    for (let offset = 0; offset < docs.length; offset += perBatch) {
      await this.records.insertMany(docs.slice(offset, offset + perBatch), { ordered: false });
    }
    return docs.map((doc) => ({ document: doc.document, thread: doc.thread, version: doc.version }));
  }

  private recordDoc(id: number, spec: SeedSpec, createdAt: Date, tags: string[]): SignatureDoc {
    const input = { cms: spec.cms, createdBy: "bench", comment: undefined, facts: unrecognisedPayloadFacts(spec.cms) };
    const doc = newSignatureDoc(
      id,
      { document: spec.document, thread: `thread-${id}` },
      input,
      { tags, stage: undefined, parent: undefined },
      createdAt,
    );
    // A real chain: each version hashed onto the one before, as the store appends them.
    doc.versions = [];
    for (let version = 1; version <= spec.versions; version++) {
      const key = { document: doc.document, thread: doc.thread };
      doc.versions.push(toVersionDoc(key, version, input, createdAt, doc.versions.at(-1)?.hash ?? genesisHash));
    }
    doc.head_hash = doc.versions.at(-1)?.hash as string;
    doc.version = spec.versions;
    doc.history_bytes = spec.versions * versionBytes(input);
    return doc;
  }
}
