/**
 * CMS payloads made by openssl with NCA-style certificates under a test CA
 * (the tests' createOpensslWorkspace), for the sections that save or inspect
 * realistic signatures (10 and 12).
 */
import { caExtensions, type OpensslSigner, type OpensslWorkspace } from "../../test/helpers/openssl-cms.js";

const ncaSubject =
  '/CN=ТЕСТОВ ТЕСТ/SN=ТЕСТОВ/serialNumber=IIN123456789011/C=KZ/O=АО "ТЕСТ"/OU=BIN123456789021/GN=ТЕСТОВИЧ/emailAddress=test@example.com';

/** An NCA-style CA, a legal entity's CEO (RSA, signing) and an individual (ECDSA, authentication), as the tests make them. */
export async function makeNcaStyleSigners(openssl: OpensslWorkspace): Promise<{ ceo: OpensslSigner; individual: OpensslSigner }> {
  const ca = await openssl.makeCertificate("ca", {
    key: "rsa",
    subject: "/C=KZ/CN=ҰКО 3.0 (RSA TEST)",
    extensions: caExtensions,
  });
  const ceo = await openssl.makeCertificate("ceo", {
    key: "rsa",
    subject: ncaSubject,
    extensions: [
      "keyUsage=critical,digitalSignature,nonRepudiation",
      "extendedKeyUsage=emailProtection,1.2.398.3.3.4.1.2,1.2.398.3.3.4.1.2.1",
      "subjectKeyIdentifier=hash",
    ],
    issuer: ca,
  });
  const individual = await openssl.makeCertificate("individual", {
    key: "ec",
    subject: "/CN=ИВАНОВ ИВАН/SN=ИВАНОВ/serialNumber=IIN990101300123/C=KZ/GN=ИВАНОВИЧ",
    extensions: ["keyUsage=critical,digitalSignature,keyEncipherment", "extendedKeyUsage=clientAuth,1.2.398.3.3.4.1.1,1.2.398.3.3.4.3.2.1"],
    issuer: ca,
  });
  return { ceo, individual };
}

/**
 * A contract text padded so that the CMS `sign` makes over it comes out at
 * about `cmsBytes` (the signature's own overhead is measured on a probe first).
 */
export async function contentForCmsBytes(sign: (content: string) => Promise<Buffer>, cmsBytes: number): Promise<string> {
  const probe = "Договор № 15: стороны согласовали условия поставки.\n";
  const overhead = (await sign(probe)).length - Buffer.byteLength(probe);
  return probe.padEnd(Math.max(probe.length, cmsBytes - overhead), ".");
}
