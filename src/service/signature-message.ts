import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  type Signature,
  SignatureSchema,
  type SignatureVersion,
  SignatureVersionSchema,
} from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import type { SignatureRecord, SignatureVersion as StoredVersion } from "../store/signature-store.js";

export function toSignatureMessage(record: SignatureRecord): Signature {
  return create(SignatureSchema, {
    id: BigInt(record.id),
    version: record.version.version,
    document: record.document,
    thread: record.thread,
    cms: record.version.cms,
    versionCreatedBy: record.version.createdBy ?? "",
    versionCreatedAt: timestampFromDate(record.version.createdAt),
    versionComment: record.version.comment ?? "",
    tags: [...record.tags],
    stage: record.stage ?? "",
    parent: BigInt(record.parent ?? 0),
    createdAt: timestampFromDate(record.createdAt),
    updatedAt: timestampFromDate(record.updatedAt),
    currentVersion: record.currentVersion,
  });
}

export function toVersionMessage(version: StoredVersion): SignatureVersion {
  return create(SignatureVersionSchema, {
    version: version.version,
    cms: version.cms,
    versionCreatedBy: version.createdBy ?? "",
    versionCreatedAt: timestampFromDate(version.createdAt),
    versionComment: version.comment ?? "",
  });
}
