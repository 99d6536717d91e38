import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectCms } from "../../src/signatures/cms-inspection.js";
import { loadTrustAnchors, type TrustAnchors } from "../../src/signatures/trust-anchors.js";
import { caExtensions, createOpensslWorkspace, type OpensslSigner, type OpensslWorkspace } from "../helpers/openssl-cms.js";

let openssl: OpensslWorkspace;
let anchorsDir: string;
let root: OpensslSigner;
let otherRoot: OpensslSigner;
let intermediate: OpensslSigner;
let leaf: OpensslSigner;

const signerExtensions = ["keyUsage=critical,digitalSignature,nonRepudiation", "extendedKeyUsage=emailProtection,1.2.398.3.3.4.1.1"];

/** A directory holding these CA certificates as trust anchors. */
async function anchors(name: string, ...certificates: OpensslSigner[]): Promise<TrustAnchors> {
  const dir = path.join(anchorsDir, name);
  await mkdir(dir);
  for (const [index, certificate] of certificates.entries()) {
    await writeFile(path.join(dir, `anchor-${index}.pem`), await readFile(certificate.certificateFile));
  }
  return loadTrustAnchors(dir);
}

beforeAll(async () => {
  openssl = await createOpensslWorkspace();
  anchorsDir = await mkdtemp(path.join(tmpdir(), "anchors-"));
  root = await openssl.makeCertificate("root", { key: "rsa", subject: "/C=KZ/CN=ROOT TEST", extensions: caExtensions });
  otherRoot = await openssl.makeCertificate("other-root", { key: "rsa", subject: "/C=KZ/CN=OTHER ROOT TEST", extensions: caExtensions });
  intermediate = await openssl.makeCertificate("intermediate", {
    key: "rsa",
    subject: "/C=KZ/CN=ҰКО 3.0 (RSA TEST)",
    extensions: caExtensions,
    issuer: root,
  });
  leaf = await openssl.makeCertificate("leaf", {
    key: "rsa",
    subject: "/CN=ТЕСТОВ ТЕСТ/serialNumber=IIN123456789011/C=KZ",
    extensions: signerExtensions,
    issuer: intermediate,
  });
});
afterAll(async () => {
  await openssl.remove();
  await rm(anchorsDir, { recursive: true, force: true });
});

/** A CMS by the leaf, carrying the intermediate CA's certificate too when asked. */
async function signed(withIntermediate: boolean): Promise<string> {
  const flags = ["-nodetach", ...(withIntermediate ? ["-certfile", intermediate.certificateFile] : [])];
  return (await openssl.signCms("a document", [leaf], flags)).toString("base64");
}

const chainOf = (payload: string, trust?: TrustAnchors) => inspectCms(payload, undefined, trust).signers[0]?.verification.chain;

describe("Certificate chains to trust anchors", () => {
  it("are not checked without anchors", async () => {
    expect(chainOf(await signed(true))).toEqual({ status: "not-configured", reason: undefined });
  });

  it("are trusted through the intermediate the CMS carries up to a root anchor", async () => {
    expect(chainOf(await signed(true), await anchors("root", root))).toEqual({ status: "trusted", reason: undefined });
  });

  it("are trusted when the issuing CA itself is the anchor", async () => {
    expect(chainOf(await signed(false), await anchors("intermediate", intermediate))).toMatchObject({ status: "trusted" });
  });

  it("are untrusted without a path: another root, or an intermediate the CMS does not carry", async () => {
    expect(chainOf(await signed(true), await anchors("other", otherRoot))).toMatchObject({
      status: "untrusted",
      reason: expect.stringMatching(/no trust anchor issued/),
    });
    expect(chainOf(await signed(false), await anchors("root-only", root))).toMatchObject({ status: "untrusted" });
  });

  it("refuse an anchor file that holds no certificate, naming it", async () => {
    const dir = path.join(anchorsDir, "broken");
    await mkdir(dir);
    await writeFile(path.join(dir, "notes.txt"), "not a certificate");
    expect(() => loadTrustAnchors(dir)).toThrow(/notes\.txt holds no readable certificate/);
  });
});
