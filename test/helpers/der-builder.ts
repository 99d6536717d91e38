import { type Element, readChildren, readElement } from "../../src/signatures/ber-reader.js";

/** A DER element with this identifier octet around these contents. */
export function der(tag: number, ...contents: Uint8Array[]): Buffer {
  const body = Buffer.concat(contents);
  const length = body.length;
  const lengthOctets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) lengthOctets.unshift(rest % 256);
  const header = length < 0x80 ? [length] : [0x80 | lengthOctets.length, ...lengthOctets];
  return Buffer.concat([Uint8Array.of(tag, ...header), body]);
}

export function derOid(oid: string): Buffer {
  const [first = 0, second = 0, ...rest] = oid.split(".").map(Number);
  const octets: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const base128 = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) base128.unshift(0x80 | (value & 0x7f));
    octets.push(...base128);
  }
  return der(0x06, Uint8Array.from(octets));
}

/**
 * A copy of a DER CMS whose first SignerInfo carries an extra unsigned attribute
 * (it has none yet): unsigned attributes are outside the signature, so the
 * signature stays valid.
 */
export function withUnsignedAttribute(cms: Uint8Array, type: string, value: Uint8Array): Buffer {
  const attributes = der(0xa1, der(0x30, derOid(type), der(0x31, value)));
  // ContentInfo → [0] → SignedData → signerInfos (last) → first SignerInfo.
  return rebuild(cms, readElement(cms, 0), [1, 0, -1, 0], attributes);
}

function rebuild(bytes: Uint8Array, element: Element, path: readonly number[], appended: Buffer): Buffer {
  const children = readChildren(bytes, element);
  const [step, ...rest] = path;
  const parts: Uint8Array[] = children.map((child, index) =>
    step !== undefined && (index === step || (step < 0 && index === children.length + step))
      ? rebuild(bytes, child, rest, appended)
      : bytes.subarray(child.start, child.end),
  );
  if (step === undefined) parts.push(appended);
  return der(element.tag, ...parts);
}
