import {
  ChainStatus,
  KeyUsage,
  type PayloadFacts,
  PayloadFormat,
  VerificationStatus,
} from "../../gen/ts/ncanode/signatures/v1/payload_pb.js";
import type { PayloadFacts as Facts, NameFacts, SignerFacts } from "../signatures/payload-facts.js";
import { toTimestamp } from "./signature-message.js";

const formats = { cms: PayloadFormat.CMS, xml: PayloadFormat.XML, unknown: PayloadFormat.UNKNOWN } as const;
const keyUsages = { sign: KeyUsage.SIGN, auth: KeyUsage.AUTH, unknown: KeyUsage.UNSPECIFIED } as const;
const chainStatuses = {
  "not-configured": ChainStatus.NOT_CONFIGURED,
  trusted: ChainStatus.TRUSTED,
  untrusted: ChainStatus.UNTRUSTED,
  "unsupported-algorithm": ChainStatus.UNSUPPORTED_ALGORITHM,
} as const;
const statuses = {
  valid: VerificationStatus.VALID,
  invalid: VerificationStatus.INVALID,
  "unsupported-algorithm": VerificationStatus.UNSUPPORTED_ALGORITHM,
  "detached-content-missing": VerificationStatus.DETACHED_CONTENT_MISSING,
} as const;

/** A payload's facts as the protobuf message (a checked literal, as in signature-message.ts). */
export function toPayloadFactsMessage(facts: Facts): PayloadFacts {
  return {
    $typeName: "ncanode.signatures.v1.PayloadFacts",
    format: formats[facts.format],
    detached: facts.detached,
    sha256: facts.sha256,
    signers: facts.signers.map(toSignerMessage),
  };
}

function toSignerMessage(signer: SignerFacts): PayloadFacts["signers"][number] {
  return {
    $typeName: "ncanode.signatures.v1.SignerFacts",
    subject: toNameMessage(signer.subject),
    issuer: toNameMessage(signer.issuer),
    certificateSerial: signer.certificateSerial,
    notBefore: toTimestamp(signer.notBefore),
    notAfter: toTimestamp(signer.notAfter),
    keyUsage: keyUsages[signer.keyUsage],
    roles: [...signer.roles],
    extendedKeyUsages: [...signer.extendedKeyUsages],
    signingTime: signer.signingTime === undefined ? undefined : toTimestamp(signer.signingTime),
    timeStamp:
      signer.timeStamp === undefined
        ? undefined
        : { $typeName: "ncanode.signatures.v1.TimeStamp", time: toTimestamp(signer.timeStamp.time), policy: signer.timeStamp.policy },
    digestAlgorithm: {
      $typeName: "ncanode.signatures.v1.Algorithm",
      id: signer.digestAlgorithm.id,
      name: signer.digestAlgorithm.name ?? "",
    },
    signatureAlgorithm: {
      $typeName: "ncanode.signatures.v1.Algorithm",
      id: signer.signatureAlgorithm.id,
      name: signer.signatureAlgorithm.name ?? "",
    },
    verification: {
      $typeName: "ncanode.signatures.v1.Verification",
      status: statuses[signer.verification.status],
      reason: signer.verification.reason ?? "",
      certificateValidAtSigningTime: signer.verification.certificateValidAtSigningTime,
      revocationChecked: false,
      // Facts stored before chains were checked have none: not checked then.
      chain: chainStatuses[signer.verification.chain?.status ?? "not-configured"],
      chainReason: signer.verification.chain?.reason ?? "",
    },
  };
}

function toNameMessage(name: NameFacts): NonNullable<PayloadFacts["signers"][number]["subject"]> {
  return {
    $typeName: "ncanode.signatures.v1.CertificateName",
    dn: name.dn,
    commonName: name.commonName ?? "",
    surname: name.surname ?? "",
    givenName: name.givenName ?? "",
    iin: name.iin ?? "",
    bin: name.bin ?? "",
    organization: name.organization ?? "",
    email: name.email ?? "",
    country: name.country ?? "",
  };
}
