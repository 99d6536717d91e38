/**
 * Checking one ds:Signature with xml-crypto: the reference digests and the
 * signature value over SignedInfo, with the key of the certificate taken from
 * KeyInfo by the caller (xml-crypto's own KeyInfo handling is switched off).
 * Algorithms xml-crypto does not implement (GOST, ECDSA) are reported, never
 * guessed at.
 */
import type { KeyObject } from "node:crypto";
import type { Element } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import type { VerificationFacts } from "./payload-facts.js";

export type SignatureCheck = Pick<VerificationFacts, "status" | "reason">;

export interface SignatureAlgorithms {
  readonly signature: string;
  /** Every DigestMethod, Transform and CanonicalizationMethod URI of the signature. */
  readonly others: readonly string[];
}

/**
 * Checks `signature`, an element of the parsed document whose serialised text is `documentText`.
 * The caller removes later (stacked) signatures from the document first.
 */
export function checkXmlSignature(
  documentText: string,
  signature: Element,
  algorithms: SignatureAlgorithms,
  publicKey: KeyObject | undefined,
): SignatureCheck {
  const verifier = new SignedXml({ getCertFromKeyInfo: () => null });
  if (!(algorithms.signature in verifier.SignatureAlgorithms)) {
    return { status: "unsupported-algorithm", reason: `signature algorithm ${algorithms.signature}` };
  }
  for (const uri of algorithms.others) {
    if (!(uri in verifier.HashAlgorithms) && !(uri in verifier.CanonicalizationAlgorithms)) {
      return { status: "unsupported-algorithm", reason: `algorithm ${uri}` };
    }
  }
  if (!publicKey) return { status: "unsupported-algorithm", reason: "the certificate's public key algorithm" };
  verifier.publicCert = publicKey;
  try {
    // xml-crypto walks the element with the DOM API only; its typings name the DOM lib's Node.
    verifier.loadSignature(signature as unknown as Parameters<SignedXml["loadSignature"]>[0]);
    if (verifier.checkSignature(documentText)) return { status: "valid", reason: undefined };
    const failed = verifier.getReferences().find((reference) => reference.validationError);
    const why = failed?.validationError?.message ?? "a reference does not check out";
    return {
      status: "invalid",
      reason: why.includes("calculated digest") ? `the digest of reference "${failed?.uri ?? ""}" does not match` : why,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith("invalid signature: the signature value")) {
      return { status: "invalid", reason: "the signature value does not match SignedInfo" };
    }
    return { status: "invalid", reason: message };
  }
}
