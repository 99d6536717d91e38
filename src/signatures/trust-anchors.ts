import { X509Certificate } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { readElement } from "./ber-reader.js";
import { locateCertificateFields, subjectPublicKeyInfoOf } from "./certificate-facts.js";
import type { ChainFacts } from "./payload-facts.js";
import { checkSignedObject } from "./signed-object.js";

/** The CA certificates a signer's certificate must lead to (TRUST_ANCHORS_DIR), e.g. NCA's roots. */
export interface TrustAnchors {
  readonly certificates: readonly X509Certificate[];
}

/** The longest chain from a signer's certificate to an anchor that is followed. */
const maxChainLength = 8;

/**
 * Every certificate in the files of a directory (PEM, several per file allowed,
 * or one DER certificate per file). Throws naming the file that holds none.
 */
export function loadTrustAnchors(directory: string): TrustAnchors {
  const certificates: X509Certificate[] = [];
  for (const name of readdirSync(directory).sort()) {
    const file = path.join(directory, name);
    const bytes = readFileSync(file);
    const text = bytes.toString("latin1");
    const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
    try {
      if (pems !== null) certificates.push(...pems.map((pem) => new X509Certificate(pem)));
      else certificates.push(new X509Certificate(bytes));
    } catch (error) {
      throw new Error(`${file} holds no readable certificate (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return { certificates };
}

/**
 * Whether the signer's certificate leads to a trust anchor: each certificate of
 * the path issued (names and key identifiers, then the signature) by the next,
 * through the intermediates the payload carries. Revocation is not checked.
 */
export function checkChain(signer: Uint8Array, intermediates: readonly Uint8Array[], anchors: TrustAnchors | undefined): ChainFacts {
  if (anchors === undefined || anchors.certificates.length === 0) return { status: "not-configured", reason: undefined };
  let current: X509Certificate;
  try {
    current = new X509Certificate(signer);
  } catch (error) {
    return { status: "untrusted", reason: `the signer's certificate cannot be read (${String(error)})` };
  }
  const pool = intermediates.flatMap((der) => {
    try {
      return [new X509Certificate(der)];
    } catch {
      return [];
    }
  });
  for (let length = 1; length <= maxChainLength; length++) {
    for (const anchor of anchors.certificates) {
      const issued = issuedBy(current, anchor);
      if (issued === "yes") return { status: "trusted", reason: undefined };
      if (issued === "unsupported")
        return { status: "unsupported-algorithm", reason: `the signature of ${current.subject} by ${anchor.subject}` };
    }
    const next = pool.find((candidate) => candidate.fingerprint256 !== current.fingerprint256 && issuedBy(current, candidate) === "yes");
    if (next === undefined) return { status: "untrusted", reason: `no trust anchor issued ${current.issuer.replaceAll("\n", ", ")}` };
    current = next;
  }
  return { status: "untrusted", reason: `no trust anchor within ${maxChainLength} certificates` };
}

function issuedBy(certificate: X509Certificate, issuer: X509Certificate): "yes" | "no" | "unsupported" {
  if (certificate.checkIssued(issuer)) {
    try {
      return certificate.verify(issuer.publicKey) ? "yes" : "no";
    } catch {
      return checkedHere(certificate, issuer) ?? "unsupported";
    }
  }
  // OpenSSL matches no issuer whose key it cannot read (GOST): such a pair is matched by name here.
  const certificateFields = locateCertificateFields(certificate.raw, readElement(certificate.raw, 0));
  const issuerFields = locateCertificateFields(issuer.raw, readElement(issuer.raw, 0));
  const issuerName = certificate.raw.subarray(certificateFields.issuer.start, certificateFields.issuer.end);
  const subjectName = issuer.raw.subarray(issuerFields.subject.start, issuerFields.subject.end);
  return Buffer.from(issuerName).equals(subjectName) ? (checkedHere(certificate, issuer) ?? "no") : "no";
}

/** The signature check of the algorithms OpenSSL lacks (Kazakhstan's GOST), or undefined for any other algorithm. */
function checkedHere(certificate: X509Certificate, issuer: X509Certificate): "yes" | "no" | "unsupported" | undefined {
  const outcome = checkSignedObject(certificate.raw, subjectPublicKeyInfoOf(issuer.raw));
  if (outcome === undefined) return undefined;
  return outcome.status === "valid" ? "yes" : outcome.status === "invalid" ? "no" : "unsupported";
}
