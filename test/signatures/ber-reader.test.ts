import { describe, expect, it } from "vitest";
import {
  BerError,
  readChildren,
  readElement,
  readOid,
  readStringBytes,
  readText,
  readTime,
  toDer,
} from "../../src/signatures/ber-reader.js";
import { der, derOid } from "../helpers/der-builder.js";

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ""), "hex");

describe("BER reader", () => {
  it("reads indefinite lengths and joins constructed string segments", () => {
    // SEQUENCE (indefinite) { OCTET STRING (constructed, indefinite) { "ab", "c" }, NULL }
    const bytes = hex("30 80 24 80 04 02 6162 04 01 63 0000 0500 0000");
    const outer = readElement(bytes, 0);
    expect(outer).toMatchObject({ end: bytes.length, notDer: true });
    const [string, nothing] = readChildren(bytes, outer);
    expect(Buffer.from(readStringBytes(bytes, string!)).toString()).toBe("abc");
    expect(nothing?.tag).toBe(0x05);
  });

  it("re-encodes BER as DER with definite, shortest lengths, and keeps DER as it is", () => {
    const ber = hex("31 80 30 81 03 06 01 2a 0000");
    expect(Buffer.from(toDer(ber, readElement(ber, 0))).toString("hex")).toBe("3105300306012a");
    const alreadyDer = der(0x31, der(0x30, derOid("1.2.840.113549.1.9.3")));
    expect(toDer(alreadyDer, readElement(alreadyDer, 0))).toEqual(alreadyDer);
  });

  it("decodes object identifiers, times and strings", () => {
    const oid = derOid("1.2.398.3.10.1.1.2.3.2");
    expect(readOid(oid, readElement(oid, 0))).toBe("1.2.398.3.10.1.1.2.3.2");
    const time = (tag: number, text: string) => {
      const bytes = der(tag, Buffer.from(text));
      return readTime(bytes, readElement(bytes, 0)).toISOString();
    };
    expect(time(0x17, "490101000000Z")).toBe("2049-01-01T00:00:00.000Z");
    expect(time(0x17, "500101000000Z")).toBe("1950-01-01T00:00:00.000Z");
    expect(time(0x18, "20220918132014.25Z")).toBe("2022-09-18T13:20:14.250Z");
    expect(time(0x18, "20220918182014+0500")).toBe("2022-09-18T13:20:14.000Z");
    const bmp = der(0x1e, hex("00d2 04b0"));
    expect(readText(bmp, readElement(bmp, 0))).toBe("\u00d2\u04b0");
  });

  it("throws BerError on truncation, lengths past the container and runaway nesting", () => {
    for (const bytes of [hex("30"), hex("30 05 0500"), hex("30 80 0500"), hex("30 84 ffffffff"), hex("04 80 0000")]) {
      expect(() => readElement(bytes, 0)).toThrow(BerError);
    }
    const deep = Buffer.concat([Buffer.alloc(200, 0x30).map((_, i) => (i % 2 ? 0x80 : 0x30)), Buffer.alloc(200, 0)]);
    expect(() => readElement(deep, 0)).toThrow(/nested too deeply/);
  });
});
