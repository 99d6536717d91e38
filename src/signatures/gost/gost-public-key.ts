/**
 * Reading a GOST SubjectPublicKeyInfo the way NCA RK writes it (RFC 4491
 * §2.3 layout): AlgorithmIdentifier { key OID, SEQUENCE { curve OID, hash
 * OID? } } and a BIT STRING wrapping an OCTET STRING of X‖Y, each coordinate
 * little-endian.
 */
import { BerError, expectTag, readChildren, readElement, readOid, Tag } from "../ber-reader.js";
import { type Curve, cryptoProA, tc26Gost512A } from "./gost-curves.js";
import type { PublicKey } from "./gost-r-34-10.js";

/** Curve parameter OIDs: Kazakhstan's own (NCA-SIGNATURES.md) and the standard ones they stand for. */
const curves: ReadonlyMap<string, Curve> = new Map([
  ["1.2.398.3.10.1.1.1.1.1", cryptoProA],
  ["1.2.643.2.2.35.1", cryptoProA],
  ["1.2.398.3.10.1.1.2.2.1", tc26Gost512A],
  ["1.2.643.7.1.2.1.2.1", tc26Gost512A],
]);

export type GostKeyReading =
  | { readonly kind: "key"; readonly keyAlgorithm: string; readonly key: PublicKey }
  | { readonly kind: "unknown-curve"; readonly keyAlgorithm: string; readonly curve: string };

/** Reads a GOST key; throws BerError when the structure is not one. */
export function readGostPublicKey(spki: Uint8Array): GostKeyReading {
  const [algorithm, bitString] = readChildren(spki, expectTag(readElement(spki, 0), Tag.sequence, "SubjectPublicKeyInfo"));
  const [keyOid, parameters] = readChildren(spki, expectTag(algorithm, Tag.sequence, "key AlgorithmIdentifier"));
  const keyAlgorithm = readOid(spki, expectTag(keyOid, Tag.oid, "key algorithm"));
  const [curveOid] = readChildren(spki, expectTag(parameters, Tag.sequence, "GOST key parameters"));
  const curveName = readOid(spki, expectTag(curveOid, Tag.oid, "GOST curve"));
  const curve = curves.get(curveName);
  if (curve === undefined) return { kind: "unknown-curve", keyAlgorithm, curve: curveName };
  const keyBits = expectTag(bitString, Tag.bitString, "subjectPublicKey");
  if (spki[keyBits.contentStart] !== 0) throw new BerError("GOST public key with unused bits");
  const wrapped = readElement(spki, keyBits.contentStart + 1, keyBits.contentEnd);
  const point = spki.subarray(expectTag(wrapped, Tag.octetString, "GOST public key").contentStart, wrapped.contentEnd);
  const size = (curve.p.toString(16).length + 1) >> 1;
  if (point.length !== 2 * size) throw new BerError(`GOST public key of ${point.length} bytes, ${2 * size} expected`);
  return {
    kind: "key",
    keyAlgorithm,
    key: { curve, x: littleEndianNumber(point.subarray(0, size)), y: littleEndianNumber(point.subarray(size)) },
  };
}

/** The number whose least significant byte comes first. */
export function littleEndianNumber(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).reverse().toString("hex")}`);
}
