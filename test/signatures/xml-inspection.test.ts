import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { SignedXml } from "xml-crypto";
import { maxSigners, PayloadError, type PayloadProblem } from "../../src/signatures/payload-facts.js";
import { inspectXml } from "../../src/signatures/xml-inspection.js";
import { makeNcaTestSigner, type NcaTestSigner } from "../helpers/nca-test-certificates.js";

/** No trust anchors are given to these inspections. */
const notConfigured = { status: "not-configured", reason: undefined } as const;

const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
const XADES = "http://uri.etsi.org/01903/v1.3.2#";

const DOCUMENT = '<?xml version="1.0" encoding="UTF-8"?><заявка id="42"><сумма валюта="KZT">1000</сумма><b>test</b></заявка>';

interface SignOptions {
  readonly canonicalization?: string;
  /** An XAdES SigningTime carried in a ds:Object of the signature. */
  readonly signingTime?: string;
}

/** Appends an enveloped ds:Signature over the whole document, as Kalkan does. */
function sign(xml: string, signer: NcaTestSigner, options: SignOptions = {}): string {
  const canonicalization = options.canonicalization ?? EXC_C14N;
  const signature = new SignedXml({
    privateKey: signer.key,
    publicCert: signer.certificate,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: canonicalization,
    ...(options.signingTime
      ? {
          objects: [
            {
              content: `<xades:QualifyingProperties xmlns:xades="${XADES}"><xades:SignedProperties><xades:SignedSignatureProperties><xades:SigningTime>${options.signingTime}</xades:SigningTime></xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties>`,
            },
          ],
        }
      : {}),
  });
  signature.addReference({ xpath: "/*", transforms: [ENVELOPED, canonicalization], digestAlgorithm: SHA256, isEmptyUri: true });
  signature.computeSignature(xml, { prefix: "ds", location: { reference: "/*", action: "append" } });
  return signature.getSignedXml();
}

/** Another base64 character in place of `c`. */
function flip(c: string | undefined): string {
  return c === "A" ? "B" : "A";
}

function problemOf(payload: string): PayloadProblem | undefined {
  try {
    inspectXml(payload);
    return undefined;
  } catch (error) {
    if (error instanceof PayloadError) return error.problem;
    throw error;
  }
}

describe("inspectXml", () => {
  let legalEntity: NcaTestSigner;
  let individual: NcaTestSigner;

  beforeAll(async () => {
    [legalEntity, individual] = await Promise.all([
      makeNcaTestSigner({
        subject:
          '/CN=ТЕСТОВ ТЕСТ/SN=ТЕСТОВ/serialNumber=IIN123456789011/C=KZ/O=ТОО "Рога, и копыта"+OU=BIN123456789021/GN=ТЕСТОВИЧ/emailAddress=TEST@EXAMPLE.COM',
        extendedKeyUsages: ["1.3.6.1.5.5.7.3.4", "1.2.398.3.3.4.1.2", "1.2.398.3.3.4.1.2.1"],
      }),
      makeNcaTestSigner({
        subject: "/CN=ТЕСТТОВ ТЕСТТ/SN=ТЕСТТОВ/serialNumber=IIN123456789012/C=KZ/GN=ТЕСТТОВИЧ",
        keyUsage: "critical,digitalSignature,keyEncipherment",
      }),
    ]);
  }, 60_000);

  describe("one signature", () => {
    it("reports the signer's facts and a valid RSA-SHA256 signature", () => {
      const payload = sign(DOCUMENT, legalEntity);
      const facts = inspectXml(payload);
      expect(facts).toMatchObject({ format: "xml", detached: false });
      expect(facts.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(facts.signers).toHaveLength(1);
      const [signer] = facts.signers;
      expect(signer?.subject).toEqual({
        dn: 'E=TEST@EXAMPLE.COM,GIVENNAME=ТЕСТОВИЧ,OU=BIN123456789021+O=ТОО \\"Рога\\, и копыта\\",C=KZ,SERIALNUMBER=IIN123456789011,SURNAME=ТЕСТОВ,CN=ТЕСТОВ ТЕСТ',
        commonName: "ТЕСТОВ ТЕСТ",
        surname: "ТЕСТОВ",
        givenName: "ТЕСТОВИЧ",
        iin: "123456789011",
        bin: "123456789021",
        organization: 'ТОО "Рога, и копыта"',
        email: "TEST@EXAMPLE.COM",
        country: "KZ",
      });
      expect(signer?.issuer).toMatchObject({ dn: "CN=ҰКО TEST (RSA),C=KZ", commonName: "ҰКО TEST (RSA)", country: "KZ" });
      expect(signer?.certificateSerial).toMatch(/^[1-9a-f][0-9a-f]*$/);
      expect(signer?.keyUsage).toBe("sign");
      expect(signer?.roles).toEqual(["legal_entity", "ceo"]);
      expect(signer?.extendedKeyUsages).toEqual(["1.3.6.1.5.5.7.3.4", "1.2.398.3.3.4.1.2", "1.2.398.3.3.4.1.2.1"]);
      expect(signer?.signatureAlgorithm).toEqual({ id: RSA_SHA256, name: "sha256WithRSAEncryption" });
      expect(signer?.digestAlgorithm).toEqual({ id: SHA256, name: "SHA-256" });
      expect(signer?.signingTime).toBeUndefined();
      expect(signer?.timeStamp).toBeUndefined();
      expect(signer?.verification).toEqual({
        status: "valid",
        reason: undefined,
        certificateValidAtSigningTime: true,
        revocationChecked: false,
        chain: notConfigured,
      });
    });

    it("hashes the payload exactly as given", async () => {
      const payload = sign(DOCUMENT, individual);
      const { createHash } = await import("node:crypto");
      expect(inspectXml(payload).sha256).toBe(createHash("sha256").update(payload).digest("hex"));
    });

    it.each([
      ["exclusive", EXC_C14N],
      ["inclusive", C14N],
      ["inclusive with comments", `${C14N}#WithComments`],
    ])("verifies %s canonicalisation", (_name, canonicalization) => {
      const payload = sign(DOCUMENT.replace("<b>", "<!-- note --><b>"), individual, { canonicalization });
      expect(inspectXml(payload).signers[0]?.verification.status).toBe("valid");
    });

    it("reads the key usage of an authentication key", () => {
      expect(inspectXml(sign(DOCUMENT, individual)).signers[0]).toMatchObject({ keyUsage: "auth", roles: ["individual"] });
    });

    it("reads the XAdES SigningTime and checks the certificate's validity at it", () => {
      const payload = sign(DOCUMENT, individual, { signingTime: "2001-02-03T04:05:06Z" });
      const [signer] = inspectXml(payload).signers;
      expect(signer?.signingTime).toEqual(new Date("2001-02-03T04:05:06Z"));
      expect(signer?.verification).toMatchObject({ status: "valid", certificateValidAtSigningTime: false });
    });

    it("accepts a byte-order mark and a newline before the XML declaration", () => {
      const facts = inspectXml(`\uFEFF\n${sign(DOCUMENT, individual)}`);
      expect(facts.signers[0]?.verification.status).toBe("valid");
    });
  });

  describe("tampering", () => {
    it("reports a changed byte of the signed content as invalid, naming the reference", () => {
      const payload = sign(DOCUMENT, legalEntity).replace(">1000<", ">9000<");
      const { verification } = inspectXml(payload).signers[0] ?? {};
      expect(verification?.status).toBe("invalid");
      expect(verification?.reason).toMatch(/digest/);
    });

    it("reports a changed signature value as invalid", () => {
      const payload = sign(DOCUMENT, legalEntity).replace(/<ds:SignatureValue>(.)/, (_m, c: string) => `<ds:SignatureValue>${flip(c)}`);
      const { verification } = inspectXml(payload).signers[0] ?? {};
      expect(verification?.status).toBe("invalid");
      expect(verification?.reason).toMatch(/signature value/);
    });

    it("reports a changed SignedInfo as invalid", () => {
      const payload = sign(DOCUMENT, legalEntity).replace(
        /<ds:DigestValue>[^<]+</,
        "<ds:DigestValue>47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=<",
      );
      expect(inspectXml(payload).signers[0]?.verification.status).toBe("invalid");
    });
  });

  describe("stacked signatures", () => {
    it("verifies both, the later one covering the earlier, in document order", () => {
      const payload = sign(sign(DOCUMENT, legalEntity), individual);
      const { signers } = inspectXml(payload);
      expect(signers.map((signer) => signer.subject.iin)).toEqual(["123456789011", "123456789012"]);
      expect(signers.map((signer) => signer.verification.status)).toEqual(["valid", "valid"]);
    });

    it("keeps carriage returns of the content when checking the earlier signature", () => {
      const withCarriageReturn = DOCUMENT.replace("<b>test</b>", "<b>line&#13;\nline</b>");
      const payload = sign(sign(withCarriageReturn, legalEntity), individual);
      expect(inspectXml(payload).signers.map((signer) => signer.verification.status)).toEqual(["valid", "valid"]);
    });

    it("mixes canonicalisations", () => {
      const payload = sign(sign(DOCUMENT, legalEntity, { canonicalization: C14N }), individual, { canonicalization: EXC_C14N });
      expect(inspectXml(payload).signers.map((signer) => signer.verification.status)).toEqual(["valid", "valid"]);
    });

    it("blames only the later signature for a change to its own value, both for a change to the earlier's", () => {
      const payload = sign(sign(DOCUMENT, legalEntity), individual);
      const statuses = (text: string) => inspectXml(text).signers.map((signer) => signer.verification.status);
      const later = payload.lastIndexOf("<ds:SignatureValue>") + "<ds:SignatureValue>".length;
      expect(statuses(`${payload.slice(0, later)}${flip(payload[later])}${payload.slice(later + 1)}`)).toEqual(["valid", "invalid"]);
      const earlier = payload.indexOf("<ds:SignatureValue>") + "<ds:SignatureValue>".length;
      expect(statuses(`${payload.slice(0, earlier)}${flip(payload[earlier])}${payload.slice(earlier + 1)}`)).toEqual([
        "invalid",
        "invalid",
      ]);
    });
  });

  describe("not a signed XML document", () => {
    it.each([
      ["plain text", "hello", "malformed-xml"],
      ["base64", "MIAGCSqGSIb3DQEHAqCAMIAC", "malformed-xml"],
      ["unclosed elements", "<a><b>test</b>", "malformed-xml"],
      ["mismatched tags", "<a><b>test</a></b>", "malformed-xml"],
      ["an empty string", "", "malformed-xml"],
      ["a DOCTYPE", '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', "malformed-xml"],
      ["XML without a signature", '<?xml version="1.0"?><a><b>test</b></a>', "xml-without-signature"],
      [
        "more ds:Signature elements than a payload may have",
        `<a>${'<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>'.repeat(maxSigners + 1)}</a>`,
        "too-many-signers",
      ],
      ["a Signature in another namespace", '<a><Signature xmlns="urn:other"><SignedInfo/></Signature></a>', "xml-without-signature"],
      [
        "a ds:Signature without a certificate",
        '<a><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature></a>',
        "signer-certificate-missing",
      ],
    ] as const)("refuses %s", (_name, payload, problem) => {
      expect(problemOf(payload)).toBe(problem);
    });

    it("refuses a DOCTYPE even after signing", () => {
      const payload = sign(DOCUMENT, individual).replace("<заявка", "<!DOCTYPE заявка><заявка");
      expect(problemOf(payload)).toBe("malformed-xml");
    });
  });

  it("reads a XAdES signature time-stamp (NCA's GOST-signed test token) and judges the certificate at its time", async () => {
    const token = await readFile(new URL("../fixtures/nca/tsp_token.bin", import.meta.url));
    const timeStamped = sign(DOCUMENT, individual).replace(
      "</ds:Signature>",
      `<ds:Object><xades:QualifyingProperties xmlns:xades="${XADES}"><xades:UnsignedProperties><xades:UnsignedSignatureProperties>` +
        `<xades:SignatureTimeStamp><xades:EncapsulatedTimeStamp>${token.toString("base64")}</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>` +
        "</xades:UnsignedSignatureProperties></xades:UnsignedProperties></xades:QualifyingProperties></ds:Object></ds:Signature>",
    );
    const [signer] = inspectXml(timeStamped).signers;
    expect(signer?.timeStamp).toEqual({ time: new Date("2022-09-18T13:20:14Z"), policy: "1.2.398.3.3.2.6.1" });
    // Unsigned properties are outside what the signature covers: it still verifies.
    expect(signer?.verification.status).toBe("valid");
    // The test certificate was made today, long after the token's time.
    expect(signer?.verification.certificateValidAtSigningTime).toBe(false);
  });

  describe("Kalkan-signed samples from NCANode", () => {
    const fixture = (name: string) => readFile(new URL(`../fixtures/nca/${name}`, import.meta.url), "utf8");
    const rsaSigner = {
      subject: {
        dn: "GIVENNAME=ТЕСТОВИЧ,C=KZ,SERIALNUMBER=IIN123456789011,SURNAME=ТЕСТОВ,CN=ТЕСТОВ ТЕСТ",
        commonName: "ТЕСТОВ ТЕСТ",
        surname: "ТЕСТОВ",
        givenName: "ТЕСТОВИЧ",
        iin: "123456789011",
        bin: undefined,
        organization: undefined,
        email: undefined,
        country: "KZ",
      },
      issuer: { dn: "CN=ҰКО 3.0 (RSA TEST),C=KZ", commonName: "ҰКО 3.0 (RSA TEST)", country: "KZ" },
      certificateSerial: "4279390a141f5353a62947b61ed65e81741467d1",
      notBefore: new Date("2021-01-18T13:09:14Z"),
      notAfter: new Date("2022-01-18T13:09:14Z"),
      keyUsage: "sign",
      roles: ["individual"],
      extendedKeyUsages: ["1.3.6.1.5.5.7.3.4", "1.2.398.3.3.4.1.1"],
      signingTime: undefined,
      signatureAlgorithm: { id: RSA_SHA256, name: "sha256WithRSAEncryption" },
      digestAlgorithm: { id: SHA256, name: "SHA-256" },
      // No SigningTime: judged at inspection time, long after the test certificate expired.
      verification: {
        status: "valid",
        reason: undefined,
        certificateValidAtSigningTime: false,
        revocationChecked: false,
        chain: notConfigured,
      },
    };

    it("verifies the RSA sample", async () => {
      const facts = inspectXml(await fixture("kalkan-rsa-signed.xml"));
      expect(facts.signers).toHaveLength(1);
      expect(facts.signers[0]).toMatchObject(rsaSigner);
    });

    it("reports a changed byte of the RSA sample as invalid", async () => {
      const payload = (await fixture("kalkan-rsa-signed.xml")).replace("<b>test</b>", "<b>tost</b>");
      expect(inspectXml(payload).signers[0]?.verification.status).toBe("invalid");
    });

    it("indexes the GOST 2015 signer stacked on the RSA one in full and verifies both", async () => {
      const facts = inspectXml(await fixture("kalkan-rsa-and-gost-signed.xml"));
      expect(facts.signers).toHaveLength(2);
      expect(facts.signers[0]).toMatchObject(rsaSigner);
      expect(facts.signers[1]).toMatchObject({
        subject: {
          dn: "GIVENNAME=ТЕСТТОВИЧ,C=KZ,SERIALNUMBER=IIN123456789012,SURNAME=ТЕСТТОВ,CN=ТЕСТТОВ ТЕСТТ",
          commonName: "ТЕСТТОВ ТЕСТТ",
          surname: "ТЕСТТОВ",
          givenName: "ТЕСТТОВИЧ",
          iin: "123456789012",
          country: "KZ",
        },
        issuer: { commonName: "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022", country: "KZ" },
        certificateSerial: "ff06211dc82beb00253ffa000f1de84abef454f",
        notBefore: new Date("2022-07-28T12:34:48Z"),
        notAfter: new Date("2023-07-28T12:34:48Z"),
        keyUsage: "sign",
        roles: ["individual"],
        signatureAlgorithm: {
          id: "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512",
          name: "GOST R 34.10-2015 (512-bit) with GOST R 34.11-2015 (512-bit)",
        },
        digestAlgorithm: {
          id: "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512",
          name: "GOST R 34.11-2015 (512-bit)",
        },
        verification: {
          status: "valid",
          reason: undefined,
          certificateValidAtSigningTime: false,
          revocationChecked: false,
          chain: notConfigured,
        },
      });
    });
  });
});
