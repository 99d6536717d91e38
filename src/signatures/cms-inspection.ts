import { BerError, type Element, readChildren, readElement, readOid, readStringBytes, readTime, Tag, toDer } from "./ber-reader.js";
import {
  type CertificateFields,
  locateCertificateFields,
  readCertificateFacts,
  signerCertificateFacts,
  subjectKeyIdentifier,
} from "./certificate-facts.js";
import { decodeCmsPayload } from "./cms-payload-bytes.js";
import { algorithmName, Oid } from "./object-identifiers.js";
import {
  type AlgorithmFacts,
  maxSigners,
  PayloadError,
  type PayloadFacts,
  type PayloadFormat,
  payloadSha256,
  type SignerFacts,
  type VerificationFacts,
} from "./payload-facts.js";
import { locateSignedData, locateSignerInfo, readAttributes, type SignedData, type SignerInfo } from "./signed-data.js";
import { checkSignature } from "./signer-verification.js";
import { readTimeStampTokenLeniently } from "./time-stamp-token.js";
import { checkChain, type TrustAnchors } from "./trust-anchors.js";

/**
 * Inspects a CMS SignedData given as base64 (DER or BER, whitespace allowed)
 * or PEM: every signer's certificate facts and verification outcome.
 * `detachedContent` is the signed content of a detached CMS, when known.
 * Throws PayloadError when the payload is not such a CMS.
 */
export function inspectCms(payload: string, detachedContent?: Uint8Array, trustAnchors?: TrustAnchors): PayloadFacts {
  const bytes = decodeCmsPayload(payload);
  let signedData: SignedData;
  try {
    const contentInfo = readElement(bytes, 0);
    if (contentInfo.end !== bytes.length) throw new BerError("bytes after the ContentInfo");
    signedData = locateSignedData(bytes, contentInfo);
  } catch (error) {
    throw asPayloadError(error);
  }
  if (signedData.signerInfos.length === 0) throw new PayloadError("no-signer", "the SignedData has no SignerInfo");
  if (signedData.signerInfos.length > maxSigners) {
    throw new PayloadError(
      "too-many-signers",
      `the SignedData has ${signedData.signerInfos.length} SignerInfos, at most ${maxSigners} are read`,
    );
  }
  const content = signedData.content ?? detachedContent;
  const signers = signedData.signerInfos.map((element, index) => {
    try {
      return inspectSigner(bytes, signedData, element, content, trustAnchors);
    } catch (error) {
      throw asPayloadError(error, `SignerInfo ${index + 1}: `);
    }
  });
  const format: PayloadFormat = "cms";
  return {
    format,
    detached: signedData.content === undefined,
    sha256: payloadSha256(payload),
    signers,
  };
}

function asPayloadError(error: unknown, prefix = ""): PayloadError {
  if (error instanceof PayloadError) return error;
  if (error instanceof BerError) return new PayloadError("malformed-cms", prefix + error.message);
  throw error;
}

function inspectSigner(
  bytes: Uint8Array,
  signedData: SignedData,
  element: Element,
  content: Uint8Array | undefined,
  trustAnchors: TrustAnchors | undefined,
): SignerFacts {
  const signerInfo = locateSignerInfo(bytes, element);
  const { certificate, element: certificateElement } = findSignerCertificate(bytes, signedData, signerInfo.signerIdentifier);
  const facts = readCertificateFacts(bytes, certificate);
  const signed = signerInfo.signedAttributes ? readAttributes(bytes, signerInfo.signedAttributes) : undefined;
  const unsigned = signerInfo.unsignedAttributes ? readAttributes(bytes, signerInfo.unsignedAttributes) : undefined;
  const signingTimeValue = signed?.get(Oid.signingTime);
  const signingTime = signingTimeValue && readTime(bytes, signingTimeValue);
  const token = unsigned?.get(Oid.timeStampToken);
  const timeStamp = token && readTimeStampTokenLeniently(bytes, token);
  const messageDigest = signed?.get(Oid.messageDigest);
  const attributeContentType = signed?.get(Oid.contentType);
  const outcome = checkSignature({
    bytes,
    digestAlgorithm: signerInfo.digestAlgorithm,
    signatureAlgorithm: signerInfo.signatureAlgorithm,
    signedAttributes: signerInfo.signedAttributes && signedAttributesDer(bytes, signerInfo),
    messageDigest: messageDigest && readStringBytes(bytes, messageDigest),
    attributeContentType: attributeContentType && readOid(bytes, attributeContentType),
    contentType: signedData.contentType,
    content,
    signature: signerInfo.signature,
    subjectPublicKeyInfo: facts.subjectPublicKeyInfo,
  });
  // A time-stamp proves the signing time better than no time at all.
  const at = signingTime ?? timeStamp?.time ?? new Date();
  const verification: VerificationFacts = {
    status: outcome.status,
    reason: outcome.reason,
    certificateValidAtSigningTime: facts.notBefore <= at && at <= facts.notAfter,
    revocationChecked: false,
    chain: checkChain(
      bytes.subarray(certificateElement.start, certificateElement.end),
      signedData.certificates.filter((other) => other !== certificateElement).map((other) => bytes.subarray(other.start, other.end)),
      trustAnchors,
    ),
  };
  return {
    ...signerCertificateFacts(facts),
    signingTime,
    timeStamp,
    digestAlgorithm: algorithmFacts(signerInfo.digestAlgorithm.oid),
    signatureAlgorithm: algorithmFacts(signerInfo.signatureAlgorithm.oid),
    verification,
  };
}

function algorithmFacts(oid: string): AlgorithmFacts {
  return { id: oid, name: algorithmName(oid) };
}

/**
 * RFC 5652 §5.4: the signature covers the DER of the signed attributes with
 * the SET OF tag (0x31) in place of their [0] IMPLICIT tag. BER input is
 * re-encoded as DER.
 */
function signedAttributesDer(bytes: Uint8Array, signerInfo: SignerInfo): Uint8Array {
  const der = Buffer.from(toDer(bytes, signerInfo.signedAttributes as Element));
  der[0] = Tag.set;
  return der;
}

/** The certificate a SignerIdentifier names: by issuer and serial number, or by subject key identifier. */
function findSignerCertificate(
  bytes: Uint8Array,
  signedData: SignedData,
  signerIdentifier: Element,
): { certificate: CertificateFields; element: Element } {
  let matches: (fields: CertificateFields) => boolean;
  if (signerIdentifier.tag === Tag.sequence) {
    const [issuer, serial] = readChildren(bytes, signerIdentifier);
    if (issuer === undefined || serial === undefined) throw new BerError("issuerAndSerialNumber incomplete");
    const issuerBytes = bytes.subarray(issuer.start, issuer.end);
    const serialBytes = bytes.subarray(serial.contentStart, serial.contentEnd);
    matches = (fields) =>
      Buffer.compare(bytes.subarray(fields.serial.contentStart, fields.serial.contentEnd), serialBytes) === 0 &&
      Buffer.compare(bytes.subarray(fields.issuer.start, fields.issuer.end), issuerBytes) === 0;
  } else {
    const keyIdentifier = bytes.subarray(signerIdentifier.contentStart, signerIdentifier.contentEnd);
    matches = (fields) => {
      const candidate = subjectKeyIdentifier(bytes, fields);
      return candidate !== undefined && Buffer.compare(candidate, keyIdentifier) === 0;
    };
  }
  for (const certificate of signedData.certificates) {
    const fields = locateCertificateFields(bytes, certificate);
    if (matches(fields)) return { certificate: fields, element: certificate };
  }
  throw new PayloadError("signer-certificate-missing", "the signer's certificate is not in the SignedData");
}
