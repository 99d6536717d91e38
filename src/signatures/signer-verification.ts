import { constants, createHash, createPublicKey, type KeyObject, verify } from "node:crypto";
import { type Element, readChildren, readOid, readSmallInteger, Tag } from "./ber-reader.js";
import { gostDigest, isGostDigest, isGostSignatureAlgorithm, verifyGostSignature } from "./gost/gost.js";
import { keyOnlySignatureAlgorithms, nodeDigestNames, Oid, signatureDigests } from "./object-identifiers.js";
import type { VerificationStatus } from "./payload-facts.js";
import type { Algorithm } from "./signed-data.js";

export interface SignatureCheck {
  readonly digestAlgorithm: Algorithm;
  readonly signatureAlgorithm: Algorithm;
  /** The buffer that holds the algorithm parameters. */
  readonly bytes: Uint8Array;
  /** The DER of the signed attributes as a SET OF (tag 0x31), when the signer has them. */
  readonly signedAttributes: Uint8Array | undefined;
  /** The messageDigest and contentType signed attributes. */
  readonly messageDigest: Uint8Array | undefined;
  readonly attributeContentType: string | undefined;
  readonly contentType: string;
  readonly content: Uint8Array | undefined;
  readonly signature: Uint8Array;
  readonly subjectPublicKeyInfo: Uint8Array;
}

export interface SignatureOutcome {
  readonly status: VerificationStatus;
  readonly reason: string | undefined;
}

interface Scheme {
  /** Node's digest name, or null for algorithms that hash internally (Ed25519). */
  readonly hash: string | null;
  readonly padding?: number;
  readonly saltLength?: number;
}

const invalid = (reason: string): SignatureOutcome => ({ status: "invalid", reason });
const unsupported = (oid: string): SignatureOutcome => ({ status: "unsupported-algorithm", reason: oid });
const detachedContentMissing: SignatureOutcome = { status: "detached-content-missing", reason: undefined };

/**
 * RFC 5652 §5.4–5.6: with signed attributes the signature covers their DER
 * encoding and the messageDigest attribute covers the content; without them
 * the signature covers the content. Node's crypto checks RSA, ECDSA and
 * Ed25519, the gost module Kazakhstan's GOST algorithms; any other algorithm
 * is reported unsupported by OID, never valid.
 */
export function checkSignature(check: SignatureCheck): SignatureOutcome {
  const verifier = signatureVerifier(check);
  if ("status" in verifier) return verifier;
  let signed: Uint8Array;
  if (check.signedAttributes !== undefined) {
    if (check.messageDigest === undefined) return invalid("the signed attributes have no messageDigest");
    if (check.attributeContentType !== undefined && check.attributeContentType !== check.contentType) {
      return invalid(`the contentType attribute ${check.attributeContentType} is not the content's ${check.contentType}`);
    }
    signed = check.signedAttributes;
  } else if (check.content !== undefined) {
    signed = check.content;
  } else {
    return detachedContentMissing;
  }
  const failure = verifier.verify(signed);
  if (failure !== undefined) return failure;
  if (check.signedAttributes === undefined) return { status: "valid", reason: undefined };
  if (check.content === undefined) return detachedContentMissing;
  if (!Buffer.from(verifier.digest(check.content)).equals(check.messageDigest as Uint8Array)) {
    return invalid("the messageDigest attribute does not match the content");
  }
  return { status: "valid", reason: undefined };
}

interface Verifier {
  /** The SignerInfo's digest of `data`. */
  digest(data: Uint8Array): Uint8Array;
  /** Undefined when the signature over `signed` checks out, else why not. */
  verify(signed: Uint8Array): SignatureOutcome | undefined;
}

/** How this signer's digest and signature are computed, or the outcome when they cannot be. */
function signatureVerifier(check: SignatureCheck): Verifier | SignatureOutcome {
  const { oid } = check.signatureAlgorithm;
  if (isGostSignatureAlgorithm(oid)) {
    if (!isGostDigest(check.digestAlgorithm.oid)) return unsupported(check.digestAlgorithm.oid);
    return {
      digest: (data) => gostDigest(check.digestAlgorithm.oid, data) as Uint8Array,
      verify(signed) {
        const outcome = verifyGostSignature(oid, check.subjectPublicKeyInfo, signed, check.signature);
        return outcome.status === "valid" ? undefined : outcome;
      },
    };
  }
  const digest = nodeDigestNames.get(check.digestAlgorithm.oid);
  const scheme = signatureScheme(check.bytes, check.signatureAlgorithm, digest);
  if (scheme === undefined) return unsupported(oid);
  if (digest === undefined) return unsupported(check.digestAlgorithm.oid);
  return {
    digest: (data) => createHash(digest).update(data).digest(),
    verify(signed) {
      let matches: boolean;
      try {
        const key = { key: publicKey(check.subjectPublicKeyInfo), padding: scheme.padding, saltLength: scheme.saltLength };
        matches = verify(scheme.hash, signed, key, check.signature);
      } catch (error) {
        return invalid(`the signature could not be checked with the certificate's key: ${(error as Error).message}`);
      }
      return matches ? undefined : invalid("the signature value does not match the certificate's key");
    },
  };
}

function signatureScheme(bytes: Uint8Array, algorithm: Algorithm, digest: string | undefined): Scheme | undefined {
  if (keyOnlySignatureAlgorithms.has(algorithm.oid)) return digest === undefined ? undefined : { hash: digest };
  const hash = signatureDigests.get(algorithm.oid);
  if (hash !== undefined) return { hash };
  if (algorithm.oid === "1.3.101.112") return { hash: null };
  if (algorithm.oid === Oid.rsassaPss) return pssScheme(bytes, algorithm.parameters);
  return undefined;
}

/** RSASSA-PSS-params (RFC 4055 §3.1); Node's MGF1 uses the signature's hash, so another mask hash is unsupported. */
function pssScheme(bytes: Uint8Array, parameters: Element | undefined): Scheme | undefined {
  let hash = "sha1";
  let maskHash = "sha1";
  let saltLength = 20;
  for (const field of parameters ? readChildren(bytes, parameters) : []) {
    const [inner] = readChildren(bytes, field);
    if (inner === undefined) continue;
    if (field.tag === Tag.context0) {
      const [oid] = readChildren(bytes, inner);
      hash = (oid && nodeDigestNames.get(readOid(bytes, oid))) ?? "";
    } else if (field.tag === Tag.context1) {
      const [, maskParameters] = readChildren(bytes, inner);
      const [oid] = maskParameters ? readChildren(bytes, maskParameters) : [];
      maskHash = (oid && nodeDigestNames.get(readOid(bytes, oid))) ?? "";
    } else if (field.tag === 0xa2) {
      saltLength = readSmallInteger(bytes, inner);
    }
  }
  if (hash === "" || hash !== maskHash) return undefined;
  return { hash, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength };
}

// Creating a key object costs more than the verification itself; signers repeat.
const keyCache = new Map<string, KeyObject>();
const keyCacheSize = 256;

/** The key of a DER SubjectPublicKeyInfo, cached; throws when OpenSSL cannot load it (GOST keys). */
export function publicKey(subjectPublicKeyInfo: Uint8Array): KeyObject {
  const id = Buffer.from(subjectPublicKeyInfo).toString("base64");
  let key = keyCache.get(id);
  if (key === undefined) {
    key = createPublicKey({ key: Buffer.from(subjectPublicKeyInfo), format: "der", type: "spki" });
    if (keyCache.size >= keyCacheSize) keyCache.delete(keyCache.keys().next().value as string);
    keyCache.set(id, key);
  }
  return key;
}
