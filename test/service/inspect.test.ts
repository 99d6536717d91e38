import { copyFile, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadRequestSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { ChainStatus, KeyUsage, PayloadFormat, VerificationStatus } from "../../gen/ts/ncanode/signatures/v1/payload_pb.js";
import { expectRpcError } from "../helpers/expect-rpc-error.js";
import { caExtensions, createOpensslWorkspace, type OpensslWorkspace, signWithOpenssl } from "../helpers/openssl-cms.js";
import { restCall } from "../helpers/rest-call.js";
import { type ProtocolName, protocols } from "../helpers/signature-clients.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
/** Kalkan-signed samples from NCANode's public test suite (see test/fixtures/nca/README.md). */
let rsaSigned: string;
let rsaAndGostSigned: string;
/** An attached CMS SignedData made by openssl (ECDSA P-256, self-signed). */
let cmsSigned: string;

beforeAll(async () => {
  server = await startTestServer();
  const fixture = (name: string) => readFile(new URL(`../fixtures/nca/${name}`, import.meta.url), "utf8");
  rsaSigned = await fixture("kalkan-rsa-signed.xml");
  rsaAndGostSigned = await fixture("kalkan-rsa-and-gost-signed.xml");
  cmsSigned = await signWithOpenssl("the signed document");
});
afterAll(async () => {
  await server.close();
});

describe.each(Object.keys(protocols) as ProtocolName[])("Inspect over %s", (protocol) => {
  const client = () => protocols[protocol](server);

  it("reads the signer of a Kalkan XML signature and verifies it, storing nothing", async () => {
    const { payload } = await client().inspect({ cms: rsaSigned });
    expect(payload).toMatchObject({ format: PayloadFormat.XML, detached: false, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(payload?.signers).toHaveLength(1);
    expect(payload?.signers[0]).toMatchObject({
      subject: { iin: "123456789011", commonName: "ТЕСТОВ ТЕСТ", country: "KZ" },
      certificateSerial: "4279390a141f5353a62947b61ed65e81741467d1",
      keyUsage: KeyUsage.SIGN,
      roles: ["individual"],
      verification: { status: VerificationStatus.VALID, revocationChecked: false },
    });
    expect((await client().list({ count: true })).nbResults).toBe(0n); // this server's database holds no record
  });

  it("reads and verifies a CMS SignedData", async () => {
    const { payload } = await client().inspect({ cms: cmsSigned });
    expect(payload).toMatchObject({ format: PayloadFormat.CMS, detached: false });
    expect(payload?.signers.map((signer) => [signer.subject?.commonName, signer.verification?.status])).toEqual([
      ["signature-store test", VerificationStatus.VALID],
    ]);
  });

  it("verifies a GOST R 34.10-2015 signer stacked on an RSA one, and calls it INVALID once its value changes", async () => {
    const { payload } = await client().inspect({ cms: rsaAndGostSigned });
    expect(payload?.signers.map((signer) => [signer.subject?.iin, signer.verification?.status])).toEqual([
      ["123456789011", VerificationStatus.VALID],
      ["123456789012", VerificationStatus.VALID],
    ]);
    const tampered = await client().inspect({ cms: withChangedGostSignatureValue(rsaAndGostSigned) });
    expect(tampered.payload?.signers.map((signer) => signer.verification?.status)).toEqual([
      VerificationStatus.VALID,
      VerificationStatus.INVALID,
    ]);
  });

  it("refuses what is not a signature with INVALID_ARGUMENT naming cms", async () => {
    for (const cms of ["just some text", "<doc>no signature here</doc>", "<unclosed"]) {
      const error = await expectRpcError(client().inspect({ cms }), Code.InvalidArgument);
      expect(error.findDetails(BadRequestSchema)[0]?.fieldViolations[0]?.field).toBe("cms");
    }
  });
});

describe("POST /signature/inspect", () => {
  it("answers the facts in snake_case", async () => {
    const reply = await restCall(server.baseUrl, "POST", "/signature/inspect", { json: { cms: rsaSigned } });
    expect(reply.status).toBe(200);
    expect(reply.body.content?.["payload"]).toMatchObject({
      format: "xml",
      signers: [
        {
          subject: { iin: "123456789011", common_name: "ТЕСТОВ ТЕСТ" },
          key_usage: "sign",
          verification: { status: "valid", revocation_checked: false },
        },
      ],
    });
  });

  it("answers 400 for an XML document without a signature, in the caller's language", async () => {
    const reply = await restCall(server.baseUrl, "POST", "/signature/inspect", {
      json: { cms: "<doc/>" },
      headers: { "api-locale": "ru" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe("Поле cms является XML-документом без ds:Signature");
  });
});

describe("Inspect with TRUST_ANCHORS_DIR", () => {
  let openssl: OpensslWorkspace;
  let anchored: TestServer;
  let payload: string;

  beforeAll(async () => {
    openssl = await createOpensslWorkspace();
    const ca = await openssl.makeCertificate("ca", {
      key: "rsa",
      subject: "/C=KZ/CN=ROOT TEST",
      extensions: caExtensions,
    });
    const signer = await openssl.makeCertificate("signer", {
      key: "ec",
      subject: "/CN=ТЕСТОВ ТЕСТ/serialNumber=IIN123456789011/C=KZ",
      extensions: ["keyUsage=critical,digitalSignature,nonRepudiation"],
      issuer: ca,
    });
    payload = (await openssl.signCms("a document", [signer], ["-nodetach"])).toString("base64");
    const anchors = await mkdtemp(path.join(tmpdir(), "anchors-"));
    await copyFile(ca.certificateFile, path.join(anchors, "root.pem"));
    for (const name of ["nca_gost_test.crt", "nca_gost2015_test.cer"]) {
      await copyFile(new URL(`../fixtures/nca/ca/${name}`, import.meta.url), path.join(anchors, name));
    }
    anchored = await startTestServer({ TRUST_ANCHORS_DIR: anchors });
  });
  afterAll(async () => {
    await anchored.close();
    await openssl.remove();
  });

  it("reports the signer's chain to a configured anchor as TRUSTED, and as NOT_CONFIGURED where none is", async () => {
    const trusted = await protocols["gRPC (connect-node client)"](anchored).inspect({ cms: payload });
    expect(trusted.payload?.signers[0]?.verification).toMatchObject({ status: VerificationStatus.VALID, chain: ChainStatus.TRUSTED });
    const unconfigured = await protocols["gRPC (connect-node client)"](server).inspect({ cms: payload });
    expect(unconfigured.payload?.signers[0]?.verification?.chain).toBe(ChainStatus.NOT_CONFIGURED);
  });

  it("chains GOST signers to NCA's GOST test CAs", async () => {
    const token = (await readFile(new URL("../fixtures/nca/tsp_token.bin", import.meta.url))).toString("base64");
    const [tsa] = (await protocols["gRPC (connect-node client)"](anchored).inspect({ cms: token })).payload?.signers ?? [];
    expect(tsa?.verification).toMatchObject({ status: VerificationStatus.VALID, chain: ChainStatus.TRUSTED });
    const xml = (await protocols["gRPC (connect-node client)"](anchored).inspect({ cms: rsaAndGostSigned })).payload?.signers[1];
    expect(xml?.verification).toMatchObject({ status: VerificationStatus.VALID, chain: ChainStatus.TRUSTED });
  });
});

/** The Kalkan sample with one base64 character of its second (GOST) SignatureValue changed. */
function withChangedGostSignatureValue(xml: string): string {
  const values = [...xml.matchAll(/<ds:SignatureValue>\s*/g)];
  const at = (values[1]?.index as number) + (values[1]?.[0].length as number);
  return xml.slice(0, at) + (xml[at] === "A" ? "B" : "A") + xml.slice(at + 1);
}
