/**
 * A small X.690 (BER/DER) reader: it locates elements in place and decodes only
 * the primitive values the inspection asks for. Written from the standard
 * instead of a schema-matching ASN.1 library because a Save inspects every
 * payload and a full schema parse costs milliseconds (see NCA-SIGNATURES.md).
 *
 * BER as NCALayer and `openssl cms -stream` emit it is supported: indefinite
 * lengths (ended by an end-of-contents octet pair) and constructed strings.
 */

/** Thrown on any encoding error; the inspection turns it into a PayloadError. */
export class BerError extends Error {
  override name = "BerError";
}

/** Identifier octets of the universal and context tags the CMS walk meets. */
export const Tag = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  numericString: 0x12,
  printableString: 0x13,
  teletexString: 0x14,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  visibleString: 0x1a,
  universalString: 0x1c,
  bmpString: 0x1e,
  sequence: 0x30,
  set: 0x31,
  context0: 0xa0,
  context1: 0xa1,
  context3: 0xa3,
  /** [0] IMPLICIT primitive (a SubjectKeyIdentifier signer identifier). */
  implicit0: 0x80,
} as const;

/** One element located in its buffer: offsets only, nothing decoded. */
export interface Element {
  /** The first identifier octet (class, constructed bit and, below 31, the tag number). */
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  /** End of the contents (before the end-of-contents octets of an indefinite length). */
  readonly contentEnd: number;
  /** End of the whole element. */
  readonly end: number;
  /** The length octets were the indefinite form or not the shortest one: not DER. */
  readonly notDer: boolean;
}

const maxDepth = 64;

/** Reads the element starting at `offset`, which must end by `limit`. */
export function readElement(bytes: Uint8Array, offset: number, limit: number = bytes.length): Element {
  return readAt(bytes, offset, limit, 0);
}

function readAt(bytes: Uint8Array, offset: number, limit: number, depth: number): Element {
  if (depth > maxDepth) throw new BerError("nested too deeply");
  let at = offset;
  if (at >= limit) throw new BerError(`element expected at ${offset}`);
  const tag = bytes[at++] as number;
  if ((tag & 0x1f) === 0x1f) {
    // High tag number form: base-128 octets, the last one without the top bit.
    let octet: number;
    do {
      if (at >= limit) throw new BerError("truncated tag");
      octet = bytes[at++] as number;
    } while (octet & 0x80);
  }
  if (at >= limit) throw new BerError("truncated length");
  const first = bytes[at++] as number;
  if (first === 0x80) {
    if (!(tag & 0x20)) throw new BerError("indefinite length on a primitive element");
    const contentStart = at;
    while (true) {
      if (at + 2 <= limit && bytes[at] === 0 && bytes[at + 1] === 0) {
        return { tag, start: offset, contentStart, contentEnd: at, end: at + 2, notDer: true };
      }
      at = readAt(bytes, at, limit, depth + 1).end;
    }
  }
  let length = first;
  let notDer = false;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new BerError("length too long");
    if (at + count > limit) throw new BerError("truncated length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[at++] as number);
    notDer = length < 0x80 || bytes[at - count] === 0;
  }
  const end = at + length;
  if (end > limit) throw new BerError(`element at ${offset} runs past its container`);
  return { tag, start: offset, contentStart: at, contentEnd: end, end, notDer };
}

/** The elements inside a constructed element, in order. */
export function readChildren(bytes: Uint8Array, parent: Element): Element[] {
  const children: Element[] = [];
  for (let at = parent.contentStart; at < parent.contentEnd; ) {
    const child = readElement(bytes, at, parent.contentEnd);
    children.push(child);
    at = child.end;
  }
  return children;
}

/** Checks an element's tag, naming what was expected in the error. */
export function expectTag(element: Element | undefined, tag: number, what: string): Element {
  if (element?.tag !== tag) throw new BerError(`${what} expected`);
  return element;
}

/** The contents of a string type, joining the segments of a BER constructed string. */
export function readStringBytes(bytes: Uint8Array, element: Element): Uint8Array {
  if (!(element.tag & 0x20)) return bytes.subarray(element.contentStart, element.contentEnd);
  const parts = readChildren(bytes, element).map((part) => readStringBytes(bytes, part));
  return Buffer.concat(parts);
}

export function readOid(bytes: Uint8Array, element: Element): string {
  expectTag(element, Tag.oid, "object identifier");
  const { contentStart, contentEnd } = element;
  if (contentStart === contentEnd) throw new BerError("empty object identifier");
  const arcs: number[] = [];
  let value = 0;
  for (let at = contentStart; at < contentEnd; at++) {
    const octet = bytes[at] as number;
    value = value * 128 + (octet & 0x7f);
    if (!(octet & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  if ((bytes[contentEnd - 1] as number) & 0x80) throw new BerError("truncated object identifier");
  const head = arcs[0] as number;
  const first = head < 40 ? 0 : head < 80 ? 1 : 2;
  return `${first}.${head - first * 40}${arcs.length > 1 ? `.${arcs.slice(1).join(".")}` : ""}`;
}

/** A non-negative INTEGER as lower-case hex without leading zeros ("0" for zero). */
export function readIntegerHex(bytes: Uint8Array, element: Element): string {
  expectTag(element, Tag.integer, "integer");
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset + element.contentStart, element.contentEnd - element.contentStart)
    .toString("hex")
    .replace(/^0+/, "");
  return hex === "" ? "0" : hex;
}

/** A small INTEGER (a version, a salt length). */
export function readSmallInteger(bytes: Uint8Array, element: Element): number {
  expectTag(element, Tag.integer, "integer");
  if (element.contentEnd - element.contentStart > 4) throw new BerError("integer too large");
  let value = 0;
  for (let at = element.contentStart; at < element.contentEnd; at++) value = value * 256 + (bytes[at] as number);
  return value;
}

const utcTime = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/;
const generalizedTime = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?([.,]\d+)?(Z|[+-]\d{4})?$/;

/** A UTCTime (years 50–99 are 19xx) or GeneralizedTime. */
export function readTime(bytes: Uint8Array, element: Element): Date {
  const text = Buffer.from(readStringBytes(bytes, element)).toString("latin1");
  let parts: RegExpExecArray | null;
  let year: number;
  if (element.tag === Tag.utcTime && (parts = utcTime.exec(text))) {
    const yy = Number(parts[1]);
    year = yy < 50 ? 2000 + yy : 1900 + yy;
  } else if (element.tag === Tag.generalizedTime && (parts = generalizedTime.exec(text))) {
    year = Number(parts[1]);
  } else {
    throw new BerError(`time expected, found "${text}"`);
  }
  const [, , month, day, hour, minute = "0", second = "0"] = parts;
  const fraction = element.tag === Tag.generalizedTime ? (parts[7] ?? "") : "";
  const zone = (element.tag === Tag.utcTime ? parts[7] : parts[8]) ?? "Z";
  let millis = Date.UTC(year, Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (fraction) millis += Math.round(Number(`0.${fraction.slice(1)}`) * 1000);
  if (zone !== "Z") {
    const offset = (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
    millis += zone.startsWith("+") ? -offset : offset;
  }
  return new Date(millis);
}

/** Character strings of the types X.509 names use. */
export function readText(bytes: Uint8Array, element: Element): string | undefined {
  const content = Buffer.from(readStringBytes(bytes, element));
  switch (element.tag & ~0x20) {
    case Tag.utf8String:
      return content.toString("utf8");
    case Tag.printableString:
    case Tag.ia5String:
    case Tag.numericString:
    case Tag.visibleString:
    case Tag.teletexString:
      return content.toString("latin1");
    case Tag.bmpString:
      return content.swap16().toString("utf16le");
    case Tag.universalString: {
      let text = "";
      for (let at = 0; at + 4 <= content.length; at += 4) text += String.fromCodePoint(content.readUInt32BE(at));
      return text;
    }
    default:
      return undefined;
  }
}

/**
 * The DER encoding of an element: its own bytes when they are DER already,
 * otherwise rebuilt with definite, shortest lengths (the order of SET members
 * is kept: it is what the signer encoded).
 */
export function toDer(bytes: Uint8Array, element: Element): Uint8Array {
  if (!needsReencoding(bytes, element)) return bytes.subarray(element.start, element.end);
  return Buffer.concat(encodeDer(bytes, element));
}

function needsReencoding(bytes: Uint8Array, element: Element): boolean {
  if (element.notDer) return true;
  if (!(element.tag & 0x20)) return false;
  return readChildren(bytes, element).some((child) => needsReencoding(bytes, child));
}

function encodeDer(bytes: Uint8Array, element: Element): Uint8Array[] {
  const identifier = bytes.subarray(element.start, identifierEnd(bytes, element.start));
  const contents =
    element.tag & 0x20
      ? readChildren(bytes, element).flatMap((child) => encodeDer(bytes, child))
      : [bytes.subarray(element.contentStart, element.contentEnd)];
  const length = contents.reduce((sum, part) => sum + part.length, 0);
  return [identifier, encodeLength(length), ...contents];
}

function identifierEnd(bytes: Uint8Array, start: number): number {
  let at = start + 1;
  if (((bytes[start] as number) & 0x1f) === 0x1f) while ((bytes[at++] as number) & 0x80);
  return at;
}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return Uint8Array.of(0x80 | octets.length, ...octets);
}
