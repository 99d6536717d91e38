import { BerError, type Element, expectTag, readChildren, readElement, readIntegerHex, readOid, readTime, Tag } from "./ber-reader.js";
import { readNameFacts } from "./name-facts.js";
import { ncaPolicyKeyUsage, ncaRole, Oid } from "./object-identifiers.js";
import type { NameFacts, SignerFacts } from "./payload-facts.js";

/** The fields of an X.509 TBSCertificate, located but not decoded. */
export interface CertificateFields {
  readonly serial: Element;
  readonly issuer: Element;
  readonly validity: Element;
  readonly subject: Element;
  readonly subjectPublicKeyInfo: Element;
  readonly extensions: readonly Element[];
}

export interface CertificateFacts {
  readonly subject: NameFacts;
  readonly issuer: NameFacts;
  readonly serial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly keyUsage: "sign" | "auth" | "unknown";
  readonly roles: readonly string[];
  readonly extendedKeyUsages: readonly string[];
  /** The DER SubjectPublicKeyInfo, for Node's createPublicKey. */
  readonly subjectPublicKeyInfo: Uint8Array;
}

/** Locates the TBSCertificate fields of a Certificate (RFC 5280 §4.1). */
export function locateCertificateFields(bytes: Uint8Array, certificate: Element): CertificateFields {
  const [tbs] = readChildren(bytes, expectTag(certificate, Tag.sequence, "certificate"));
  const fields = readChildren(bytes, expectTag(tbs, Tag.sequence, "TBSCertificate"));
  let index = fields[0]?.tag === Tag.context0 ? 1 : 0; // [0] EXPLICIT version, absent for v1
  const serial = expectTag(fields[index++], Tag.integer, "certificate serial number");
  index++; // signature AlgorithmIdentifier, repeated outside the TBSCertificate
  const issuer = expectTag(fields[index++], Tag.sequence, "certificate issuer");
  const validity = expectTag(fields[index++], Tag.sequence, "certificate validity");
  const subject = expectTag(fields[index++], Tag.sequence, "certificate subject");
  const subjectPublicKeyInfo = expectTag(fields[index++], Tag.sequence, "subjectPublicKeyInfo");
  const wrapper = fields.slice(index).find((field) => field.tag === Tag.context3);
  const extensions = wrapper ? readChildren(bytes, expectTag(readChildren(bytes, wrapper)[0], Tag.sequence, "extensions")) : [];
  return { serial, issuer, validity, subject, subjectPublicKeyInfo, extensions };
}

/** The DER SubjectPublicKeyInfo of a DER certificate. */
export function subjectPublicKeyInfoOf(certificate: Uint8Array): Uint8Array {
  const { subjectPublicKeyInfo } = locateCertificateFields(certificate, readElement(certificate, 0));
  return certificate.subarray(subjectPublicKeyInfo.start, subjectPublicKeyInfo.end);
}

/** The contents of the extension with this OID (the inside of extnValue), if present. */
function findExtension(bytes: Uint8Array, fields: CertificateFields, oid: string): Element | undefined {
  for (const extension of fields.extensions) {
    const parts = readChildren(bytes, extension);
    if (parts[0] && readOid(bytes, parts[0]) === oid) {
      const value = expectTag(parts[parts.length - 1], Tag.octetString, "extnValue");
      return readElement(bytes, value.contentStart, value.contentEnd);
    }
  }
  return undefined;
}

/** The SubjectKeyIdentifier extension's key identifier, if the certificate has one. */
export function subjectKeyIdentifier(bytes: Uint8Array, fields: CertificateFields): Uint8Array | undefined {
  const value = findExtension(bytes, fields, Oid.subjectKeyIdentifier);
  return value && bytes.subarray(expectTag(value, Tag.octetString, "key identifier").contentStart, value.contentEnd);
}

export function readCertificateFacts(bytes: Uint8Array, fields: CertificateFields): CertificateFacts {
  const [notBefore, notAfter] = readChildren(bytes, fields.validity);
  if (notBefore === undefined || notAfter === undefined) throw new BerError("certificate validity incomplete");
  const extendedKeyUsages = readExtendedKeyUsages(bytes, fields);
  const roles = [...new Set(extendedKeyUsages.map(ncaRole).filter((role) => role !== undefined))];
  return {
    subject: readNameFacts(bytes, fields.subject),
    issuer: readNameFacts(bytes, fields.issuer),
    serial: readIntegerHex(bytes, fields.serial),
    notBefore: readTime(bytes, notBefore),
    notAfter: readTime(bytes, notAfter),
    keyUsage: readKeyUsage(bytes, fields),
    roles,
    extendedKeyUsages,
    subjectPublicKeyInfo: bytes.subarray(fields.subjectPublicKeyInfo.start, fields.subjectPublicKeyInfo.end),
  };
}

function readExtendedKeyUsages(bytes: Uint8Array, fields: CertificateFields): string[] {
  const value = findExtension(bytes, fields, Oid.extendedKeyUsage);
  return value ? readChildren(bytes, expectTag(value, Tag.sequence, "ExtKeyUsageSyntax")).map((oid) => readOid(bytes, oid)) : [];
}

const digitalSignature = 0x80;
const nonRepudiation = 0x40;
const keyEncipherment = 0x20;

/**
 * NCA's rule (NCA-SIGNATURES.md): digitalSignature+nonRepudiation → sign,
 * digitalSignature+keyEncipherment → auth; older certificates that say
 * neither state it in a certificate policy instead.
 */
function readKeyUsage(bytes: Uint8Array, fields: CertificateFields): "sign" | "auth" | "unknown" {
  const value = findExtension(bytes, fields, Oid.keyUsage);
  if (value) {
    expectTag(value, Tag.bitString, "KeyUsage");
    // The first contents octet counts the unused bits; the second holds bits 0–7.
    const bits = value.contentEnd - value.contentStart > 1 ? (bytes[value.contentStart + 1] as number) : 0;
    if (bits & digitalSignature && bits & nonRepudiation) return "sign";
    if (bits & digitalSignature && bits & keyEncipherment) return "auth";
  }
  const policies = findExtension(bytes, fields, Oid.certificatePolicies);
  for (const policy of policies ? readChildren(bytes, expectTag(policies, Tag.sequence, "certificatePolicies")) : []) {
    const [id] = readChildren(bytes, policy);
    const usage = id && ncaPolicyKeyUsage.get(readOid(bytes, id));
    if (usage) return usage;
  }
  return "unknown";
}

/** The certificate's part of a signer's facts. */
export type SignerCertificateFacts = Pick<
  SignerFacts,
  "subject" | "issuer" | "certificateSerial" | "notBefore" | "notAfter" | "keyUsage" | "roles" | "extendedKeyUsages"
>;

export function signerCertificateFacts(facts: CertificateFacts): SignerCertificateFacts {
  return {
    subject: facts.subject,
    issuer: facts.issuer,
    certificateSerial: facts.serial,
    notBefore: facts.notBefore,
    notAfter: facts.notAfter,
    keyUsage: facts.keyUsage,
    roles: facts.roles,
    extendedKeyUsages: facts.extendedKeyUsages,
  };
}
