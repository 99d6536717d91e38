import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GostR341194Hash } from "../../../src/signatures/gost/gost-r-34-11-94.js";
import { Streebog } from "../../../src/signatures/gost/streebog.js";

/** The RFCs print messages and hashes as numbers, most significant byte first: the reverse of the byte strings. */
const fromRfcNumber = (hex: string) => Buffer.from(hex.replace(/\s+/g, ""), "hex").reverse();
const toRfcNumber = (bytes: Uint8Array) => Buffer.from(bytes).reverse().toString("hex");

// RFC 6986 §10: M1 is the ASCII digits "0123…012" (63 bytes), M2 a line of the Tale of Igor's Campaign in CP1251 (72 bytes).
const m1 = fromRfcNumber(
  "323130393837363534333231303938373635343332313039383736353433323130393837363534333231303938373635343332313039383736353433323130",
);
const m2 = fromRfcNumber(
  "fbe2e5f0eee3c820fbeafaebef20fffbf0e1e0f0f520e0ed20e8ece0ebe5f0f2f120fff0eeec20f120faf2fee5e2202ce8f6f3ede220e8e6eee1e8f0f2d1202ce8f0f2e5e220e5d1",
);

describe("GOST R 34.11-94 with the test parameters (RFC 5831 §7.3)", () => {
  it("hashes the RFC's 32-byte and 50-byte examples", () => {
    const hash = (text: string) => toRfcNumber(new GostR341194Hash().update(Buffer.from(text, "ascii")).digest());
    expect(hash("This is message, length=32 bytes")).toBe("faff37a615a816691cff3ef8b68ca247e09525f39f8119832eb81975d366c4b1");
    expect(hash("Suppose the original message has length = 50 bytes")).toBe(
      "0852f5623b89dd57aeb4781fe54df14eeafbc1350613763a0d770aa657ba1a47",
    );
  });

  it("hashes any message the same whole and in random chunks", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(70), { maxLength: 12 }), (message, cuts) => {
        const whole = new GostR341194Hash().update(message).digest();
        expect(chunked(new GostR341194Hash(), message, cuts)).toEqual(whole);
      }),
    );
  });
});

describe("Streebog, GOST R 34.11-2012 (RFC 6986 §10)", () => {
  it("hashes M1 and M2 to the RFC's 512-bit values", () => {
    expect(toRfcNumber(new Streebog(512).update(m1).digest())).toBe(
      "486f64c1917879417fef082b3381a4e211c324f074654c38823a7b76f830ad00fa1fbae42b1285c0352f227524bc9ab16254288dd6863dccd5b9f54a1ad0541b",
    );
    expect(toRfcNumber(new Streebog(512).update(m2).digest())).toBe(
      "28fbc9bada033b1460642bdcddb90c3fb3e56c497ccd0f62b8a2ad4935e85f037613966de4ee00531ae60f3b5a47f8dae06915d5f2f194996fcabf2622e6881e",
    );
  });

  it("hashes M1 and M2 to the RFC's 256-bit values", () => {
    expect(toRfcNumber(new Streebog(256).update(m1).digest())).toBe("00557be5e584fd52a449b16b0251d05d27f94ab76cbaa6da890b59d8ef1e159d");
    expect(toRfcNumber(new Streebog(256).update(m2).digest())).toBe("508f7e553c06501d749a66fc28c6cac0b005746d97537fa85d9e40904efed29d");
  });

  it("hashes any message the same whole and in random chunks, in both sizes", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.nat(140), { maxLength: 12 }),
        fc.constantFrom(256 as const, 512 as const),
        (message, cuts, bits) => {
          const whole = new Streebog(bits).update(message).digest();
          expect(chunked(new Streebog(bits), message, cuts)).toEqual(whole);
        },
      ),
    );
  });

  it("changes its digest when one bit of the message changes", () => {
    const flipped = Buffer.from(m2);
    flipped[40] = (flipped[40] as number) ^ 0x10;
    expect(new Streebog(512).update(flipped).digest()).not.toEqual(new Streebog(512).update(m2).digest());
  });
});

function chunked(
  hash: { update(data: Uint8Array): unknown; digest(): Uint8Array },
  message: Uint8Array,
  cuts: readonly number[],
): Uint8Array {
  let offset = 0;
  for (const cut of cuts) {
    hash.update(message.subarray(offset, offset + cut));
    offset = Math.min(message.length, offset + cut);
  }
  hash.update(message.subarray(offset));
  return hash.digest();
}
