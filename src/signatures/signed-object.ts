/**
 * Checking the signature of an X.509 SIGNED{} structure, a certificate
 * (RFC 5280 §4.1) or a CRL (§5.1): SEQUENCE { to-be-signed, signature
 * AlgorithmIdentifier, BIT STRING }, signed by the issuer's key. Used where
 * OpenSSL cannot check the signature itself: Kazakhstan's GOST algorithms.
 */
import { BerError, expectTag, readChildren, readElement, readOid, Tag } from "./ber-reader.js";
import { type GostCheck, isGostSignatureAlgorithm, verifyGostSignature } from "./gost/gost.js";

/**
 * The outcome of checking `signedObject` (DER) with the key of the issuer's
 * DER SubjectPublicKeyInfo, or undefined when its algorithm is not one of the
 * GOST ones (OpenSSL's to check).
 */
export function checkSignedObject(signedObject: Uint8Array, issuerPublicKeyInfo: Uint8Array): GostCheck | undefined {
  let parts: ReturnType<typeof readChildren>;
  try {
    parts = readChildren(signedObject, expectTag(readElement(signedObject, 0), Tag.sequence, "signed object"));
  } catch (error) {
    if (error instanceof BerError) return { status: "invalid", reason: error.message };
    throw error;
  }
  const [toBeSigned, algorithm, value] = parts;
  if (toBeSigned === undefined || algorithm?.tag !== Tag.sequence || value?.tag !== Tag.bitString) {
    return { status: "invalid", reason: "not a signed X.509 structure" };
  }
  const [algorithmOid] = readChildren(signedObject, algorithm);
  const oid = algorithmOid ? readOid(signedObject, algorithmOid) : "";
  if (!isGostSignatureAlgorithm(oid)) return undefined;
  // The BIT STRING's first content octet counts unused bits, zero for a signature.
  const signature = signedObject.subarray(value.contentStart + 1, value.contentEnd);
  const signed = signedObject.subarray(toBeSigned.start, toBeSigned.end);
  return verifyGostSignature(oid, issuerPublicKeyInfo, signed, signature);
}
