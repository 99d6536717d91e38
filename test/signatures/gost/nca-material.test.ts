/**
 * Kazakhstan's real GOST test objects (test/fixtures/nca, from malikzh/NCANode,
 * MIT): each verifies, and one changed bit makes it invalid.
 */
import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { subjectPublicKeyInfoOf } from "../../../src/signatures/certificate-facts.js";
import { inspectCms } from "../../../src/signatures/cms-inspection.js";
import { checkSignedObject } from "../../../src/signatures/signed-object.js";
import { loadTrustAnchors } from "../../../src/signatures/trust-anchors.js";
import { inspectXml } from "../../../src/signatures/xml-inspection.js";

const fixtures = new URL("../../fixtures/nca/", import.meta.url);
const fixture = async (name: string) => readFile(new URL(name, fixtures));

/** A copy of `bytes` with one bit of the byte at `offset` (from the end when negative) flipped. */
const flipBit = (bytes: Uint8Array, offset: number) => {
  const copy = Buffer.from(bytes);
  const at = offset < 0 ? copy.length + offset : offset;
  copy[at] = (copy[at] as number) ^ 0x04;
  return copy;
};

let ca2004: Uint8Array;
let ca2015: Uint8Array;
beforeAll(async () => {
  ca2004 = new X509Certificate(await fixture("ca/nca_gost_test.crt")).raw;
  ca2015 = new X509Certificate(await fixture("ca/nca_gost2015_test.cer")).raw;
});

describe("GOST 34.310-2004 (CryptoPro-A, GOST 34.311-95)", () => {
  it("verifies the CEO certificate's signature by the NCA GOST test CA", async () => {
    const ceo = new X509Certificate(await fixture("ceo_valid_sign_2004_gost.cer")).raw;
    expect(checkSignedObject(ceo, subjectPublicKeyInfoOf(ca2004))).toEqual({ status: "valid" });
    expect(checkSignedObject(flipBit(ceo, -10), subjectPublicKeyInfoOf(ca2004))?.status).toBe("invalid"); // the signature
    expect(checkSignedObject(flipBit(ceo, 200), subjectPublicKeyInfoOf(ca2004))?.status).toBe("invalid"); // the signed TBSCertificate
    expect(checkSignedObject(ceo, subjectPublicKeyInfoOf(ca2015))).toMatchObject({
      status: "invalid",
      reason: expect.stringContaining("cannot check"),
    });
  });

  it("verifies the CA's CRL", async () => {
    const crl = await fixture("nca_gost_test.crl");
    expect(checkSignedObject(crl, subjectPublicKeyInfoOf(ca2004))).toEqual({ status: "valid" });
    expect(checkSignedObject(flipBit(crl, 100), subjectPublicKeyInfoOf(ca2004))?.status).toBe("invalid");
  });

  it("verifies the time-stamp token's SignerInfo, and refuses it with one bit changed", async () => {
    const token = await fixture("tsp_token.bin");
    const status = (bytes: Uint8Array) => inspectCms(Buffer.from(bytes).toString("base64")).signers[0]?.verification;
    expect(status(token)).toMatchObject({ status: "valid", reason: undefined });
    // The last 64 bytes are the signature value; byte 100 is inside the TSTInfo the messageDigest covers.
    expect(status(flipBit(token, -5))).toMatchObject({
      status: "invalid",
      reason: "the signature value does not match the certificate's key",
    });
    expect(status(flipBit(token, 100))).toMatchObject({
      status: "invalid",
      reason: "the messageDigest attribute does not match the content",
    });
  });
});

describe("GOST keys on curves of unknown parameters", () => {
  it("are reported UNSUPPORTED_ALGORITHM naming the curve, never valid or invalid", async () => {
    const token = Buffer.from(await fixture("tsp_token.bin"));
    // The TSA key's curve OID 1.2.398.3.10.1.1.1.1.1 (at 452, ten content bytes) becomes 1.2.398.3.10.1.1.1.1.7.
    expect(token[463]).toBe(1);
    token[463] = 7;
    expect(inspectCms(token.toString("base64")).signers[0]?.verification).toMatchObject({
      status: "unsupported-algorithm",
      reason: "GOST curve 1.2.398.3.10.1.1.1.1.7",
    });
  });
});

describe("GOST R 34.10-2015 512-bit (tc26 paramSetA, Streebog-512)", () => {
  it("verifies the 2022 test CA's CRL, and refuses it with one bit changed", async () => {
    const crl = await fixture("nca_gost2022_test.crl");
    expect(checkSignedObject(crl, subjectPublicKeyInfoOf(ca2015))).toEqual({ status: "valid" });
    expect(checkSignedObject(flipBit(crl, -3), subjectPublicKeyInfoOf(ca2015))?.status).toBe("invalid");
    expect(checkSignedObject(flipBit(crl, 60), subjectPublicKeyInfoOf(ca2015))?.status).toBe("invalid");
  });

  it("verifies the Kalkan XML signature and its chain to the 2022 test CA", async () => {
    const xml = (await fixture("kalkan-rsa-and-gost-signed.xml")).toString();
    const anchors = { certificates: [new X509Certificate(ca2015)] };
    const gost = inspectXml(xml, anchors).signers[1]?.verification;
    expect(gost).toMatchObject({ status: "valid", reason: undefined, chain: { status: "trusted" } });
  });

  it("refuses the Kalkan XML signature when its value or the signed document changes", async () => {
    const xml = (await fixture("kalkan-rsa-and-gost-signed.xml")).toString();
    const values = [...xml.matchAll(/<ds:SignatureValue>\s*/g)];
    const at = (values[1]?.index as number) + (values[1]?.[0].length as number);
    const otherValue = xml.slice(0, at) + (xml[at] === "A" ? "B" : "A") + xml.slice(at + 1);
    expect(inspectXml(otherValue).signers[1]?.verification).toMatchObject({ status: "invalid" });
    const otherDocument = xml.replace("<b>test</b>", "<b>tesT</b>");
    expect(inspectXml(otherDocument).signers.map((signer) => signer.verification.status)).toEqual(["invalid", "invalid"]);
  });
});

describe("GOST trust anchors", () => {
  it("chains a GOST signer to a GOST anchor of TRUST_ANCHORS_DIR's form, and not with a changed bit", async () => {
    const anchors = loadTrustAnchors(new URL("ca", fixtures).pathname);
    const token = await fixture("tsp_token.bin");
    const [signer] = inspectCms(token.toString("base64"), undefined, anchors).signers;
    expect(signer?.verification.chain).toEqual({ status: "trusted", reason: undefined });
    const [other] = inspectCms(flipBit(token, 960).toString("base64"), undefined, anchors).signers; // in the TSA certificate's signature
    expect(other?.verification.chain.status).toBe("untrusted");
  });
});
