import { createHash } from "node:crypto";

/**
 * What the store knows about a signed payload (issue 15): its kind, its
 * SHA-256, and for every signer the certificate facts and the verification
 * outcome. Produced by inspecting a CMS SignedData (cms-inspection.ts) or an
 * XML document with ds:Signature elements (xml-inspection.ts); transport-free.
 */

/** "unknown": a payload stored, unrecognised, while the service accepts such payloads (no signers). */
export type PayloadFormat = "cms" | "xml" | "unknown";

/** An algorithm by OID (CMS) or URI (XMLDSig), with a readable name when known ("sha256WithRSAEncryption", "GOST 34.310-2004"). */
export interface AlgorithmFacts {
  readonly id: string;
  readonly name: string | undefined;
}

/** A certificate's subject or issuer, read attribute by attribute (never by parsing a DN string). */
export interface NameFacts {
  /** The RFC 4514 string of the whole name, for display. */
  readonly dn: string;
  readonly commonName: string | undefined;
  readonly surname: string | undefined;
  /** GIVENNAME (2.5.4.42): the patronymic in NCA certificates. */
  readonly givenName: string | undefined;
  /** 12 digits, from a SERIALNUMBER "IIN…" value. */
  readonly iin: string | undefined;
  /** 12 digits, from an OU or SERIALNUMBER "BIN…" value. */
  readonly bin: string | undefined;
  readonly organization: string | undefined;
  readonly email: string | undefined;
  readonly country: string | undefined;
}

/**
 * valid: the signature value and (CMS) the message digest check out.
 * invalid: they do not (see reason).
 * unsupported-algorithm: not checked, the algorithm (GOST until implemented) is unknown here; never reported valid.
 * detached-content-missing: a detached CMS whose content the store does not have.
 */
export type VerificationStatus = "valid" | "invalid" | "unsupported-algorithm" | "detached-content-missing";

/**
 * trusted: the certificate leads to a configured trust anchor (TRUST_ANCHORS_DIR).
 * untrusted: it does not (see reason). unsupported-algorithm: a certificate
 * signature on the path could not be checked (GOST). not-configured: no trust
 * anchors are configured.
 */
export interface ChainFacts {
  readonly status: "trusted" | "untrusted" | "unsupported-algorithm" | "not-configured";
  readonly reason: string | undefined;
}

export interface VerificationFacts {
  readonly status: VerificationStatus;
  /** Why it is invalid, or which algorithm is unsupported. */
  readonly reason: string | undefined;
  /**
   * Whether the signing time lies within the certificate's validity; without a
   * signing time, the time-stamp token's time, and without either, the time of inspection.
   */
  readonly certificateValidAtSigningTime: boolean;
  /** Revocation is never checked here (no network); said so explicitly. */
  readonly revocationChecked: false;
  /** Whether the signer's certificate leads to a configured trust anchor. */
  readonly chain: ChainFacts;
}

export interface TimeStampFacts {
  /** TSTInfo genTime. */
  readonly time: Date;
  /** TSTInfo policy OID. */
  readonly policy: string;
}

export interface SignerFacts {
  readonly subject: NameFacts;
  readonly issuer: NameFacts;
  /** Certificate serial number, lower-case hex without leading zeros. */
  readonly certificateSerial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** From KeyUsage: digitalSignature+nonRepudiation → sign, digitalSignature+keyEncipherment → auth. */
  readonly keyUsage: "sign" | "auth" | "unknown";
  /** The NCA roles of the Extended Key Usage OIDs ("individual", "legal_entity", "ceo", …), in certificate order. */
  readonly roles: readonly string[];
  /** Every Extended Key Usage OID, known or not. */
  readonly extendedKeyUsages: readonly string[];
  /** The signingTime signed attribute (CMS) or SigningTime property (XAdES), when present. */
  readonly signingTime: Date | undefined;
  /** The signature time-stamp token's time and policy, when present. */
  readonly timeStamp: TimeStampFacts | undefined;
  readonly digestAlgorithm: AlgorithmFacts;
  readonly signatureAlgorithm: AlgorithmFacts;
  readonly verification: VerificationFacts;
}

export interface PayloadFacts {
  readonly format: PayloadFormat;
  /** CMS only: the signed content is not inside the payload. */
  readonly detached: boolean;
  /** SHA-256 of the payload as stored (the UTF-8 bytes of the string), lower-case hex. */
  readonly sha256: string;
  /** Every signer, in payload order (CMS SignerInfos; XML signatures in document order). */
  readonly signers: readonly SignerFacts[];
}

/** Why a payload is not a signature the store recognises: the reason picks the localised message. */
export type PayloadProblem =
  | "not-a-signature" // neither base64/PEM CMS nor XML
  | "malformed-cms" // not BER/DER, truncated, or not a SignedData
  | "no-signer" // a SignedData with no SignerInfo
  | "signer-certificate-missing" // a SignerInfo whose certificate is not in the SignedData
  | "malformed-xml" // not well-formed XML
  | "xml-without-signature" // XML with no ds:Signature
  | "too-many-signers"; // more signers than maxSigners

/**
 * The most signers one payload may have. Every signer is verified on Save,
 * and a GOST one costs milliseconds of CPU: the cap bounds what one request
 * can ask of the server (50 GOST R 34.10-2015 signers ≈ 0.3 s).
 */
export const maxSigners = 50;

export class PayloadError extends Error {
  override name = "PayloadError";
  constructor(
    readonly problem: PayloadProblem,
    detail: string,
  ) {
    super(detail);
  }
}

/** The payload's SHA-256 as PayloadFacts holds it: of its UTF-8 bytes, as stored, in lower-case hex. */
export function payloadSha256(payload: string): string {
  return createHash("sha256").update(payload, "utf8").digest("hex");
}

/**
 * Facts from their JSON text (a sealed version's, docs/database.md), which
 * holds dates as ISO strings: the members typed Date above are made Dates
 * again (an absent or null one stays as it is).
 */
export function payloadFactsFromJson(text: string): PayloadFacts {
  const facts = JSON.parse(text) as PayloadFacts;
  const date = (value: unknown) => (typeof value === "string" ? new Date(value) : value);
  for (const signer of facts.signers) {
    const dated = signer as Record<keyof SignerFacts, unknown>;
    dated.notBefore = date(signer.notBefore);
    dated.notAfter = date(signer.notAfter);
    if ("signingTime" in signer) dated.signingTime = date(signer.signingTime);
    const timeStamp = signer.timeStamp as Record<keyof TimeStampFacts, unknown> | null | undefined;
    if (timeStamp != null) timeStamp.time = date(timeStamp.time);
  }
  return facts;
}
