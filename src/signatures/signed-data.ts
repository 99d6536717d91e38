import {
  BerError,
  type Element,
  expectTag,
  readChildren,
  readElement,
  readOid,
  readSmallInteger,
  readStringBytes,
  Tag,
} from "./ber-reader.js";
import { Oid } from "./object-identifiers.js";

/** A CMS SignedData (RFC 5652 §5.1), located in its buffer. */
export interface SignedData {
  readonly contentType: string;
  /** The encapsulated content (its segments joined); undefined when detached. */
  readonly content: Uint8Array | undefined;
  readonly certificates: readonly Element[];
  readonly signerInfos: readonly Element[];
}

/** Reads a ContentInfo that must hold a SignedData. */
export function locateSignedData(bytes: Uint8Array, contentInfo: Element): SignedData {
  const [type, wrapper] = readChildren(bytes, expectTag(contentInfo, Tag.sequence, "ContentInfo"));
  if (type === undefined || readOid(bytes, type) !== Oid.signedData) throw new BerError("not a SignedData");
  const [signedData] = readChildren(bytes, expectTag(wrapper, Tag.context0, "SignedData content"));
  const fields = readChildren(bytes, expectTag(signedData, Tag.sequence, "SignedData"));
  const [, digestAlgorithms, encapsulated] = fields;
  expectTag(fields[0], Tag.integer, "SignedData version");
  expectTag(digestAlgorithms, Tag.set, "digestAlgorithms");
  const [eContentType, eContentWrapper] = readChildren(bytes, expectTag(encapsulated, Tag.sequence, "EncapsulatedContentInfo"));
  if (eContentType === undefined) throw new BerError("eContentType expected");
  let content: Uint8Array | undefined;
  if (eContentWrapper !== undefined) {
    const [eContent] = readChildren(bytes, expectTag(eContentWrapper, Tag.context0, "eContent"));
    if (eContent === undefined || (eContent.tag & ~0x20) !== Tag.octetString) throw new BerError("eContent OCTET STRING expected");
    content = readStringBytes(bytes, eContent);
  }
  let certificates: Element[] = [];
  let index = 3;
  if (fields[index]?.tag === Tag.context0) {
    // Only plain X.509 certificates; the other CertificateChoices are tagged.
    certificates = readChildren(bytes, fields[index++] as Element).filter((choice) => choice.tag === Tag.sequence);
  }
  if (fields[index]?.tag === Tag.context1) index++; // revocation information
  const signerInfos = readChildren(bytes, expectTag(fields[index], Tag.set, "signerInfos"));
  return { contentType: readOid(bytes, eContentType), content, certificates, signerInfos };
}

/** An AlgorithmIdentifier: its OID and, when present, its parameters. */
export interface Algorithm {
  readonly oid: string;
  readonly parameters: Element | undefined;
}

/** A SignerInfo (RFC 5652 §5.3), located in its buffer. */
export interface SignerInfo {
  /** issuerAndSerialNumber (a SEQUENCE) or [0] subjectKeyIdentifier. */
  readonly signerIdentifier: Element;
  readonly digestAlgorithm: Algorithm;
  /** The [0] IMPLICIT SET OF Attribute, as encoded. */
  readonly signedAttributes: Element | undefined;
  readonly signatureAlgorithm: Algorithm;
  readonly signature: Uint8Array;
  readonly unsignedAttributes: Element | undefined;
}

export function locateSignerInfo(bytes: Uint8Array, signerInfo: Element): SignerInfo {
  const fields = readChildren(bytes, expectTag(signerInfo, Tag.sequence, "SignerInfo"));
  readSmallInteger(bytes, expectTag(fields[0], Tag.integer, "SignerInfo version"));
  const signerIdentifier = fields[1];
  if (signerIdentifier === undefined || (signerIdentifier.tag !== Tag.sequence && signerIdentifier.tag !== Tag.implicit0)) {
    throw new BerError("SignerIdentifier expected");
  }
  const digestAlgorithm = readAlgorithm(bytes, fields[2]);
  let index = 3;
  const signedAttributes = fields[index]?.tag === Tag.context0 ? fields[index++] : undefined;
  const signatureAlgorithm = readAlgorithm(bytes, fields[index++]);
  const signature = expectTag(fields[index++], Tag.octetString, "signature");
  const unsignedAttributes = fields[index]?.tag === Tag.context1 ? fields[index] : undefined;
  return {
    signerIdentifier,
    digestAlgorithm,
    signedAttributes,
    signatureAlgorithm,
    signature: readStringBytes(bytes, signature),
    unsignedAttributes,
  };
}

function readAlgorithm(bytes: Uint8Array, element: Element | undefined): Algorithm {
  const [oid, parameters] = readChildren(bytes, expectTag(element, Tag.sequence, "AlgorithmIdentifier"));
  if (oid === undefined) throw new BerError("algorithm OID expected");
  return { oid: readOid(bytes, oid), parameters: parameters?.tag === Tag.null ? undefined : parameters };
}

/** The first value of each attribute in a SET OF Attribute, by type OID. */
export function readAttributes(bytes: Uint8Array, attributes: Element): Map<string, Element> {
  const values = new Map<string, Element>();
  for (const attribute of readChildren(bytes, attributes)) {
    const [type, set] = readChildren(bytes, expectTag(attribute, Tag.sequence, "Attribute"));
    if (type === undefined) throw new BerError("attribute type expected");
    const oid = readOid(bytes, type);
    const first = expectTag(set, Tag.set, "attribute values");
    if (first.contentStart < first.contentEnd && !values.has(oid))
      values.set(oid, readElement(bytes, first.contentStart, first.contentEnd));
  }
  return values;
}
