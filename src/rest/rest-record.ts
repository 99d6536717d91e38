import type { Timestamp } from "@bufbuild/protobuf/wkt";
import {
  type CertificateName,
  ChainStatus,
  KeyUsage,
  type PayloadFacts,
  PayloadFormat,
  VerificationStatus,
} from "../../gen/ts/ncanode/signatures/v1/payload_pb.js";
import type { Receipt, Signature, SignatureVersion } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";

/**
 * The last second formatted: a record's times are mostly one and the same
 * second (created, updated, its version's), and a page of records made
 * together shares them too.
 */
let lastSeconds: bigint | undefined;
let lastText = "";

/** "YYYY-MM-DD HH:MM:SS" in UTC, as the documented API writes times (whole seconds: nanos never round up). */
function documentedTime(timestamp: Timestamp | undefined): string | null {
  if (timestamp === undefined) return null;
  if (timestamp.seconds !== lastSeconds) {
    lastSeconds = timestamp.seconds;
    lastText = new Date(Number(timestamp.seconds) * 1000).toISOString().slice(0, 19).replace("T", " ");
  }
  return lastText;
}

export const orNull = (text: string): string | null => (text === "" ? null : text);

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
    payload: signature.payload === undefined ? null : documentedPayload(signature.payload),
    version_hash: orNull(signature.versionHash),
    head_hash: orNull(signature.headHash),
  };
}

/** Save's receipt: the statement, its path to the signed root and the signature, bytes in base64 (docs/integrity.md). */
export function documentedReceipt(receipt: Receipt) {
  return {
    statement: Buffer.from(receipt.statement).toString("base64"),
    proof: receipt.proof.map((step) => ({ sibling: Buffer.from(step.sibling).toString("base64"), sibling_left: step.siblingLeft })),
    signature: Buffer.from(receipt.signature).toString("base64"),
    key_id: receipt.keyId,
  };
}

/** A list item: the record plus `chain`, the documented name of the thread. */
export function documentedListItem(signature: Signature) {
  // Added in place rather than spread into a copy: a page holds up to 1000 of them.
  const item: ReturnType<typeof documentedSignature> & { chain?: string } = documentedSignature(signature);
  item.chain = signature.thread;
  return item;
}

export function documentedVersion(version: SignatureVersion, includeCms: boolean) {
  return {
    version: version.version,
    ...(includeCms ? { signature: version.cms, cms: version.cms } : {}),
    version_created_by: orNull(version.versionCreatedBy),
    version_created_at: documentedTime(version.versionCreatedAt),
    version_comment: orNull(version.versionComment),
    payload: version.payload === undefined ? null : documentedPayload(version.payload),
    version_hash: orNull(version.versionHash),
  };
}

const formatNames: Partial<Record<PayloadFormat, string>> = {
  [PayloadFormat.CMS]: "cms",
  [PayloadFormat.XML]: "xml",
  [PayloadFormat.UNKNOWN]: "unknown",
};
const keyUsageNames: Partial<Record<KeyUsage, string>> = { [KeyUsage.SIGN]: "sign", [KeyUsage.AUTH]: "auth" };
const chainNames: Partial<Record<ChainStatus, string>> = {
  [ChainStatus.NOT_CONFIGURED]: "not_configured",
  [ChainStatus.TRUSTED]: "trusted",
  [ChainStatus.UNTRUSTED]: "untrusted",
  [ChainStatus.UNSUPPORTED_ALGORITHM]: "unsupported_algorithm",
};
const statusNames: Partial<Record<VerificationStatus, string>> = {
  [VerificationStatus.VALID]: "valid",
  [VerificationStatus.INVALID]: "invalid",
  [VerificationStatus.UNSUPPORTED_ALGORITHM]: "unsupported_algorithm",
  [VerificationStatus.DETACHED_CONTENT_MISSING]: "detached_content_missing",
};

/** A payload's facts as the documented API shows them: snake_case, enums as lower-case words, times as the API writes them. */
export function documentedPayload(payload: PayloadFacts) {
  return {
    format: formatNames[payload.format] ?? null,
    detached: payload.detached,
    sha256: payload.sha256,
    signers: payload.signers.map((signer) => ({
      subject: documentedName(signer.subject),
      issuer: documentedName(signer.issuer),
      certificate_serial: signer.certificateSerial,
      not_before: documentedTime(signer.notBefore),
      not_after: documentedTime(signer.notAfter),
      key_usage: keyUsageNames[signer.keyUsage] ?? null,
      roles: signer.roles,
      extended_key_usages: signer.extendedKeyUsages,
      signing_time: documentedTime(signer.signingTime),
      time_stamp: signer.timeStamp === undefined ? null : { time: documentedTime(signer.timeStamp.time), policy: signer.timeStamp.policy },
      digest_algorithm: { id: signer.digestAlgorithm?.id ?? "", name: orNull(signer.digestAlgorithm?.name ?? "") },
      signature_algorithm: { id: signer.signatureAlgorithm?.id ?? "", name: orNull(signer.signatureAlgorithm?.name ?? "") },
      verification: {
        status: statusNames[signer.verification?.status ?? VerificationStatus.UNSPECIFIED] ?? null,
        reason: orNull(signer.verification?.reason ?? ""),
        certificate_valid_at_signing_time: signer.verification?.certificateValidAtSigningTime ?? false,
        revocation_checked: false,
        chain: chainNames[signer.verification?.chain ?? ChainStatus.UNSPECIFIED] ?? null,
        chain_reason: orNull(signer.verification?.chainReason ?? ""),
      },
    })),
  };
}

function documentedName(name: CertificateName | undefined) {
  return {
    dn: name?.dn ?? "",
    common_name: orNull(name?.commonName ?? ""),
    surname: orNull(name?.surname ?? ""),
    given_name: orNull(name?.givenName ?? ""),
    iin: orNull(name?.iin ?? ""),
    bin: orNull(name?.bin ?? ""),
    organization: orNull(name?.organization ?? ""),
    email: orNull(name?.email ?? ""),
    country: orNull(name?.country ?? ""),
  };
}
