/**
 * Serialising an xmldom document so that parsing it again gives the same
 * text: xmldom writes a carriage return in text content as itself, which the
 * next parse turns into a line feed and so changes what a digest covers
 * (Kalkan's base64 lines end in "&#13;").
 */
import { type Document, type Node, XMLSerializer } from "@xmldom/xmldom";

const TEXT_NODE = 3;
const TEXT_ESCAPES: Readonly<Record<string, string>> = { "<": "&lt;", "&": "&amp;", ">": "&gt;", "\r": "&#13;" };

const serializer = new XMLSerializer();

// xmldom writes a string returned by the node filter as is (a documented legacy hook its types leave out).
const keepCarriageReturns = ((node: Node) =>
  node.nodeType === TEXT_NODE && node.nodeValue?.includes("\r")
    ? node.nodeValue.replace(/[<&>\r]/g, (c) => TEXT_ESCAPES[c] ?? c)
    : node) as unknown as (node: Node) => Node;

export function serializeXmlDocument(document: Document): string {
  return serializer.serializeToString(document, keepCarriageReturns);
}
