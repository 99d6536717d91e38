import type { PayloadFacts } from "../signatures/payload-facts.js";

/**
 * The storage contract the service is written against. Implementations make
 * each operation one atomic single-document step; outcomes that are not
 * failures of the store itself come back as unions tagged by `kind`.
 */

/** Identifies a record. */
export interface SignatureKey {
  readonly document: string;
  readonly thread: string;
}

/** One immutable entry of a record's history. */
export interface SignatureVersion {
  readonly version: number;
  readonly cms: string;
  readonly createdBy: string | undefined;
  readonly createdAt: Date;
  readonly comment: string | undefined;
  /** What the payload is and who signed it; undefined for versions saved before payloads were inspected. */
  readonly facts: PayloadFacts | undefined;
  /** This version's link in the record's hash chain, and the previous version's (src/integrity/version-hash.ts); undefined for versions saved before the chain existed. */
  readonly hash: string | undefined;
  readonly prevHash: string | undefined;
}

/** A record with one of its versions (the current one unless another was asked for). */
export interface SignatureRecord extends SignatureKey {
  readonly id: number;
  readonly currentVersion: number;
  readonly tags: readonly string[];
  readonly stage: string | undefined;
  readonly parent: number | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** The hash of the current version (the chain's head); undefined while no version of the record is hashed. */
  readonly headHash: string | undefined;
  readonly version: SignatureVersion;
}

/** What a save writes besides the new version; an undefined field keeps the record's value. */
export interface RecordChanges {
  /** The new tag set; [] clears it. */
  readonly tags: readonly string[] | undefined;
  /** The new stage; null clears it. */
  readonly stage: string | null | undefined;
  /** The new parent id; null clears it. */
  readonly parent: number | null | undefined;
}

/** The new version's content; its number and time are assigned by the store. */
export interface VersionInput {
  readonly cms: string;
  readonly createdBy: string | undefined;
  readonly comment: string | undefined;
  readonly facts: PayloadFacts;
}

export type CreateResult = { readonly kind: "created"; readonly record: SignatureRecord } | { readonly kind: "exists" };

/** What an append builds on: the current version, or the current head hash, or both. */
export interface AppendPrecondition {
  readonly version: number | undefined;
  readonly head: string | undefined;
}

export type AppendResult =
  | { readonly kind: "appended"; readonly record: SignatureRecord }
  | { readonly kind: "not-found" }
  | { readonly kind: "version-mismatch"; readonly currentVersion: number }
  | { readonly kind: "head-mismatch"; readonly currentVersion: number; readonly headHash: string | undefined }
  | { readonly kind: "too-large"; readonly historyBytes: number; readonly maxBytes: number };

export interface ListQuery {
  readonly document: string | undefined;
  readonly thread: string | undefined;
  readonly stage: string | undefined;
  /** Records having any of these tags; [] does not filter. */
  readonly tags: readonly string[];
  /** Records of which any version was signed by this IIN, BIN or certificate serial, or has this payload SHA-256. */
  readonly signedBy: SignerFilter;
  readonly limit: number;
  readonly offset: number;
  /** Keyset paging: only records after this one in the order (created_at, then id, descending). */
  readonly after: { readonly createdAt: Date; readonly id: number } | undefined;
  readonly count: boolean;
}

/** Filters on what the records' payloads hold; an undefined field does not filter. */
export interface SignerFilter {
  readonly iin: string | undefined;
  readonly bin: string | undefined;
  readonly certificateSerial: string | undefined;
  readonly payloadSha256: string | undefined;
}

export interface ListPage {
  /** Newest first: created_at, then id, descending. */
  readonly records: readonly SignatureRecord[];
  /** Number of all matches, when the query asked for it. */
  readonly total: number | undefined;
}

export interface VersionPage {
  readonly currentVersion: number;
  /** The record's head hash (see SignatureRecord.headHash). */
  readonly headHash: string | undefined;
  /** Oldest first. */
  readonly versions: readonly SignatureVersion[];
}

/**
 * The caller's cancellation. Reads stop waiting for the database when it fires;
 * a write not yet sent is not sent, one already sent completes (its outcome is
 * then unknown to the caller, as with any timed-out write).
 */
export interface StoreCall {
  readonly signal?: AbortSignal | undefined;
}

export interface SignatureStore {
  /** The record with its current version, or with `version` when given; undefined when either is missing. */
  get(key: SignatureKey, version?: number, call?: StoreCall): Promise<SignatureRecord | undefined>;
  /** The record's current version number, undefined when it does not exist. */
  currentVersion(key: SignatureKey, call?: StoreCall): Promise<number | undefined>;
  /** The id of the record, undefined when it does not exist. */
  idOf(key: SignatureKey, call?: StoreCall): Promise<number | undefined>;
  /** The parent id of the record with this id: null when it has none, undefined when there is no such record. */
  parentOf(id: number, call?: StoreCall): Promise<number | null | undefined>;
  /** Creates the record at version 1 unless it exists. */
  create(key: SignatureKey, first: VersionInput, changes: RecordChanges, call?: StoreCall): Promise<CreateResult>;
  /**
   * Appends the next version, linked to the current head of the record's hash
   * chain, atomically conditional on the record still being at the version and
   * head it was read at, and on the precondition's version and head.
   */
  append(
    key: SignatureKey,
    expected: AppendPrecondition,
    next: VersionInput,
    changes: RecordChanges,
    call?: StoreCall,
  ): Promise<AppendResult>;
  /** Removes the record and all its versions; false when it did not exist. */
  delete(key: SignatureKey, call?: StoreCall): Promise<boolean>;
  list(query: ListQuery, call?: StoreCall): Promise<ListPage>;
  /** A page of the record's history (payloads only when includeCms); undefined when the record does not exist. */
  listVersions(key: SignatureKey, offset: number, limit: number, includeCms: boolean, call?: StoreCall): Promise<VersionPage | undefined>;
}

/** The database could not be reached; the operation did not happen or its outcome is unknown. */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
}

/**
 * A stored version that this service cannot read: the key that sealed it is not
 * configured ("key-missing"), or it does not authenticate under that key
 * ("decryption-failed": another key under the same id, or the ciphertext was
 * altered or moved). Its content is never guessed at.
 */
export class VersionUnreadableError extends Error {
  override name = "VersionUnreadableError";
  constructor(
    readonly reason: "key-missing" | "decryption-failed",
    readonly keyId: string,
    readonly version: number,
  ) {
    super(
      reason === "key-missing"
        ? `version ${version} is encrypted under key "${keyId}", which is not configured`
        : `version ${version} does not decrypt under key "${keyId}" (a different key under that id, or altered data)`,
    );
  }
}
