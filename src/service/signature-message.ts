import type { Timestamp } from "@bufbuild/protobuf/wkt";
import type { Signature, SignatureVersion } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import type { SignatureRecord, SignatureVersion as StoredVersion } from "../store/signature-store.js";
import { toPayloadFactsMessage } from "./payload-message.js";

/*
 * protobuf-es messages are plain objects tagged with $typeName. They are
 * written out here as literals, which the compiler checks field by field
 * against the generated types, rather than built with create(), whose walk
 * over the schema was a visible share of a List call (a page holds up to 1000).
 */

export function toSignatureMessage(record: SignatureRecord): Signature {
  return {
    $typeName: "ncanode.signatures.v1.Signature",
    id: BigInt(record.id),
    version: record.version.version,
    document: record.document,
    thread: record.thread,
    cms: record.version.cms,
    versionCreatedBy: record.version.createdBy ?? "",
    versionCreatedAt: toTimestamp(record.version.createdAt),
    versionComment: record.version.comment ?? "",
    tags: [...record.tags],
    stage: record.stage ?? "",
    parent: BigInt(record.parent ?? 0),
    createdAt: toTimestamp(record.createdAt),
    updatedAt: toTimestamp(record.updatedAt),
    currentVersion: record.currentVersion,
    payload: record.version.facts === undefined ? undefined : toPayloadFactsMessage(record.version.facts),
    versionHash: record.version.hash ?? "",
    headHash: record.headHash ?? "",
  };
}

export function toVersionMessage(version: StoredVersion): SignatureVersion {
  return {
    $typeName: "ncanode.signatures.v1.SignatureVersion",
    version: version.version,
    cms: version.cms,
    versionCreatedBy: version.createdBy ?? "",
    versionCreatedAt: toTimestamp(version.createdAt),
    versionComment: version.comment ?? "",
    payload: version.facts === undefined ? undefined : toPayloadFactsMessage(version.facts),
    versionHash: version.hash ?? "",
  };
}

/** A google.protobuf.Timestamp (whole seconds, and nanos from 0 to 999,999,999, also before 1970). */
export function toTimestamp(date: Date): Timestamp {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { $typeName: "google.protobuf.Timestamp", seconds: BigInt(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}
