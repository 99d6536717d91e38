import { BSON, type Collection, type Db, type Document, type Filter } from "mongodb";
import { type AppendBase, appendFilter, appendUpdate } from "./append-version.js";
import { ChainHeads } from "./chain-heads.js";
import type { EncryptionKeys } from "./encryption-keys.js";
import { instrumentStore, type StoreInstrumentation } from "./instrumented-store.js";
import { listFilter, newestFirst } from "./list-filter.js";
import { isDuplicateKey } from "./mongo-error-codes.js";
import { createRecordIdSource } from "./record-ids.js";
import {
  type CounterDoc,
  currentOnly,
  fromSignatureDoc,
  fromVersionDoc,
  keyFilter,
  newSignatureDoc,
  recordFields,
  type SignatureDoc,
  type StoredVersionDoc,
  versionBytes,
} from "./signature-doc.js";
import type {
  AppendPrecondition,
  AppendResult,
  CreateResult,
  ListPage,
  ListQuery,
  RecordChanges,
  SignatureKey,
  SignatureRecord,
  SignatureStore,
  StoreCall,
  VersionInput,
  VersionPage,
} from "./signature-store.js";
import { createStoredForm } from "./stored-form.js";
import { openVersionArchive, versionsKeptAfterMove } from "./version-archive.js";

export interface MongoSignatureStoreOptions extends StoreInstrumentation {
  /** The database holding the collections. */
  readonly db: Db;
  /** Largest estimated size of a record's history in bytes; a save beyond it is refused ("too-large"). */
  readonly maxRecordBytes: number;
  /** Records collection name. Default "signatures". */
  readonly collection?: string;
  /** Record ids this instance reserves per counter write (record-ids.ts). Default 100. */
  readonly idBlockSize?: number;
  /**
   * The most versions a record document embeds (EMBEDDED_VERSIONS); older ones move to the
   * version archive, as they do when the embedded ones would pass maxRecordBytes. Default 32.
   */
  readonly embeddedVersions?: number;
  /** Encryption at rest of payloads, comments and signer facts, and hashing of the signer index. Default: off (plaintext). */
  readonly encryption?: EncryptionKeys | undefined;
}

/** How often a write lost to a concurrent delete-and-recreate of its record is tried before it answers a conflict. */
const raceAttempts = 4;

/** Records whose chain head one instance remembers (chain-heads.ts): about 200 bytes each. */
const rememberedHeads = 10_000;

/**
 * The SignatureStore on MongoDB. Every invariant rests on single-document
 * atomicity (no transactions): the versioned save is one conditional
 * findOneAndUpdate (see append-version.ts), so of concurrent saves of one
 * version exactly one matches.
 */
export function createMongoSignatureStore(options: MongoSignatureStoreOptions): SignatureStore & {
  ensureIndexes(): Promise<void>;
} {
  const recordsName = options.collection ?? "signatures";
  const records: Collection<SignatureDoc> = options.db.collection(recordsName);
  const counters: Collection<CounterDoc> = options.db.collection("counters");
  const { maxRecordBytes } = options;
  const embeddedVersions = options.embeddedVersions ?? 32;
  const archive = openVersionArchive(options.db);
  const form = createStoredForm(options.encryption);
  const fromDoc = (doc: SignatureDoc) => fromSignatureDoc(doc, form);
  const findRecord = <T extends Document>(filter: Filter<SignatureDoc>, projection: Document, call?: StoreCall) =>
    findOneRecord<T>(options.db, recordsName, filter, projection, call);
  const heads = new ChainHeads(rememberedHeads);
  const nextRecordId = createRecordIdSource(counters, options.idBlockSize ?? 100);
  const remember = (key: SignatureKey, doc: Pick<SignatureDoc, "version" | "head_hash" | "first_embedded">): void =>
    heads.remember(key, { version: doc.version, headHash: doc.head_hash, firstEmbedded: doc.first_embedded ?? 1 });
  /** Whether a record embedding `base` must move versions out before it takes `next`. */
  const needsMove = (base: AppendBase, historyBytes: number, next: VersionInput) =>
    base.version - base.firstEmbedded + 2 > embeddedVersions || historyBytes + versionBytes(next) > maxRecordBytes;

  /** The conditional update of an append onto `base`; undefined when the record is no longer at that version and head. */
  async function appendOnto(
    key: SignatureKey,
    base: AppendBase,
    next: VersionInput,
    changes: RecordChanges,
  ): Promise<AppendResult | undefined> {
    const filter = appendFilter(key, base, next, maxRecordBytes);
    const update = appendUpdate(key, base, next, changes, new Date(), form);
    // The projection also matters for correctness on the local engine: it copies the
    // returned fields inside the atomic step (an unprojected "after" document is
    // serialised later and could show a concurrent save's changes).
    const doc = await records.findOneAndUpdate(filter, update, { projection: currentOnly, returnDocument: "after" });
    if (doc === null) return undefined;
    const record = fromDoc(doc);
    if (record === undefined) throw new Error("appended record has no version");
    remember(key, doc);
    return { kind: "appended", record };
  }

  /**
   * Moves the record's oldest embedded versions to the archive until it has
   * room for `next` and at most versionsKeptAfterMove of them (so a move
   * happens once every embeddedVersions / 2 saves), always keeping the
   * current version. Crash-safe without transactions: the versions are written
   * to the archive first (a retry meets its own copies and leaves them), then
   * trimmed from the record with an update conditional on nobody having moved
   * them meanwhile. A crash in between leaves a version in both places, which
   * reads tolerate (the record's copy wins) and the next move completes;
   * never a gap. Returns false when the current version alone leaves no room.
   */
  async function moveOldVersions(id: number, key: SignatureKey, base: AppendBase, next: VersionInput): Promise<boolean> {
    const doc = await records.findOne(
      { _id: id, version: base.version },
      { projection: { versions: 1, history_bytes: 1, first_embedded: 1 } },
    );
    if (doc === null || (doc.first_embedded ?? 1) !== base.firstEmbedded) return true; // moved on meanwhile: the caller reads again
    const sizes = doc.versions.map((entry) => entry.size ?? BSON.calculateObjectSize(entry));
    let bytes = doc.history_bytes;
    let moved = 0;
    const room = versionBytes(next);
    const kept = versionsKeptAfterMove(embeddedVersions);
    while (moved < doc.versions.length - 1 && (doc.versions.length - moved > kept || bytes + room > maxRecordBytes)) {
      bytes -= sizes[moved] as number;
      moved++;
    }
    if (bytes + room > maxRecordBytes && moved === doc.versions.length - 1) return false;
    const leaving = doc.versions.slice(0, moved);
    await archive.add(id, key, leaving);
    const first = base.firstEmbedded + moved;
    await records.updateOne(
      { _id: id, first_embedded: base.firstEmbedded === 1 ? { $exists: false } : base.firstEmbedded },
      {
        $pull: { versions: { version: { $lt: first } } },
        $set: { first_embedded: first },
        $inc: { history_bytes: bytes - doc.history_bytes },
      },
    );
    heads.forget(key);
    return true;
  }

  const ensureIndexes = async (): Promise<void> => {
    await archive.ensureIndexes();
    await records.createIndexes([
      { key: { document: 1, thread: 1 }, name: "document_thread_unique", unique: true },
      { key: { created_at: -1, _id: -1 }, name: "newest_first" },
      // List by document: the shard key's prefix, so on a sharded cluster it goes to the shards owning that range only.
      { key: { document: 1, created_at: -1, _id: -1 }, name: "document_newest_first" },
      { key: { tags: 1, created_at: -1, _id: -1 }, name: "tags_newest_first" },
      { key: { thread: 1, created_at: -1, _id: -1 }, name: "thread_newest_first" },
      { key: { stage: 1, created_at: -1, _id: -1 }, name: "stage_newest_first" },
      { key: { signer_iins: 1, created_at: -1, _id: -1 }, name: "signer_iin_newest_first" },
      { key: { signer_bins: 1, created_at: -1, _id: -1 }, name: "signer_bin_newest_first" },
      { key: { certificate_serials: 1, created_at: -1, _id: -1 }, name: "certificate_serial_newest_first" },
      { key: { payload_sha256s: 1, created_at: -1, _id: -1 }, name: "payload_sha256_newest_first" },
    ]);
  };

  const store: SignatureStore = {
    async get(key: SignatureKey, version?: number, call?: StoreCall): Promise<SignatureRecord | undefined> {
      if (version === undefined) {
        const doc = await findRecord<SignatureDoc>(keyFilter(key), currentOnly, call);
        const record = doc === null ? undefined : fromDoc(doc);
        if (doc !== null) remember(key, doc);
        return record;
      }
      const doc = await findRecord<SignatureDoc>(
        { ...keyFilter(key), version: { $gte: version } },
        { ...recordFields, versions: { $elemMatch: { version } } },
        call,
      );
      if (doc === null) return undefined;
      if ((doc.versions?.length ?? 0) > 0) return fromDoc(doc);
      // No longer embedded: the version was moved to the archive (which it reached before it left the record).
      const archived = await archive.range(doc._id, key, version, version);
      return archived.length === 0 ? undefined : fromDoc({ ...doc, versions: archived });
    },

    async currentVersion(key: SignatureKey, call?: StoreCall): Promise<number | undefined> {
      const doc = await findRecord<Pick<SignatureDoc, "version">>(keyFilter(key), { _id: 0, version: 1 }, call);
      return doc?.version;
    },

    async idOf(key: SignatureKey, call?: StoreCall): Promise<number | undefined> {
      const doc = await findRecord<Pick<SignatureDoc, "_id">>(keyFilter(key), { _id: 1 }, call);
      return doc?._id;
    },

    async parentOf(id: number, call?: StoreCall): Promise<number | null | undefined> {
      const doc = await findRecord<Pick<SignatureDoc, "parent">>({ _id: id }, { _id: 0, parent: 1 }, call);
      return doc === null ? undefined : (doc.parent ?? null);
    },

    async create(key: SignatureKey, first: VersionInput, changes: RecordChanges, call?: StoreCall): Promise<CreateResult> {
      call?.signal?.throwIfAborted();
      const doc = newSignatureDoc(await nextRecordId(), key, first, changes, new Date(), form);
      for (let attempt = 1; ; attempt++) {
        try {
          await records.insertOne(doc);
          break;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          // The unique (document, thread) index decides between concurrent creates. The
          // record that won may already be deleted again: then the insert is tried anew.
          if (attempt === raceAttempts || (await store.currentVersion(key, call)) !== undefined) {
            return { kind: "exists" };
          }
        }
      }
      const record = fromDoc(doc);
      if (record === undefined) throw new Error("created record has no version");
      remember(key, doc);
      return { kind: "created", record };
    },

    async append(
      key: SignatureKey,
      expected: AppendPrecondition,
      next: VersionInput,
      changes: RecordChanges,
      call?: StoreCall,
    ): Promise<AppendResult> {
      // The head this instance last saw, when it fits the precondition, is tried without a read.
      const known = heads.recall(key);
      if (
        known !== undefined &&
        (expected.version ?? known.version) === known.version &&
        (expected.head ?? known.headHash) === known.headHash &&
        known.version - known.firstEmbedded + 2 <= embeddedVersions
      ) {
        call?.signal?.throwIfAborted();
        const appended = await appendOnto(key, known, next, changes);
        if (appended !== undefined) return appended;
      }
      for (let attempt = 1; ; attempt++) {
        // The new version is hashed onto the current head, so the head is read first; the
        // update is conditional on both still being current, which keeps the save atomic.
        const current = await findRecord<Pick<SignatureDoc, "_id" | "version" | "head_hash" | "history_bytes" | "first_embedded">>(
          keyFilter(key),
          { _id: 1, version: 1, head_hash: 1, history_bytes: 1, first_embedded: 1 },
          call,
        );
        if (current === null) {
          heads.forget(key);
          return { kind: "not-found" };
        }
        remember(key, current);
        if (expected.head !== undefined && current.head_hash !== expected.head) {
          return { kind: "head-mismatch", currentVersion: current.version, headHash: current.head_hash };
        }
        if (expected.version !== undefined && current.version !== expected.version) {
          return { kind: "version-mismatch", currentVersion: current.version };
        }
        call?.signal?.throwIfAborted();
        const base = { version: current.version, headHash: current.head_hash, firstEmbedded: current.first_embedded ?? 1 };
        if (needsMove(base, current.history_bytes, next)) {
          // The record keeps its newest versions; older ones go to the archive first. Then read again.
          if (!(await moveOldVersions(current._id, key, base, next))) {
            return { kind: "too-large", historyBytes: current.history_bytes, maxBytes: maxRecordBytes };
          }
          continue;
        }
        const appended = await appendOnto(key, base, next, changes);
        if (appended !== undefined) return appended;
        // Nothing was written: another save moved the record on (or it was deleted, or
        // deleted and created anew) between the read and the update. Read again and decide.
        if (attempt === raceAttempts) return { kind: "version-mismatch", currentVersion: current.version };
      }
    },

    async delete(key: SignatureKey, call?: StoreCall): Promise<boolean> {
      call?.signal?.throwIfAborted();
      heads.forget(key);
      const deleted = await records.findOneAndDelete(keyFilter(key), { projection: { _id: 1 } });
      if (deleted === null) return false;
      // The record is gone for every reader; its moved versions follow. A crash in between leaves
      // unreachable leftovers (keyed by the old record id), never visible to a record created anew.
      await archive.removeRecord(deleted._id, key);
      return true;
    },

    async list(query: ListQuery, call?: StoreCall): Promise<ListPage> {
      const { filter, pageFilter } = listFilter(query, form.index);
      const [docs, total] = await Promise.all([
        records
          .find<SignatureDoc>(pageFilter, { projection: currentOnly, ...abortable(call) })
          .sort(newestFirst)
          .skip(query.offset)
          .limit(query.limit)
          .toArray(),
        query.count ? records.countDocuments(filter, abortable(call)) : Promise.resolve(undefined),
      ]);
      return { records: docs.flatMap((doc) => fromDoc(doc) ?? []), total };
    },

    async listVersions(
      key: SignatureKey,
      offset: number,
      limit: number,
      includeCms: boolean,
      call?: StoreCall,
    ): Promise<VersionPage | undefined> {
      const open = (entries: readonly StoredVersionDoc[]) =>
        entries.map((entry) => fromVersionDoc(form.cipher.open(key, entry), includeCms));
      // The common case, a record that never moved versions out, in one read. Only a record with more than
      // `offset` versions is sliced (the local engine throws on a $slice past the end where MongoDB answers empty).
      const whole = await findRecord<Pick<SignatureDoc, "version" | "versions" | "head_hash" | "first_embedded">>(
        { ...keyFilter(key), version: { $gt: offset }, first_embedded: { $exists: false } },
        { _id: 0, version: 1, head_hash: 1, versions: { $slice: [offset, limit] } },
        call,
      );
      if (whole !== null) return { currentVersion: whole.version, headHash: whole.head_hash, versions: open(whole.versions) };
      for (let attempt = 1; ; attempt++) {
        const meta = await findRecord<Pick<SignatureDoc, "_id" | "version" | "head_hash" | "first_embedded">>(
          keyFilter(key),
          { _id: 1, version: 1, head_hash: 1, first_embedded: 1 },
          call,
        );
        if (meta === null) return undefined;
        const page = { currentVersion: meta.version, headHash: meta.head_hash };
        const from = offset + 1;
        const to = Math.min(meta.version, offset + limit);
        if (to < from) return { ...page, versions: [] };
        // Versions before first_embedded are in the archive, the rest in the record.
        const first = meta.first_embedded ?? 1;
        const archived = from < first ? await archive.range(meta._id, key, from, Math.min(to, first - 1)) : [];
        if (to < first) return { ...page, versions: open(archived) };
        const start = Math.max(from, first);
        // Sliced only while the record still embeds from `first` (a move in between shifts the indexes): else read again.
        const doc = await findRecord<Pick<SignatureDoc, "versions">>(
          { _id: meta._id, first_embedded: first === 1 ? { $exists: false } : first, version: { $gte: to } },
          { _id: 0, versions: { $slice: [start - first, to - start + 1] } },
          call,
        );
        if (doc !== null) return { ...page, versions: open([...archived, ...doc.versions]) };
        if (attempt === raceAttempts) throw new Error("the record's history kept moving while it was read");
      }
    },
  };
  return { ...instrumentStore(store, options), ensureIndexes };
}

/**
 * The one record a filter on the unique key (or _id) matches, as a single-batch
 * `find` command. findOne sends the same command but builds a cursor around it
 * (cursor object, its session and cleanup, abort listeners per layer): on Get,
 * the hottest call, that was about a tenth of the service's CPU per call. With
 * `limit: 1, singleBatch: true` the server opens no cursor. Unlike findOne, the
 * driver does not retry it once on a network error: the call fails UNAVAILABLE,
 * which gRPC clients treat as retryable.
 */
async function findOneRecord<T extends Document>(
  db: Db,
  collection: string,
  filter: Filter<SignatureDoc>,
  projection: Document,
  call: StoreCall | undefined,
): Promise<T | null> {
  const reply = await db.command({ find: collection, filter, projection, limit: 1, singleBatch: true }, abortable(call));
  const batch = (reply as { cursor?: { firstBatch?: T[] } }).cursor?.firstBatch;
  if (batch === undefined) throw new Error(`find on ${collection} answered without a cursor`);
  return batch[0] ?? null;
}

/** The driver's abort option for reads: they stop waiting for the database when the caller gives up. */
function abortable(call: StoreCall | undefined): { signal?: AbortSignal } {
  return call?.signal === undefined ? {} : { signal: call.signal };
}
