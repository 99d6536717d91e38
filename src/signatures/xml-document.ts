/**
 * Parsing a payload as XML, refusing what a signature store has no use for:
 * any error xmldom reports and any DOCTYPE (xmldom never fetches external
 * entities, and refusing the DOCTYPE also rules out entity tricks and
 * ID attributes declared to redirect a Reference).
 */
import { DOMParser, type Document } from "@xmldom/xmldom";
import { PayloadError } from "./payload-facts.js";

const DOCUMENT_TYPE_NODE = 10;

export function parseXmlDocument(text: string): Document {
  let document: Document;
  try {
    const parser = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") throw new Error(message);
      },
    });
    document = parser.parseFromString(text, "text/xml");
  } catch (error) {
    throw new PayloadError("malformed-xml", `not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!document.documentElement) throw new PayloadError("malformed-xml", "XML without a root element");
  for (let node = document.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === DOCUMENT_TYPE_NODE) throw new PayloadError("malformed-xml", "an XML DOCTYPE is not accepted");
  }
  return document;
}
