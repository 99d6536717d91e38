import { genesisHash, versionHash } from "../../src/integrity/version-hash.js";
import type {
  AppendResult,
  CreateResult,
  ListPage,
  ListQuery,
  RecordChanges,
  SignatureKey,
  SignatureRecord,
  SignatureStore,
  SignatureVersion,
  SignerFilter,
  VersionInput,
  VersionPage,
} from "../../src/store/signature-store.js";

interface StoredRecord {
  id: number;
  key: SignatureKey;
  versions: SignatureVersion[];
  tags: string[];
  stage: string | undefined;
  parent: number | undefined;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The storage contract kept in a Map, for the fast tier of tests: the
 * service's rules run without a database. Each method runs without an await
 * in between, so each is atomic as the MongoDB store's single-document writes
 * are. No history-size limit.
 */
export function createMemorySignatureStore(): SignatureStore {
  const records = new Map<string, StoredRecord>();
  let lastId = 0;
  const keyOf = (key: SignatureKey) => JSON.stringify([key.document, key.thread]);
  const byId = (id: number) => [...records.values()].find((record) => record.id === id);
  const view = (record: StoredRecord, version: SignatureVersion): SignatureRecord => ({
    id: record.id,
    document: record.key.document,
    thread: record.key.thread,
    currentVersion: record.versions.length,
    tags: [...record.tags],
    stage: record.stage,
    parent: record.parent,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    headHash: record.versions.at(-1)?.hash,
    version,
  });
  const entry = (key: SignatureKey, number: number, input: VersionInput, at: Date, prevHash: string): SignatureVersion => ({
    version: number,
    ...input,
    createdAt: at,
    hash: versionHash({ ...key, version: number, ...input, createdAt: at }, prevHash),
    prevHash,
  });
  const apply = (record: StoredRecord, changes: RecordChanges): void => {
    if (changes.tags !== undefined) record.tags = [...changes.tags];
    if (changes.stage !== undefined) record.stage = changes.stage ?? undefined;
    if (changes.parent !== undefined) record.parent = changes.parent ?? undefined;
  };

  return {
    get: async (key, version) => {
      const record = records.get(keyOf(key));
      const wanted = record?.versions[(version ?? record.versions.length) - 1];
      return record === undefined || wanted === undefined ? undefined : view(record, wanted);
    },
    currentVersion: async (key) => records.get(keyOf(key))?.versions.length,
    idOf: async (key) => records.get(keyOf(key))?.id,
    parentOf: async (id) => {
      const record = byId(id);
      return record === undefined ? undefined : (record.parent ?? null);
    },
    create: async (key, first, changes): Promise<CreateResult> => {
      if (records.has(keyOf(key))) return { kind: "exists" };
      const now = new Date();
      const record: StoredRecord = {
        id: ++lastId,
        key,
        versions: [entry(key, 1, first, now, genesisHash)],
        tags: [],
        stage: undefined,
        parent: undefined,
        createdAt: now,
        updatedAt: now,
      };
      apply(record, changes);
      records.set(keyOf(key), record);
      return { kind: "created", record: view(record, record.versions[0]!) };
    },
    append: async (key, expected, next, changes): Promise<AppendResult> => {
      const record = records.get(keyOf(key));
      if (record === undefined) return { kind: "not-found" };
      const current = record.versions.length;
      const head = record.versions.at(-1)?.hash;
      if (expected.head !== undefined && head !== expected.head) return { kind: "head-mismatch", currentVersion: current, headHash: head };
      if (expected.version !== undefined && current !== expected.version) return { kind: "version-mismatch", currentVersion: current };
      const now = new Date();
      const added = entry(key, current + 1, next, now, head ?? genesisHash);
      record.versions.push(added);
      record.updatedAt = now;
      apply(record, changes);
      return { kind: "appended", record: view(record, added) };
    },
    delete: async (key) => records.delete(keyOf(key)),
    list: async (query: ListQuery): Promise<ListPage> => {
      const matches = [...records.values()]
        .filter((record) => query.document === undefined || record.key.document === query.document)
        .filter((record) => query.thread === undefined || record.key.thread === query.thread)
        .filter((record) => query.stage === undefined || record.stage === query.stage)
        .filter((record) => query.tags.length === 0 || record.tags.some((tag) => query.tags.includes(tag)))
        .filter((record) => signedBy(record, query.signedBy))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
      // As the MongoDB store: the page starts after `after`, the count does not.
      const { after } = query;
      const rest =
        after === undefined
          ? matches
          : matches.filter(
              (record) =>
                record.createdAt < after.createdAt || (record.createdAt.getTime() === after.createdAt.getTime() && record.id < after.id),
            );
      const page = rest.slice(query.offset, query.offset + query.limit);
      return { records: page.map((record) => view(record, record.versions.at(-1)!)), total: query.count ? matches.length : undefined };
    },
    listVersions: async (key, offset, limit, includeCms): Promise<VersionPage | undefined> => {
      const record = records.get(keyOf(key));
      if (record === undefined) return undefined;
      const versions = record.versions.slice(offset, offset + limit).map((version) => (includeCms ? version : { ...version, cms: "" }));
      return { currentVersion: record.versions.length, headHash: record.versions.at(-1)?.hash, versions };
    },
  };
}

/** Whether any version of the record matches every given signer filter, as the MongoDB store's index fields do. */
function signedBy(record: StoredRecord, filter: SignerFilter): boolean {
  const facts = record.versions.flatMap((version) => (version.facts === undefined ? [] : [version.facts]));
  const signers = facts.flatMap((payload) => payload.signers);
  return (
    (filter.iin === undefined || signers.some((signer) => signer.subject.iin === filter.iin)) &&
    (filter.bin === undefined || signers.some((signer) => signer.subject.bin === filter.bin)) &&
    (filter.certificateSerial === undefined || signers.some((signer) => signer.certificateSerial === filter.certificateSerial)) &&
    (filter.payloadSha256 === undefined || facts.some((payload) => payload.sha256 === filter.payloadSha256))
  );
}
