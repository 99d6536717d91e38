import type { KeyObject } from "node:crypto";
import { readElement } from "./ber-reader.js";
import { locateCertificateFields, readCertificateFacts, type SignerCertificateFacts, signerCertificateFacts } from "./certificate-facts.js";
import { publicKey } from "./signer-verification.js";

export interface InspectedCertificate {
  readonly facts: SignerCertificateFacts;
  /** The subject public key, or undefined when OpenSSL cannot load it (GOST keys). */
  readonly publicKey: KeyObject | undefined;
  /** The DER SubjectPublicKeyInfo, which the GOST checks read themselves. */
  readonly subjectPublicKeyInfo: Uint8Array;
  /** The certificate itself. */
  readonly der: Uint8Array;
}

/**
 * A certificate carried on its own (an XML signature's KeyInfo): the same
 * facts a CMS signer's certificate gives, and its public key.
 */
export function inspectCertificate(der: Uint8Array): InspectedCertificate {
  const facts = readCertificateFacts(der, locateCertificateFields(der, readElement(der, 0)));
  let key: KeyObject | undefined;
  try {
    key = publicKey(facts.subjectPublicKeyInfo);
  } catch {
    key = undefined;
  }
  return { facts: signerCertificateFacts(facts), publicKey: key, subjectPublicKeyInfo: facts.subjectPublicKeyInfo, der };
}
