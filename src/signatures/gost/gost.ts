/**
 * The GOST verification module's boundary: the rest of the inspection asks it
 * for a digest by algorithm OID and for a signature check by signature
 * algorithm OID, key and signed bytes, and never sees curves or hash
 * internals. Covered: NCA RK's GOST 34.310-2004 (GOST 34.311-95 hash) and
 * GOST R 34.10-2015 with 512- and 256-bit keys (Streebog), by Kazakhstan's
 * OIDs and XMLDSig URIs (NCA-SIGNATURES.md).
 */
import { BerError } from "../ber-reader.js";
import { littleEndianNumber, readGostPublicKey } from "./gost-public-key.js";
import { verifyGostR3410 } from "./gost-r-34-10.js";
import { GostR341194Hash } from "./gost-r-34-11-94.js";
import { Streebog } from "./streebog.js";

interface Hash {
  update(data: Uint8Array): Hash;
  digest(): Uint8Array;
}

const digests: ReadonlyMap<string, () => Hash> = new Map<string, () => Hash>([
  ["1.2.398.3.10.1.3.1", () => new GostR341194Hash()],
  ["1.2.398.3.10.1.3.2", () => new Streebog(256)],
  ["1.2.398.3.10.1.3.3", () => new Streebog(512)],
]);

/** Each signature algorithm's digest; a key algorithm named in its place stands for the same pair. */
const signatureDigests: ReadonlyMap<string, string> = new Map([
  ["1.2.398.3.10.1.1.1.2", "1.2.398.3.10.1.3.1"],
  ["1.2.398.3.10.1.1.1.1", "1.2.398.3.10.1.3.1"],
  ["1.2.398.3.10.1.1.2.3.1", "1.2.398.3.10.1.3.2"],
  ["1.2.398.3.10.1.1.2.1", "1.2.398.3.10.1.3.2"],
  ["1.2.398.3.10.1.1.2.3.2", "1.2.398.3.10.1.3.3"],
  ["1.2.398.3.10.1.1.2.2", "1.2.398.3.10.1.3.3"],
]);

/** The key algorithm a signature algorithm needs. */
const signatureKeys: ReadonlyMap<string, string> = new Map([
  ["1.2.398.3.10.1.1.1.2", "1.2.398.3.10.1.1.1.1"],
  ["1.2.398.3.10.1.1.1.1", "1.2.398.3.10.1.1.1.1"],
  ["1.2.398.3.10.1.1.2.3.1", "1.2.398.3.10.1.1.2.1"],
  ["1.2.398.3.10.1.1.2.1", "1.2.398.3.10.1.1.2.1"],
  ["1.2.398.3.10.1.1.2.3.2", "1.2.398.3.10.1.1.2.2"],
  ["1.2.398.3.10.1.1.2.2", "1.2.398.3.10.1.1.2.2"],
]);

/** XMLDSig URIs of Kalkan / NCALayer and the OIDs they stand for. */
const xmlAlgorithms: ReadonlyMap<string, string> = new Map([
  ["http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311", "1.2.398.3.10.1.1.1.2"],
  ["http://www.w3.org/2001/04/xmldsig-more#gost34311", "1.2.398.3.10.1.3.1"],
  ["urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512", "1.2.398.3.10.1.1.2.3.2"],
  ["urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512", "1.2.398.3.10.1.3.3"],
  ["urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-256", "1.2.398.3.10.1.1.2.3.1"],
  ["urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-256", "1.2.398.3.10.1.3.2"],
]);

export type GostCheck =
  | { readonly status: "valid" }
  | { readonly status: "invalid"; readonly reason: string }
  | { readonly status: "unsupported-algorithm"; readonly reason: string };

/** The GOST digest of `data` for a digest algorithm OID, or undefined when the OID is not a GOST digest. */
export function gostDigest(digestOid: string, data: Uint8Array): Uint8Array | undefined {
  return digests.get(digestOid)?.().update(data).digest();
}

/** Whether the OID names a GOST digest this module computes. */
export function isGostDigest(oid: string): boolean {
  return digests.has(oid);
}

/** Whether the OID names a GOST signature (or key) algorithm this module checks. */
export function isGostSignatureAlgorithm(oid: string): boolean {
  return signatureDigests.has(oid);
}

/** The OID behind a GOST XMLDSig algorithm URI. */
export function gostXmlAlgorithm(uri: string): string | undefined {
  return xmlAlgorithms.get(uri);
}

/** The XMLDSig URIs of the GOST digests and signatures, for registering with an XML verifier. */
export function gostXmlUris(kind: "digest" | "signature"): string[] {
  return [...xmlAlgorithms].filter(([, oid]) => digests.has(oid) === (kind === "digest")).map(([uri]) => uri);
}

/**
 * Checks a GOST signature over `signed` with the key of a DER
 * SubjectPublicKeyInfo. `signature` is NCA RK's encoding (RFC 4491 §2.2.2
 * s‖r big-endian, stored reversed as a whole): r then s, each little-endian;
 * the digest is read as a little-endian number.
 */
export function verifyGostSignature(
  signatureAlgorithm: string,
  subjectPublicKeyInfo: Uint8Array,
  signed: Uint8Array,
  signature: Uint8Array,
): GostCheck {
  const digestOid = signatureDigests.get(signatureAlgorithm);
  if (digestOid === undefined) return { status: "unsupported-algorithm", reason: signatureAlgorithm };
  let reading: ReturnType<typeof readGostPublicKey>;
  try {
    reading = readGostPublicKey(subjectPublicKeyInfo);
  } catch (error) {
    if (!(error instanceof BerError)) throw error;
    return { status: "invalid", reason: `the certificate's key is not a GOST key (${error.message})` };
  }
  if (reading.keyAlgorithm !== signatureKeys.get(signatureAlgorithm)) {
    return { status: "invalid", reason: `a ${reading.keyAlgorithm} key cannot check a ${signatureAlgorithm} signature` };
  }
  if (reading.kind === "unknown-curve") return { status: "unsupported-algorithm", reason: `GOST curve ${reading.curve}` };
  const { key } = reading;
  const size = signature.length >> 1;
  if (signature.length % 2 !== 0 || size !== (key.curve.q.toString(16).length + 1) >> 1) {
    return { status: "invalid", reason: `a GOST signature value of ${signature.length} bytes does not fit the key` };
  }
  const digest = gostDigest(digestOid, signed) as Uint8Array;
  const r = littleEndianNumber(signature.subarray(0, size));
  const s = littleEndianNumber(signature.subarray(size));
  if (!verifyGostR3410(key, littleEndianNumber(digest), r, s)) {
    return { status: "invalid", reason: "the signature value does not match the certificate's key" };
  }
  return { status: "valid" };
}
