import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";
import type { Signature, SignatureVersion } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";

/** "YYYY-MM-DD HH:MM:SS" in UTC, as the documented API writes times. */
function documentedTime(timestamp: Timestamp | undefined): string | null {
  if (timestamp === undefined) return null;
  return timestampDate(timestamp).toISOString().slice(0, 19).replace("T", " ");
}

const orNull = (text: string): string | null => (text === "" ? null : text);

/**
 * A record as the documented API shows it: snake_case, integer id, the
 * payload as `signature` and, as the original service also returned it, `cms`.
 */
export function documentedSignature(signature: Signature) {
  return {
    id: Number(signature.id),
    version: signature.version,
    current_version: signature.currentVersion,
    document: signature.document,
    thread: signature.thread,
    signature: signature.cms,
    cms: signature.cms,
    version_created_by: orNull(signature.versionCreatedBy),
    version_created_at: documentedTime(signature.versionCreatedAt),
    version_comment: orNull(signature.versionComment),
    tags: signature.tags,
    stage: orNull(signature.stage),
    parent: signature.parent === 0n ? null : Number(signature.parent),
    created_at: documentedTime(signature.createdAt),
    updated_at: documentedTime(signature.updatedAt),
  };
}

/** A list item: the record plus `chain`, the documented name of the thread. */
export function documentedListItem(signature: Signature) {
  return { ...documentedSignature(signature), chain: signature.thread };
}

export function documentedVersion(version: SignatureVersion, includeCms: boolean) {
  return {
    version: version.version,
    ...(includeCms ? { signature: version.cms, cms: version.cms } : {}),
    version_created_by: orNull(version.versionCreatedBy),
    version_created_at: documentedTime(version.versionCreatedAt),
    version_comment: orNull(version.versionComment),
  };
}
