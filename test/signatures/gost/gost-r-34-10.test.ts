import { describe, expect, it } from "vitest";
import { verifyGostR3410 } from "../../../src/signatures/gost/gost-r-34-10.js";
import { rfc7091Examples as examples } from "./rfc7091-examples.js";

describe.each(examples)("GOST R 34.10 verification, RFC 7091 example $name", ({ curve, key, e, r, s }) => {
  const publicKey = { curve, ...key };

  it("accepts the example's signature", () => {
    expect(verifyGostR3410(publicKey, e, r, s)).toBe(true);
  });

  it("refuses it when one bit of the digest, r, s or the key changes", () => {
    expect(verifyGostR3410(publicKey, e ^ 1n, r, s)).toBe(false);
    expect(verifyGostR3410(publicKey, e, r ^ (1n << 17n), s)).toBe(false);
    expect(verifyGostR3410(publicKey, e, r, s ^ 2n)).toBe(false);
    expect(verifyGostR3410({ ...publicKey, y: key.y ^ 1n }, e, r, s)).toBe(false);
  });

  it("refuses r or s of zero or not below q", () => {
    expect(verifyGostR3410(publicKey, e, 0n, s)).toBe(false);
    expect(verifyGostR3410(publicKey, e, r, curve.q)).toBe(false);
    expect(verifyGostR3410(publicKey, e, r + curve.q, s)).toBe(false);
  });
});
