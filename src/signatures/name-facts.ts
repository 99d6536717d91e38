/**
 * An X.500 Name read attribute by attribute from its DER, so multi-valued
 * RDNs, escaped characters and Cyrillic values come out exactly as encoded
 * (a DN string printed by another library cannot be parsed back reliably).
 */
import { DER_TAG, type DerElement, readChildren, readOid, readString } from "./der-reader.js";
import type { NameFacts } from "./payload-facts.js";

const OID = {
  commonName: "2.5.4.3",
  surname: "2.5.4.4",
  serialNumber: "2.5.4.5",
  country: "2.5.4.6",
  organization: "2.5.4.10",
  organizationalUnit: "2.5.4.11",
  givenName: "2.5.4.42",
  email: "1.2.840.113549.1.9.1",
} as const;

/** Short names for the RFC 4514 display string; other types print as their dotted OID. */
const LABELS: Readonly<Record<string, string>> = {
  [OID.commonName]: "CN",
  [OID.surname]: "SURNAME",
  [OID.serialNumber]: "SERIALNUMBER",
  [OID.country]: "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.9": "STREET",
  [OID.organization]: "O",
  [OID.organizationalUnit]: "OU",
  [OID.givenName]: "GIVENNAME",
  [OID.email]: "E",
  "0.9.2342.19200300.100.1.25": "DC",
  "0.9.2342.19200300.100.1.1": "UID",
};

const IIN = /^IIN(\d{12})$/;
const BIN = /^BIN(\d{12})$/;

/** The facts of the Name whose SEQUENCE is `name`. */
export function readNameFacts(der: Uint8Array, name: DerElement): NameFacts {
  const values = new Map<string, string[]>();
  const rdns: string[] = [];
  for (const rdn of readChildren(der, name)) {
    if (rdn.tag !== DER_TAG.SET) continue;
    const parts: string[] = [];
    for (const attribute of readChildren(der, rdn)) {
      const [type, value] = readChildren(der, attribute);
      if (type === undefined || value === undefined) continue;
      const oid = readOid(der, type);
      const text = readString(der, value);
      const list = values.get(oid);
      if (list) list.push(text);
      else values.set(oid, [text]);
      parts.push(`${LABELS[oid] ?? oid}=${escapeRfc4514(text)}`);
    }
    rdns.push(parts.join("+"));
  }
  const first = (oid: string) => values.get(oid)?.[0];
  // NCA puts the IIN in SERIALNUMBER and the BIN in OU, but a SERIALNUMBER may hold a BIN too.
  const ids = [...(values.get(OID.serialNumber) ?? []), ...(values.get(OID.organizationalUnit) ?? [])];
  const matchId = (pattern: RegExp) => {
    for (const id of ids) {
      const match = pattern.exec(id);
      if (match) return match[1];
    }
    return undefined;
  };
  return {
    // RFC 4514 lists the RDNs last first.
    dn: rdns.reverse().join(","),
    commonName: first(OID.commonName),
    surname: first(OID.surname),
    givenName: first(OID.givenName),
    iin: matchId(IIN),
    bin: matchId(BIN),
    organization: first(OID.organization),
    email: first(OID.email),
    country: first(OID.country),
  };
}

/** RFC 4514 section 2.4 escaping. */
function escapeRfc4514(value: string): string {
  let escaped = value.replace(/[\\"+,;<>=]/g, (c) => `\\${c}`).replace(/\0/g, "\\00");
  if (escaped.startsWith(" ") || escaped.startsWith("#")) escaped = `\\${escaped}`;
  if (escaped.endsWith(" ") && escaped.length > 1) escaped = `${escaped.slice(0, -1)}\\ `;
  return escaped;
}
