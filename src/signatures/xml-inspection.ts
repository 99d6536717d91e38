/**
 * Inspecting an XML payload: every ds:Signature (stacked ones included), its
 * signer's certificate facts from KeyInfo, its algorithms, its XAdES
 * SigningTime and whether it verifies.
 */
import type { Document, Element } from "@xmldom/xmldom";
import { BerError, readElement } from "./ber-reader.js";
import { type InspectedCertificate, inspectCertificate } from "./embedded-certificate.js";
import { maxSigners, PayloadError, type PayloadFacts, payloadSha256, type SignerFacts, type TimeStampFacts } from "./payload-facts.js";
import { readTimeStampTokenLeniently } from "./time-stamp-token.js";
import { checkChain, type TrustAnchors } from "./trust-anchors.js";
import { parseXmlDocument } from "./xml-document.js";
import { serializeXmlDocument } from "./xml-serialization.js";
import { checkXmlSignature, type SignatureAlgorithms, type SignatureCheck } from "./xml-signature-verification.js";
import { xmldsigAlgorithm } from "./xmldsig-algorithms.js";

const XMLDSIG = "http://www.w3.org/2000/09/xmldsig#";
const XADES_PREFIX = "http://uri.etsi.org/01903/";

interface ParsedSignature {
  readonly element: Element;
  readonly certificate: InspectedCertificate;
  /** The other certificates of its KeyInfo, candidates for the path to a trust anchor. */
  readonly intermediates: readonly Uint8Array[];
  readonly algorithms: SignatureAlgorithms;
  readonly digestMethod: string;
  readonly signingTime: Date | undefined;
  readonly timeStamp: TimeStampFacts | undefined;
}

export function inspectXml(payload: string, trustAnchors?: TrustAnchors): PayloadFacts {
  const sha256 = payloadSha256(payload);
  // Clients often send a byte-order mark or a newline before the XML declaration.
  const text = payload.replace(/^[\uFEFF\s]+/, "");
  const document = parseXmlDocument(text);
  const elements = Array.from(document.getElementsByTagNameNS(XMLDSIG, "Signature"));
  if (elements.length === 0) throw new PayloadError("xml-without-signature", "the XML has no ds:Signature element");
  if (elements.length > maxSigners) {
    throw new PayloadError("too-many-signers", `the XML has ${elements.length} ds:Signature elements, at most ${maxSigners} are read`);
  }
  const signatures = elements.map((element, index) => readSignature(element, index));
  const checks = checkStacked(document, text, signatures);
  const inspectedAt = new Date();
  return {
    format: "xml",
    detached: false,
    sha256,
    signers: signatures.map((signature, index): SignerFacts => {
      const { facts } = signature.certificate;
      const check = checks[index] as SignatureCheck;
      const time = (signature.signingTime ?? signature.timeStamp?.time ?? inspectedAt).getTime();
      return {
        ...facts,
        signingTime: signature.signingTime,
        timeStamp: signature.timeStamp,
        digestAlgorithm: xmldsigAlgorithm(signature.digestMethod),
        signatureAlgorithm: xmldsigAlgorithm(signature.algorithms.signature),
        verification: {
          status: check.status,
          reason: check.reason,
          certificateValidAtSigningTime: facts.notBefore.getTime() <= time && time <= facts.notAfter.getTime(),
          revocationChecked: false,
          chain: checkChain(signature.certificate.der, signature.intermediates, trustAnchors),
        },
      };
    }),
  };
}

/**
 * A later signature's digest covers the earlier signatures, an earlier one's
 * covers none of the later ones: check the last first, then remove it from the
 * document before checking the one before.
 */
function checkStacked(document: Document, text: string, signatures: readonly ParsedSignature[]): SignatureCheck[] {
  const checks: SignatureCheck[] = [];
  let current = text;
  for (let index = signatures.length - 1; index >= 0; index--) {
    const signature = signatures[index] as ParsedSignature;
    checks[index] = checkXmlSignature(current, signature.element, signature.algorithms, signature.certificate);
    if (index > 0) {
      signature.element.parentNode?.removeChild(signature.element);
      current = serializeXmlDocument(document);
    }
  }
  return checks;
}

function readSignature(signature: Element, index: number): ParsedSignature {
  const where = `ds:Signature ${index + 1}`;
  const certificateText = firstDescendant(signature, XMLDSIG, "X509Certificate")?.textContent;
  if (!certificateText) {
    throw new PayloadError("signer-certificate-missing", `${where} has no KeyInfo/X509Data/X509Certificate`);
  }
  let certificate: InspectedCertificate;
  try {
    certificate = inspectCertificate(Buffer.from(certificateText, "base64"));
  } catch (error) {
    throw new PayloadError(
      "signer-certificate-missing",
      `${where}: its X509Certificate is not a certificate (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const algorithm = (localName: string) =>
    Array.from(signature.getElementsByTagNameNS(XMLDSIG, localName), (element) => element.getAttribute("Algorithm") ?? "");
  const [signatureMethod = ""] = algorithm("SignatureMethod");
  const digestMethods = algorithm("DigestMethod");
  const intermediates = Array.from(signature.getElementsByTagNameNS(XMLDSIG, "X509Certificate"))
    .slice(1)
    .map((element) => Buffer.from(element.textContent ?? "", "base64"));
  return {
    element: signature,
    intermediates,
    certificate,
    algorithms: {
      signature: signatureMethod,
      others: [...algorithm("CanonicalizationMethod"), ...algorithm("Transform"), ...digestMethods],
    },
    // The first reference's digest (the document itself, in Kalkan's signatures) stands for the signer's.
    digestMethod: digestMethods[0] ?? "",
    signingTime: readSigningTime(signature),
    timeStamp: readTimeStamp(signature),
  };
}

/** A XAdES SignatureTimeStamp's EncapsulatedTimeStamp: a CMS time-stamp token, read as CMS signers' are. */
function readTimeStamp(signature: Element): TimeStampFacts | undefined {
  for (const element of Array.from(signature.getElementsByTagNameNS("*", "EncapsulatedTimeStamp"))) {
    if (!element.namespaceURI?.startsWith(XADES_PREFIX)) continue;
    const bytes = Buffer.from((element.textContent ?? "").replace(/\s+/g, ""), "base64");
    if (bytes.length === 0) continue;
    try {
      const token = readTimeStampTokenLeniently(bytes, readElement(bytes, 0));
      if (token !== undefined) return token;
    } catch (error) {
      if (!(error instanceof BerError)) throw error;
    }
  }
  return undefined;
}

function readSigningTime(signature: Element): Date | undefined {
  for (const element of Array.from(signature.getElementsByTagNameNS("*", "SigningTime"))) {
    if (!element.namespaceURI?.startsWith(XADES_PREFIX)) continue;
    const time = new Date((element.textContent ?? "").trim());
    if (!Number.isNaN(time.getTime())) return time;
  }
  return undefined;
}

function firstDescendant(parent: Element, namespace: string, localName: string): Element | undefined {
  return parent.getElementsByTagNameNS(namespace, localName)[0] ?? undefined;
}
