/**
 * The object identifiers the CMS inspection reads or names. NCA RK values are
 * from NCA-SIGNATURES.md (measured on the national CA's test material).
 */

export const Oid = {
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  timeStampToken: "1.2.840.113549.1.9.16.2.14",
  keyUsage: "2.5.29.15",
  extendedKeyUsage: "2.5.29.37",
  subjectKeyIdentifier: "2.5.29.14",
  certificatePolicies: "2.5.29.32",
  rsaEncryption: "1.2.840.113549.1.1.1",
  rsassaPss: "1.2.840.113549.1.1.10",
} as const;

/** Attribute types of a distinguished name, by the short names RFC 4514 and NCA's tools print. */
export const nameAttributeLabels: ReadonlyMap<string, string> = new Map([
  ["2.5.4.3", "CN"],
  ["2.5.4.4", "SURNAME"],
  ["2.5.4.5", "SERIALNUMBER"],
  ["2.5.4.6", "C"],
  ["2.5.4.7", "L"],
  ["2.5.4.8", "ST"],
  ["2.5.4.9", "STREET"],
  ["2.5.4.10", "O"],
  ["2.5.4.11", "OU"],
  ["2.5.4.12", "T"],
  ["2.5.4.42", "GIVENNAME"],
  ["1.2.840.113549.1.9.1", "E"],
  ["0.9.2342.19200300.100.1.1", "UID"],
  ["0.9.2342.19200300.100.1.25", "DC"],
]);

/** Node's name for each digest algorithm it can compute. */
export const nodeDigestNames: ReadonlyMap<string, string> = new Map([
  ["1.2.840.113549.2.5", "md5"],
  ["1.3.14.3.2.26", "sha1"],
  ["2.16.840.1.101.3.4.2.4", "sha224"],
  ["2.16.840.1.101.3.4.2.1", "sha256"],
  ["2.16.840.1.101.3.4.2.2", "sha384"],
  ["2.16.840.1.101.3.4.2.3", "sha512"],
]);

/** Signature algorithms that name their digest; Node verifies them with that digest. */
export const signatureDigests: ReadonlyMap<string, string> = new Map([
  ["1.2.840.113549.1.1.5", "sha1"],
  ["1.2.840.113549.1.1.14", "sha224"],
  ["1.2.840.113549.1.1.11", "sha256"],
  ["1.2.840.113549.1.1.12", "sha384"],
  ["1.2.840.113549.1.1.13", "sha512"],
  ["1.2.840.10045.4.1", "sha1"],
  ["1.2.840.10045.4.3.1", "sha224"],
  ["1.2.840.10045.4.3.2", "sha256"],
  ["1.2.840.10045.4.3.3", "sha384"],
  ["1.2.840.10045.4.3.4", "sha512"],
]);

/** Key algorithms a SignerInfo may name instead of a signature algorithm (the digest is the SignerInfo's). */
export const keyOnlySignatureAlgorithms: ReadonlySet<string> = new Set([
  Oid.rsaEncryption,
  "1.2.840.10045.2.1", // id-ecPublicKey
]);

const algorithmNames: ReadonlyMap<string, string> = new Map([
  ["1.2.840.113549.2.5", "md5"],
  ["1.3.14.3.2.26", "sha1"],
  ["2.16.840.1.101.3.4.2.4", "sha224"],
  ["2.16.840.1.101.3.4.2.1", "sha256"],
  ["2.16.840.1.101.3.4.2.2", "sha384"],
  ["2.16.840.1.101.3.4.2.3", "sha512"],
  [Oid.rsaEncryption, "rsaEncryption"],
  ["1.2.840.113549.1.1.5", "sha1WithRSAEncryption"],
  ["1.2.840.113549.1.1.14", "sha224WithRSAEncryption"],
  ["1.2.840.113549.1.1.11", "sha256WithRSAEncryption"],
  ["1.2.840.113549.1.1.12", "sha384WithRSAEncryption"],
  ["1.2.840.113549.1.1.13", "sha512WithRSAEncryption"],
  [Oid.rsassaPss, "RSASSA-PSS"],
  ["1.2.840.10045.2.1", "ecPublicKey"],
  ["1.2.840.10045.4.1", "ecdsa-with-SHA1"],
  ["1.2.840.10045.4.3.1", "ecdsa-with-SHA224"],
  ["1.2.840.10045.4.3.2", "ecdsa-with-SHA256"],
  ["1.2.840.10045.4.3.3", "ecdsa-with-SHA384"],
  ["1.2.840.10045.4.3.4", "ecdsa-with-SHA512"],
  ["1.3.101.112", "Ed25519"],
  // Kazakhstan's GOST algorithms (NCA RK, Kalkan).
  ["1.2.398.3.10.1.1.1.1", "GOST 34.310-2004 key"],
  ["1.2.398.3.10.1.1.1.2", "GOST 34.310-2004"],
  ["1.2.398.3.10.1.3.1", "GOST 34.311-95"],
  ["1.2.398.3.10.1.1.2.1", "GOST R 34.10-2015 256-bit key"],
  ["1.2.398.3.10.1.1.2.2", "GOST R 34.10-2015 512-bit key"],
  ["1.2.398.3.10.1.1.2.3.1", "GOST R 34.10-2015 256-bit"],
  ["1.2.398.3.10.1.1.2.3.2", "GOST R 34.10-2015 512-bit"],
  ["1.2.398.3.10.1.3.2", "GOST R 34.11-2015 256-bit (Streebog)"],
  ["1.2.398.3.10.1.3.3", "GOST R 34.11-2015 512-bit (Streebog)"],
]);

/** A readable name for an algorithm OID, when known. */
export function algorithmName(oid: string): string | undefined {
  return algorithmNames.get(oid);
}

const ncaRoles: ReadonlyMap<string, string> = new Map([
  ["1.2.398.3.3.4.1.1", "individual"],
  ["1.2.398.3.3.4.1.2", "legal_entity"],
  ["1.2.398.3.3.4.1.2.1", "ceo"],
  ["1.2.398.3.3.4.1.2.2", "can_sign"],
  ["1.2.398.3.3.4.1.2.3", "can_sign_financial"],
  ["1.2.398.3.3.4.1.2.4", "hr"],
  ["1.2.398.3.3.4.1.2.5", "employee"],
  ["1.2.398.3.3.4.3", "identification"],
]);

/** The NCA role an Extended Key Usage OID grants; every 1.2.398.3.3.4.3.x is an identification role. */
export function ncaRole(ekuOid: string): string | undefined {
  return ncaRoles.get(ekuOid) ?? (ekuOid.startsWith("1.2.398.3.3.4.3.") ? "identification" : undefined);
}

/** Pre-2022 NCA certificates state sign/auth in a certificate policy. */
export const ncaPolicyKeyUsage: ReadonlyMap<string, "sign" | "auth"> = new Map([
  ["1.2.398.3.3.2.1", "sign"],
  ["1.2.398.3.3.2.2", "auth"],
  ["1.2.398.3.3.2.3", "sign"],
  ["1.2.398.3.3.2.4", "auth"],
]);
