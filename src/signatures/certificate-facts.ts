/**
 * What a signer's certificate says about the signer: Node's X509Certificate
 * for serial, validity and Extended Key Usage, and a small DER walk for what
 * Node does not expose (subject/issuer attributes by OID, KeyUsage bits).
 */
import { type KeyObject, X509Certificate } from "node:crypto";
import { DER_TAG, type DerElement, readChildren, readElement, readOid } from "./der-reader.js";
import { readNameFacts } from "./name-facts.js";
import type { SignerFacts } from "./payload-facts.js";

export type CertificateFacts = Pick<
  SignerFacts,
  "subject" | "issuer" | "certificateSerial" | "notBefore" | "notAfter" | "keyUsage" | "roles" | "extendedKeyUsages"
>;

export interface InspectedCertificate {
  readonly facts: CertificateFacts;
  /** The subject public key, or undefined when OpenSSL cannot load it (GOST keys). */
  readonly publicKey: KeyObject | undefined;
}

/** NCA RK Extended Key Usage OIDs and the role each names (the names NCANode uses, lower-cased). */
const NCA_ROLES: Readonly<Record<string, string>> = {
  "1.2.398.3.3.4.1.1": "individual",
  "1.2.398.3.3.4.1.2": "legal_entity",
  "1.2.398.3.3.4.1.2.1": "ceo",
  "1.2.398.3.3.4.1.2.2": "can_sign",
  "1.2.398.3.3.4.1.2.3": "can_sign_financial",
  "1.2.398.3.3.4.1.2.4": "hr",
  "1.2.398.3.3.4.1.2.5": "employee",
  "1.2.398.3.3.4.2": "nca_privileges",
  "1.2.398.3.3.4.2.1": "nca_admin",
  "1.2.398.3.3.4.2.2": "nca_manager",
  "1.2.398.3.3.4.2.3": "nca_operator",
  "1.2.398.3.3.4.3": "identification",
  "1.2.398.3.3.4.3.1": "identification_service_centre",
  "1.2.398.3.3.4.3.2": "identification_remote",
  "1.2.398.3.3.4.3.2.1": "identification_remote_digital_id",
};

const KEY_USAGE_OID = "2.5.29.15";

/** Facts of a DER certificate; throws when it is not one. */
export function inspectCertificate(der: Buffer): InspectedCertificate {
  const certificate = new X509Certificate(der);
  const tbs = readElement(der, readElement(der, 0).contentStart);
  const fields = readChildren(der, tbs);
  // Skip the optional explicit version: then serial, signature, issuer, validity, subject.
  const at = fields[0]?.tag === 0xa0 ? 1 : 0;
  const issuer = fields[at + 2];
  const subject = fields[at + 4];
  if (issuer?.tag !== DER_TAG.SEQUENCE || subject?.tag !== DER_TAG.SEQUENCE) {
    throw new Error("certificate has no issuer or subject name");
  }
  const extendedKeyUsages = certificate.keyUsage ?? [];
  const roles = extendedKeyUsages.flatMap((oid) => NCA_ROLES[oid] ?? []);
  return {
    facts: {
      subject: readNameFacts(der, subject),
      issuer: readNameFacts(der, issuer),
      certificateSerial: certificate.serialNumber.toLowerCase().replace(/^0+(?=.)/, ""),
      notBefore: new Date(certificate.validFrom),
      notAfter: new Date(certificate.validTo),
      keyUsage: readKeyUsage(
        der,
        fields.find((field) => field.tag === 0xa3),
      ),
      roles,
      extendedKeyUsages,
    },
    publicKey: loadPublicKey(certificate),
  };
}

function loadPublicKey(certificate: X509Certificate): KeyObject | undefined {
  try {
    return certificate.publicKey;
  } catch {
    return undefined;
  }
}

/** digitalSignature+nonRepudiation → sign, digitalSignature+keyEncipherment → auth (checked in that order, as NCANode does). */
function readKeyUsage(der: Buffer, extensions: DerElement | undefined): CertificateFacts["keyUsage"] {
  if (!extensions) return "unknown";
  const list = readElement(der, extensions.contentStart, extensions.end);
  for (const extension of readChildren(der, list)) {
    const parts = readChildren(der, extension);
    const [id] = parts;
    const value = parts[parts.length - 1];
    if (!id || !value || readOid(der, id) !== KEY_USAGE_OID || value.tag !== DER_TAG.OCTET_STRING) continue;
    const bits = readElement(der, value.contentStart, value.end);
    // BIT STRING: one byte of unused-bit count, then bit 0 (digitalSignature) as the first byte's top bit.
    const first = bits.end - bits.contentStart > 1 ? (der[bits.contentStart + 1] as number) : 0;
    const digitalSignature = (first & 0x80) !== 0;
    if (digitalSignature && (first & 0x40) !== 0) return "sign";
    if (digitalSignature && (first & 0x20) !== 0) return "auth";
    return "unknown";
  }
  return "unknown";
}
