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

// ContentInfo → [0] → SignedData → signerInfos (last) → first SignerInfo.
const firstSignerInfo = [1, 0, -1, 0];

/**
 * A copy of a DER CMS whose first SignerInfo carries an extra unsigned attribute
 * (it has none yet): unsigned attributes are outside the signature, so the
 * signature stays valid.
 */
export function withUnsignedAttribute(cms: Uint8Array, type: string, value: Uint8Array): Buffer {
  const attributes = der(0xa1, der(0x30, derOid(type), der(0x31, value)));
  return rewrite(cms, readElement(cms, 0), firstSignerInfo, (signerInfo, children) => der(signerInfo.tag, ...children, attributes));
}

/**
 * A copy of a DER CMS whose first SignerInfo's signed attributes use the BER
 * indefinite length form, as a BER encoder may write them; their DER
 * encoding, which the signature covers, is unchanged.
 */
export function withIndefiniteSignedAttributes(cms: Uint8Array): Buffer {
  return rewrite(cms, readElement(cms, 0), [...firstSignerInfo, 3], (attributes, children) =>
    Buffer.concat([Uint8Array.of(attributes.tag, 0x80), ...children, Uint8Array.of(0, 0)]),
  );
}

/** Re-encodes the ancestors of the element at `path` (child indexes, negative from the end) around its replacement. */
function rewrite(
  bytes: Uint8Array,
  element: Element,
  path: readonly number[],
  replace: (element: Element, children: Uint8Array[]) => Buffer,
): Buffer {
  const children = readChildren(bytes, element);
  const [step, ...rest] = path;
  const parts = children.map((child, index) =>
    step !== undefined && (index === step || (step < 0 && index === children.length + step))
      ? rewrite(bytes, child, rest, replace)
      : bytes.subarray(child.start, child.end),
  );
  return step === undefined ? replace(element, parts) : der(element.tag, ...parts);
}
