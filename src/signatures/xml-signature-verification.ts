/**
 * Checking one ds:Signature with xml-crypto: the reference digests and the
 * signature value over SignedInfo, with the key of the certificate taken from
 * KeyInfo by the caller (xml-crypto's own KeyInfo handling is switched off).
 * Kazakhstan's GOST algorithms plug into xml-crypto from the gost module;
 * others it does not implement (ECDSA) are reported, never guessed at.
 */
import type { KeyObject } from "node:crypto";
import type { Element } from "@xmldom/xmldom";
import { type HashAlgorithm, type SignatureAlgorithm, SignedXml } from "xml-crypto";
import { type GostCheck, gostDigest, gostXmlAlgorithm, gostXmlUris, verifyGostSignature } from "./gost/gost.js";
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
  key: { readonly publicKey: KeyObject | undefined; readonly subjectPublicKeyInfo: Uint8Array },
): SignatureCheck {
  const verifier = new SignedXml({ getCertFromKeyInfo: () => null });
  const gost = registerGost(verifier);
  if (!(algorithms.signature in verifier.SignatureAlgorithms)) {
    return { status: "unsupported-algorithm", reason: `signature algorithm ${algorithms.signature}` };
  }
  for (const uri of algorithms.others) {
    if (!(uri in verifier.HashAlgorithms) && !(uri in verifier.CanonicalizationAlgorithms)) {
      return { status: "unsupported-algorithm", reason: `algorithm ${uri}` };
    }
  }
  // A GOST signature gets the certificate's DER SubjectPublicKeyInfo: xml-crypto hands it over untouched.
  const publicCert = gostXmlAlgorithm(algorithms.signature) !== undefined ? Buffer.from(key.subjectPublicKeyInfo) : key.publicKey;
  if (!publicCert) return { status: "unsupported-algorithm", reason: "the certificate's public key algorithm" };
  verifier.publicCert = publicCert;
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
      if (gost.outcome !== undefined && gost.outcome.status !== "valid") return gost.outcome;
      return { status: "invalid", reason: "the signature value does not match SignedInfo" };
    }
    return { status: "invalid", reason: message };
  }
}

/**
 * Adds the GOST digests and signatures to one verifier. The signature's
 * outcome is kept, so an unknown curve reads as unsupported rather than as
 * the bare "does not match" xml-crypto reports.
 */
function registerGost(verifier: SignedXml): { outcome: GostCheck | undefined } {
  const state: { outcome: GostCheck | undefined } = { outcome: undefined };
  for (const uri of gostXmlUris("digest")) {
    const oid = gostXmlAlgorithm(uri) as string;
    verifier.HashAlgorithms[uri] = class implements HashAlgorithm {
      getAlgorithmName = () => uri;
      getHash = (xml: string) => Buffer.from(gostDigest(oid, Buffer.from(xml, "utf8")) as Uint8Array).toString("base64");
    };
  }
  for (const uri of gostXmlUris("signature")) {
    const oid = gostXmlAlgorithm(uri) as string;
    verifier.SignatureAlgorithms[uri] = class implements SignatureAlgorithm {
      getAlgorithmName = () => uri;
      getSignature = (): never => {
        throw new Error("GOST signing is not supported: the store only verifies");
      };
      verifySignature = (material: string, key: unknown, signatureValue: string) => {
        state.outcome = verifyGostSignature(oid, key as Buffer, Buffer.from(material, "utf8"), Buffer.from(signatureValue, "base64"));
        return state.outcome.status === "valid";
      };
    };
  }
  return state;
}
