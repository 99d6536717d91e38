/**
 * Just enough DER to pull a few fields out of a certificate without a full
 * ASN.1 schema parse: walk tag-length-value elements, decode OIDs, strings
 * and times. Definite lengths only (certificates are DER).
 */

/** One DER element: its tag byte and where its content lies in the buffer. */
export interface DerElement {
  readonly tag: number;
  readonly contentStart: number;
  readonly end: number;
}

export const DER_TAG = {
  OCTET_STRING: 0x04,
  OID: 0x06,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

class DerError extends Error {
  override name = "DerError";
}

/** The element that starts at `offset`; `limit` is where its enclosing element ends. */
export function readElement(der: Uint8Array, offset: number, limit = der.length): DerElement {
  if (offset + 2 > limit) throw new DerError(`truncated element at ${offset}`);
  const tag = der[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`multi-byte tag at ${offset}`);
  let length = der[offset + 1] as number;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 4) throw new DerError(`unsupported length at ${offset}`);
    if (contentStart + octets > limit) throw new DerError(`truncated length at ${offset}`);
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + (der[contentStart + i] as number);
    contentStart += octets;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError(`element at ${offset} overruns its container`);
  return { tag, contentStart, end };
}

/** The elements inside a constructed element, in order. */
export function readChildren(der: Uint8Array, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  for (let offset = parent.contentStart; offset < parent.end; ) {
    const child = readElement(der, offset, parent.end);
    children.push(child);
    offset = child.end;
  }
  return children;
}

export function readOid(der: Uint8Array, element: DerElement): string {
  if (element.tag !== DER_TAG.OID) throw new DerError(`expected an OID, found tag ${element.tag}`);
  const arcs: number[] = [];
  let value = 0;
  for (let i = element.contentStart; i < element.end; i++) {
    const byte = der[i] as number;
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (arcs.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        arcs.push(first, value - first * 40);
      } else {
        arcs.push(value);
      }
      value = 0;
    }
  }
  return arcs.join(".");
}

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");
const utf16be = new TextDecoder("utf-16be");

/** A directory string (UTF8, Printable, IA5, Teletex, BMP, Universal, …) as text. */
export function readString(der: Uint8Array, element: DerElement): string {
  const bytes = der.subarray(element.contentStart, element.end);
  switch (element.tag) {
    case 0x0c: // UTF8String
      return utf8.decode(bytes);
    case 0x1e: // BMPString
      return utf16be.decode(bytes);
    case 0x1c: {
      // UniversalString: UCS-4 big-endian
      let text = "";
      for (let i = 0; i + 3 < bytes.length; i += 4) {
        text += String.fromCodePoint(
          ((bytes[i] as number) << 24) | ((bytes[i + 1] as number) << 16) | ((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number),
        );
      }
      return text;
    }
    default: // PrintableString, IA5String, TeletexString, NumericString, VisibleString
      return latin1.decode(bytes);
  }
}
