import { type Element, readChildren, readOid, readText } from "./ber-reader.js";
import { nameAttributeLabels } from "./object-identifiers.js";
import type { NameFacts } from "./payload-facts.js";

const iinValue = /^IIN(\d{12})$/;
const binValue = /^BIN(\d{12})$/;

type MutableNameFacts = { -readonly [K in keyof NameFacts]: NameFacts[K] };

/** Reads an X.501 Name attribute by attribute OID, never by parsing a DN string. */
export function readNameFacts(bytes: Uint8Array, name: Element): NameFacts {
  const facts: MutableNameFacts = {
    dn: "",
    commonName: undefined,
    surname: undefined,
    givenName: undefined,
    iin: undefined,
    bin: undefined,
    organization: undefined,
    email: undefined,
    country: undefined,
  };
  const rdns: string[] = [];
  for (const rdn of readChildren(bytes, name)) {
    const members: string[] = [];
    for (const attribute of readChildren(bytes, rdn)) {
      const [type, value] = readChildren(bytes, attribute);
      if (type === undefined || value === undefined) continue;
      const oid = readOid(bytes, type);
      const text = readText(bytes, value);
      members.push(`${nameAttributeLabels.get(oid) ?? oid}=${text === undefined ? hexValue(bytes, value) : escapeValue(text)}`);
      if (text !== undefined) noteAttribute(facts, oid, text);
    }
    rdns.push(members.join("+"));
  }
  // RFC 4514 writes the most specific RDN first: the reverse of the encoded order.
  facts.dn = rdns.reverse().join(",");
  return facts;
}

function noteAttribute(facts: MutableNameFacts, oid: string, text: string): void {
  switch (oid) {
    case "2.5.4.3":
      facts.commonName ??= text;
      break;
    case "2.5.4.4":
      facts.surname ??= text;
      break;
    case "2.5.4.42":
      facts.givenName ??= text;
      break;
    case "2.5.4.5":
      facts.iin ??= iinValue.exec(text)?.[1];
      facts.bin ??= binValue.exec(text)?.[1];
      break;
    case "2.5.4.11":
      facts.bin ??= binValue.exec(text)?.[1];
      break;
    case "2.5.4.10":
      facts.organization ??= text;
      break;
    case "1.2.840.113549.1.9.1":
      facts.email ??= text;
      break;
    case "2.5.4.6":
      facts.country ??= text;
      break;
  }
}

/** RFC 4514 §2.4 escaping of a string value. */
function escapeValue(text: string): string {
  let escaped = text.replace(/["+,;<>\\]/g, "\\$&").replace(/\0/g, "\\00");
  if (escaped.startsWith("#") || escaped.startsWith(" ")) escaped = `\\${escaped}`;
  if (escaped.endsWith(" ") && escaped.length > 1) escaped = `${escaped.slice(0, -1)}\\ `;
  return escaped;
}

/** RFC 4514 §2.4: a value that is not a string is written as '#' and the hex of its BER encoding. */
function hexValue(bytes: Uint8Array, value: Element): string {
  return `#${Buffer.from(bytes.subarray(value.start, value.end)).toString("hex")}`;
}
