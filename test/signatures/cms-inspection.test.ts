import { createHash, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readElement } from "../../src/signatures/ber-reader.js";
import { locateCertificateFields } from "../../src/signatures/certificate-facts.js";
import { inspectCms } from "../../src/signatures/cms-inspection.js";
import { maxSigners, type NameFacts, PayloadError, type PayloadProblem, type SignerFacts } from "../../src/signatures/payload-facts.js";
import { der, derOid, withIndefiniteSignedAttributes, withUnsignedAttribute } from "../helpers/der-builder.js";
import { caExtensions, createOpensslWorkspace, type OpensslSigner, type OpensslWorkspace } from "../helpers/openssl-cms.js";

/** No trust anchors are given to these inspections. */
const notConfigured = { status: "not-configured", reason: undefined } as const;

const fixtures = new URL("../fixtures/nca/", import.meta.url);
const content = "Договор № 15: стороны согласовали условия поставки.\n";

const ncaSubject =
  '/CN=ТЕСТОВ ТЕСТ/SN=ТЕСТОВ/serialNumber=IIN123456789011/C=KZ/O=АО "ТЕСТ"/OU=BIN123456789021/GN=ТЕСТОВИЧ/emailAddress=test@example.com';
const ceoExtensions = [
  "keyUsage=critical,digitalSignature,nonRepudiation",
  "extendedKeyUsage=emailProtection,1.2.398.3.3.4.1.2,1.2.398.3.3.4.1.2.1",
  "subjectKeyIdentifier=hash",
];

const ncaStyleSubject: NameFacts = {
  dn: 'E=test@example.com,GIVENNAME=ТЕСТОВИЧ,OU=BIN123456789021,O=АО \\"ТЕСТ\\",C=KZ,SERIALNUMBER=IIN123456789011,SURNAME=ТЕСТОВ,CN=ТЕСТОВ ТЕСТ',
  commonName: "ТЕСТОВ ТЕСТ",
  surname: "ТЕСТОВ",
  givenName: "ТЕСТОВИЧ",
  iin: "123456789011",
  bin: "123456789021",
  organization: 'АО "ТЕСТ"',
  email: "test@example.com",
  country: "KZ",
};

const testCaName: NameFacts = {
  dn: "CN=ҰКО 3.0 (RSA TEST),C=KZ",
  commonName: "ҰКО 3.0 (RSA TEST)",
  surname: undefined,
  givenName: undefined,
  iin: undefined,
  bin: undefined,
  organization: undefined,
  email: undefined,
  country: "KZ",
};

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

function expectProblem(payload: string, problem: PayloadProblem): void {
  let thrown: unknown;
  try {
    inspectCms(payload);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(PayloadError);
  expect((thrown as PayloadError).problem).toBe(problem);
}

function onlySigner(payload: string, detachedContent?: Uint8Array): SignerFacts {
  const facts = inspectCms(payload, detachedContent);
  expect(facts.signers).toHaveLength(1);
  return facts.signers[0] as SignerFacts;
}

/** Certificate facts as Node's own X.509 parser reads them, to compare with. */
async function certificateFacts(signer: OpensslSigner) {
  const certificate = new X509Certificate(await readFile(signer.certificateFile));
  return {
    certificateSerial: certificate.serialNumber.toLowerCase().replace(/^0+/, ""),
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
  };
}

function flipByteAt(bytes: Uint8Array, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] as number) ^ 0x01;
  return copy;
}

describe("inspectCms", () => {
  let openssl: OpensslWorkspace;
  let ca: OpensslSigner;
  let ceo: OpensslSigner;
  let ecdsa: OpensslSigner;
  let attached: Buffer;

  beforeAll(async () => {
    openssl = await createOpensslWorkspace();
    ca = await openssl.makeCertificate("ca", {
      key: "rsa",
      subject: "/C=KZ/CN=ҰКО 3.0 (RSA TEST)",
      extensions: caExtensions,
    });
    ceo = await openssl.makeCertificate("ceo", { key: "rsa", subject: ncaSubject, extensions: ceoExtensions, issuer: ca });
    ecdsa = await openssl.makeCertificate("individual-auth", {
      key: "ec",
      subject: "/CN=ИВАНОВ ИВАН/SN=ИВАНОВ/serialNumber=IIN990101300123/C=KZ/GN=ИВАНОВИЧ",
      extensions: [
        "keyUsage=critical,digitalSignature,keyEncipherment",
        "extendedKeyUsage=clientAuth,1.2.398.3.3.4.1.1,1.2.398.3.3.4.3.2.1",
      ],
      issuer: ca,
    });
    attached = await openssl.signCms(content, [ceo], ["-nodetach"]);
  });

  afterAll(async () => {
    await openssl.remove();
  });

  describe("facts", () => {
    it("reads every fact of an NCA-style RSA signer and verifies it", async () => {
      const before = Date.now();
      const facts = inspectCms(base64(attached));
      expect(facts.format).toBe("cms");
      expect(facts.detached).toBe(false);
      expect(facts.sha256).toBe(createHash("sha256").update(base64(attached)).digest("hex"));
      expect(facts.signers).toHaveLength(1);
      const signer = facts.signers[0] as SignerFacts;
      expect(signer).toMatchObject({
        subject: ncaStyleSubject,
        issuer: testCaName,
        ...(await certificateFacts(ceo)),
        keyUsage: "sign",
        roles: ["legal_entity", "ceo"],
        extendedKeyUsages: ["1.3.6.1.5.5.7.3.4", "1.2.398.3.3.4.1.2", "1.2.398.3.3.4.1.2.1"],
        timeStamp: undefined,
        digestAlgorithm: { id: "2.16.840.1.101.3.4.2.1", name: "sha256" },
        signatureAlgorithm: { id: "1.2.840.113549.1.1.1", name: "rsaEncryption" },
        verification: {
          status: "valid",
          reason: undefined,
          certificateValidAtSigningTime: true,
          revocationChecked: false,
          chain: notConfigured,
        },
      });
      // openssl writes the signing time in whole seconds.
      expect(signer.signingTime?.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 60_000);
      expect(signer.signingTime?.getTime()).toBeLessThanOrEqual(Date.now());
    });

    it("reads an ECDSA signer with auth key usage and the identification role", async () => {
      const signer = onlySigner(base64(await openssl.signCms(content, [ecdsa], ["-nodetach", "-md", "sha384"])));
      expect(signer).toMatchObject({
        subject: {
          dn: "GIVENNAME=ИВАНОВИЧ,C=KZ,SERIALNUMBER=IIN990101300123,SURNAME=ИВАНОВ,CN=ИВАНОВ ИВАН",
          commonName: "ИВАНОВ ИВАН",
          surname: "ИВАНОВ",
          givenName: "ИВАНОВИЧ",
          iin: "990101300123",
          bin: undefined,
          organization: undefined,
          email: undefined,
          country: "KZ",
        },
        issuer: testCaName,
        ...(await certificateFacts(ecdsa)),
        keyUsage: "auth",
        roles: ["individual", "identification"],
        extendedKeyUsages: ["1.3.6.1.5.5.7.3.2", "1.2.398.3.3.4.1.1", "1.2.398.3.3.4.3.2.1"],
        digestAlgorithm: { id: "2.16.840.1.101.3.4.2.2", name: "sha384" },
        signatureAlgorithm: { id: "1.2.840.10045.4.3.3", name: "ecdsa-with-SHA384" },
        verification: {
          status: "valid",
          reason: undefined,
          certificateValidAtSigningTime: true,
          revocationChecked: false,
          chain: notConfigured,
        },
      });
    });

    it("reads and verifies both signers of a two-signer CMS", async () => {
      const facts = inspectCms(base64(await openssl.signCms(content, [ceo, ecdsa], ["-nodetach"])));
      // openssl sorts the SignerInfos as a DER SET OF, so the payload order is not the command line's.
      const signers = facts.signers.map((signer) => [signer.subject.iin, signer.keyUsage, signer.verification.status]);
      expect(signers.sort()).toEqual([
        ["123456789011", "sign", "valid"],
        ["990101300123", "auth", "valid"],
      ]);
    });

    it("accepts BER with indefinite lengths as NCALayer and openssl -stream emit it", async () => {
      const ber = await openssl.signCms(content, [ceo], ["-nodetach", "-stream"]);
      expect(base64(ber)).toMatch(/^MIAGCSqGSIb3DQEHAqCAMIAC/);
      const signer = onlySigner(base64(ber));
      expect(signer.subject).toEqual(ncaStyleSubject);
      expect(signer.verification.status).toBe("valid");
    });

    it("verifies signed attributes written with an indefinite length by re-encoding them as DER", () => {
      const ber = withIndefiniteSignedAttributes(attached);
      expect(ber.indexOf(Uint8Array.of(0xa0, 0x80, 0x30))).toBeGreaterThan(0);
      const signer = onlySigner(base64(ber));
      expect(signer.signingTime).toBeInstanceOf(Date);
      expect(signer.verification.status).toBe("valid");
      // The same bytes with one attribute altered must still fail: the re-encoding is of what was sent.
      const signingTime = derOid("1.2.840.113549.1.9.5");
      expect(onlySigner(base64(flipByteAt(ber, ber.indexOf(signingTime) + signingTime.length + 6))).verification.status).toBe("invalid");
    });

    it("accepts PEM and base64 with line breaks", async () => {
      const pem = await openssl.signCms(content, [ceo], ["-nodetach", "-outform", "PEM"]);
      expect(pem.toString()).toMatch(/^-----BEGIN CMS-----\n/);
      expect(onlySigner(pem.toString()).verification.status).toBe("valid");
      const pkcs7 = pem.toString().replaceAll("CMS-----", "PKCS7-----");
      expect(onlySigner(pkcs7).subject).toEqual(ncaStyleSubject);
      const wrapped = base64(attached).replace(/.{64}/g, "$&\r\n");
      expect(onlySigner(`  ${wrapped}\n`).verification.status).toBe("valid");
    });

    it("finds the certificate by subject key identifier", async () => {
      const signer = onlySigner(base64(await openssl.signCms(content, [ceo], ["-nodetach", "-keyid"])));
      expect(signer.subject).toEqual(ncaStyleSubject);
      expect(signer.verification.status).toBe("valid");
    });

    it("verifies RSA-PSS", async () => {
      const signer = onlySigner(base64(await openssl.signCms(content, [ceo], ["-nodetach", "-keyopt", "rsa_padding_mode:pss"])));
      expect(signer.signatureAlgorithm).toEqual({ id: "1.2.840.113549.1.1.10", name: "RSASSA-PSS" });
      expect(signer.verification.status).toBe("valid");
    });

    it("verifies a signature over the content itself when there are no signed attributes", async () => {
      const signer = onlySigner(base64(await openssl.signCms(content, [ceo], ["-nodetach", "-noattr"])));
      expect(signer.signingTime).toBeUndefined();
      expect(signer.verification.status).toBe("valid");
    });

    it("reports a detached CMS without its content, and verifies it with the content", async () => {
      const detached = base64(await openssl.signCms(content, [ceo], []));
      const facts = inspectCms(detached);
      expect(facts.detached).toBe(true);
      expect(facts.signers[0]?.verification).toEqual({
        status: "detached-content-missing",
        reason: undefined,
        certificateValidAtSigningTime: true,
        revocationChecked: false,
        chain: notConfigured,
      });
      expect(onlySigner(detached, Buffer.from(content)).verification.status).toBe("valid");
      const other = onlySigner(detached, Buffer.from(`${content}!`)).verification;
      expect(other.status).toBe("invalid");
      expect(other.reason).toMatch(/messageDigest/);
    });

    it("judges the certificate's validity at the signing time, else at the time-stamp's time", async () => {
      // The certificate was made today; the NCA time-stamp token is from 2022.
      const signer = onlySigner(base64(withUnsignedAttribute(attached, "1.2.840.113549.1.9.16.2.14", await tspToken())));
      expect(signer.verification.certificateValidAtSigningTime).toBe(true);
      const noAttributes = await openssl.signCms(content, [ceo], ["-nodetach", "-noattr"]);
      const stamped = onlySigner(base64(withUnsignedAttribute(noAttributes, "1.2.840.113549.1.9.16.2.14", await tspToken())));
      expect(stamped.signingTime).toBeUndefined();
      expect(stamped.verification).toEqual({
        status: "valid",
        reason: undefined,
        certificateValidAtSigningTime: false,
        revocationChecked: false,
        chain: notConfigured,
      });
    });
  });

  describe("NCA test material (malikzh/NCANode)", () => {
    it("inspects the GOST-signed time-stamp token in full and verifies its GOST 34.310-2004 signature", async () => {
      const facts = inspectCms(base64(await tspToken()));
      expect(facts.detached).toBe(false);
      expect(facts.signers).toEqual([
        {
          subject: {
            dn: 'OU=BIN123456789021,O=АО \\"ТЕСТ\\",C=KZ,SERIALNUMBER=IIN123456789011,CN=СЕРВИС МЕТКИ ВРЕМЕНИ',
            commonName: "СЕРВИС МЕТКИ ВРЕМЕНИ",
            surname: undefined,
            givenName: undefined,
            iin: "123456789011",
            bin: "123456789021",
            organization: 'АО "ТЕСТ"',
            email: undefined,
            country: "KZ",
          },
          issuer: { ...testCaName, dn: "CN=ҰКО 3.0 (GOST TEST),C=KZ", commonName: "ҰКО 3.0 (GOST TEST)" },
          certificateSerial: "622ddd64fc75397c61d228530beefe9e1cf87094",
          notBefore: new Date("2021-03-25T10:03:39Z"),
          notAfter: new Date("2024-03-24T10:03:39Z"),
          keyUsage: "unknown",
          roles: [],
          extendedKeyUsages: ["1.3.6.1.5.5.7.3.8"],
          signingTime: new Date("2022-09-18T13:20:14Z"),
          timeStamp: undefined,
          digestAlgorithm: { id: "1.2.398.3.10.1.3.1", name: "GOST 34.311-95" },
          signatureAlgorithm: { id: "1.2.398.3.10.1.1.1.2", name: "GOST 34.310-2004" },
          verification: {
            status: "valid",
            reason: undefined,
            certificateValidAtSigningTime: true,
            revocationChecked: false,
            chain: notConfigured,
          },
        },
      ]);
    });

    it("reads the GOST token's time and policy as a signer's signature time-stamp", async () => {
      const signer = onlySigner(base64(withUnsignedAttribute(attached, "1.2.840.113549.1.9.16.2.14", await tspToken())));
      expect(signer.timeStamp).toEqual({ time: new Date("2022-09-18T13:20:14Z"), policy: "1.2.398.3.3.2.6.1" });
      expect(signer.verification.status).toBe("valid");
    });

    it("indexes a GOST CEO signer in full and calls its made-up signature value invalid", async () => {
      const signer = onlySigner(base64(await gostCeoCms()));
      expect(signer).toEqual({
        subject: {
          dn: 'GIVENNAME=ТЕСТОВИЧ,OU=BIN123456789021,O=АО \\"ТЕСТ\\",C=KZ,SERIALNUMBER=IIN123456789011,SURNAME=ТЕСТОВ,CN=ТЕСТОВ ТЕСТ',
          commonName: "ТЕСТОВ ТЕСТ",
          surname: "ТЕСТОВ",
          givenName: "ТЕСТОВИЧ",
          iin: "123456789011",
          bin: "123456789021",
          organization: 'АО "ТЕСТ"',
          email: undefined,
          country: "KZ",
        },
        issuer: { ...testCaName, dn: "CN=ҰКО 3.0 (GOST TEST),C=KZ", commonName: "ҰКО 3.0 (GOST TEST)" },
        certificateSerial: "6cbd4560a33a58c0b07c3363c9ae0674a0838e58",
        notBefore: new Date("2022-01-18T04:45:35Z"),
        notAfter: new Date("2023-01-18T04:45:35Z"),
        keyUsage: "sign",
        roles: ["legal_entity", "ceo"],
        extendedKeyUsages: ["1.3.6.1.5.5.7.3.4", "1.2.398.3.3.4.1.2", "1.2.398.3.3.4.1.2.1"],
        signingTime: undefined,
        timeStamp: undefined,
        digestAlgorithm: { id: "1.2.398.3.10.1.3.1", name: "GOST 34.311-95" },
        signatureAlgorithm: { id: "1.2.398.3.10.1.1.1.2", name: "GOST 34.310-2004" },
        verification: {
          status: "invalid",
          reason: "the signature value does not match the certificate's key",
          // No signing time: judged at the time of inspection, after the 2023 expiry.
          certificateValidAtSigningTime: false,
          revocationChecked: false,
          chain: notConfigured,
        },
      });
    });
  });

  describe("tampering", () => {
    it("reports a flipped byte in the content as invalid", () => {
      const at = attached.indexOf(Buffer.from(content)) + 3;
      const verification = onlySigner(base64(flipByteAt(attached, at))).verification;
      expect(verification.status).toBe("invalid");
      expect(verification.reason).toMatch(/messageDigest/);
    });

    it("reports a flipped byte in the signature value as invalid", () => {
      // openssl writes the signature value last.
      const verification = onlySigner(base64(flipByteAt(attached, attached.length - 10))).verification;
      expect(verification.status).toBe("invalid");
      expect(verification.reason).toMatch(/signature/);
    });

    it("reports a flipped byte in a signed attribute as invalid", () => {
      const signingTime = derOid("1.2.840.113549.1.9.5");
      const at = attached.indexOf(signingTime) + signingTime.length + 6;
      const verification = onlySigner(base64(flipByteAt(attached, at))).verification;
      expect(verification.status).toBe("invalid");
    });

    it("reports a flipped byte in a BER content segment as invalid", async () => {
      const ber = await openssl.signCms(content, [ecdsa], ["-nodetach", "-stream"]);
      const at = ber.indexOf(Buffer.from(content)) + 1;
      expect(onlySigner(base64(flipByteAt(ber, at))).verification.status).toBe("invalid");
    });
  });

  describe("refusals", () => {
    it("refuses text that is not base64 or PEM as not a signature", () => {
      for (const payload of ["", "   ", "hello, world", "<doc><ds:Signature/></doc>", '{"signature":"x"}', "-----BEGIN CMS-----\nMIIB"]) {
        expectProblem(payload, "not-a-signature");
      }
    });

    it("refuses base64 that is not a SignedData as malformed", async () => {
      expectProblem(base64(Buffer.from("just some text")), "malformed-cms");
      const certificate = await openssl.opensslOutput(["x509", "-in", ceo.certificateFile, "-outform", "DER"]);
      expectProblem(base64(certificate), "malformed-cms");
      expectProblem(base64(Buffer.concat([attached, Buffer.from([0])])), "malformed-cms");
    });

    it("refuses every truncation of a DER and a BER CMS as malformed", async () => {
      const ber = await openssl.signCms(content, [ceo], ["-nodetach", "-stream"]);
      for (const cms of [attached, ber]) {
        for (let length = 1; length < cms.length; length += 37) expectProblem(base64(cms.subarray(0, length)), "malformed-cms");
        expectProblem(base64(cms.subarray(0, cms.length - 1)), "malformed-cms");
      }
    });

    it("refuses a SignedData without SignerInfo", async () => {
      const degenerate = await openssl.opensslOutput(["crl2pkcs7", "-nocrl", "-certfile", ceo.certificateFile, "-outform", "DER"]);
      expectProblem(base64(degenerate), "no-signer");
    });

    it("refuses a SignedData with more SignerInfos than a payload may have (every signer costs a verification)", () => {
      const signerInfo = der(0x30, der(0x02, Uint8Array.of(1)));
      const signedData = (signers: number) =>
        der(
          0x30,
          derOid("1.2.840.113549.1.7.2"),
          der(
            0xa0,
            der(
              0x30,
              der(0x02, Uint8Array.of(1)),
              der(0x31),
              der(0x30, derOid("1.2.840.113549.1.7.1")),
              der(0x31, ...Array(signers).fill(signerInfo)),
            ),
          ),
        );
      expectProblem(base64(signedData(maxSigners + 1)), "too-many-signers");
      // At the limit the signers are read (and these made-up ones refused for what they lack).
      expect(() => inspectCms(base64(signedData(maxSigners)))).toThrow(expect.objectContaining({ problem: "malformed-cms" }));
    });

    it("refuses a signer whose certificate is not in the SignedData", async () => {
      expectProblem(base64(await openssl.signCms(content, [ceo], ["-nodetach", "-nocerts"])), "signer-certificate-missing");
    });
  });
});

function tspToken(): Promise<Buffer> {
  return readFile(new URL("tsp_token.bin", fixtures));
}

/**
 * A CMS around NCA's real GOST CEO certificate with a GOST SignerInfo whose
 * signature value is filler: openssl cannot sign with GOST, and the
 * inspection must index such a signer without ever calling it valid.
 */
async function gostCeoCms(): Promise<Buffer> {
  const pem = (await readFile(new URL("ceo_valid_sign_2004_gost.cer", fixtures))).toString();
  const certificate = new X509Certificate(pem).raw;
  const fields = locateCertificateFields(certificate, readElement(certificate, 0));
  const slice = (element: { start: number; end: number }) => certificate.subarray(element.start, element.end);
  const gostDigest = der(0x30, derOid("1.2.398.3.10.1.3.1"), der(0x05));
  const signerInfo = der(
    0x30,
    der(0x02, Uint8Array.of(1)),
    der(0x30, slice(fields.issuer), slice(fields.serial)),
    gostDigest,
    der(0x30, derOid("1.2.398.3.10.1.1.1.2"), der(0x05)),
    der(0x04, Buffer.alloc(64, 0x5a)),
  );
  const signedData = der(
    0x30,
    der(0x02, Uint8Array.of(1)),
    der(0x31, gostDigest),
    der(0x30, derOid("1.2.840.113549.1.7.1"), der(0xa0, der(0x04, Buffer.from(content)))),
    der(0xa0, certificate),
    der(0x31, signerInfo),
  );
  return der(0x30, derOid("1.2.840.113549.1.7.2"), der(0xa0, signedData));
}
