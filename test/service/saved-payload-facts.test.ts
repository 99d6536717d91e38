import { readFile } from "node:fs/promises";
import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadRequestSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { PayloadFormat, VerificationStatus } from "../../gen/ts/ncanode/signatures/v1/payload_pb.js";
import { expectRpcError } from "../helpers/expect-rpc-error.js";
import { caExtensions, createOpensslWorkspace, type OpensslWorkspace } from "../helpers/openssl-cms.js";
import { restCall } from "../helpers/rest-call.js";
import { type ProtocolName, protocols } from "../helpers/signature-clients.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
let openssl: OpensslWorkspace;
/** A Kalkan-signed XML sample, and the same with a GOST signature stacked on it (test/fixtures/nca/README.md). */
let rsaXml: string;
let rsaAndGostXml: string;
/** An NCA-style CMS made by openssl: a CEO of a legal entity, IIN 860101300111, BIN 123456789021. */
let ceoCms: string;

beforeAll(async () => {
  // The default: payloads that are no recognised signature are refused.
  server = await startTestServer({ ACCEPT_UNRECOGNISED_PAYLOADS: "false" });
  const fixture = (name: string) => readFile(new URL(`../fixtures/nca/${name}`, import.meta.url), "utf8");
  rsaXml = await fixture("kalkan-rsa-signed.xml");
  rsaAndGostXml = await fixture("kalkan-rsa-and-gost-signed.xml");
  openssl = await createOpensslWorkspace();
  const ca = await openssl.makeCertificate("ca", {
    key: "rsa",
    subject: "/C=KZ/CN=ҰКО 3.0 (RSA TEST)",
    extensions: caExtensions,
  });
  const ceo = await openssl.makeCertificate("ceo", {
    key: "rsa",
    subject: "/CN=ДИРЕКТОРОВ ДИРЕКТОР/SN=ДИРЕКТОРОВ/serialNumber=IIN860101300111/C=KZ/O=АО ТЕСТ/OU=BIN123456789021",
    extensions: [
      "keyUsage=critical,digitalSignature,nonRepudiation",
      "extendedKeyUsage=emailProtection,1.2.398.3.3.4.1.2,1.2.398.3.3.4.1.2.1",
    ],
    issuer: ca,
  });
  ceoCms = (await openssl.signCms("договор № 42", [ceo], ["-nodetach"])).toString("base64");
});
afterAll(async () => {
  await openssl?.remove();
  await server.close();
});

describe.each(Object.keys(protocols) as ProtocolName[])("Saved payloads over %s", (protocol) => {
  const client = () => protocols[protocol](server);
  const document = `facts ${protocol}`;

  it("keeps each version's signers and verification, and Get and ListVersions return them", async () => {
    const key = { document, thread: "xml" };
    await client().save({ ...key, cms: rsaXml });
    await client().save({ ...key, version: 1, cms: rsaAndGostXml });
    const current = (await client().get(key)).signature?.payload;
    expect(current?.format).toBe(PayloadFormat.XML);
    expect(current?.signers.map((signer) => [signer.subject?.iin, signer.verification?.status])).toEqual([
      ["123456789011", VerificationStatus.VALID],
      ["123456789012", VerificationStatus.VALID],
    ]);
    const first = (await client().get({ ...key, version: 1 })).signature?.payload;
    expect(first?.signers.map((signer) => signer.subject?.iin)).toEqual(["123456789011"]);
    const history = await client().listVersions(key);
    expect(history.versions.map((version) => version.payload?.signers.length)).toEqual([1, 2]);
  });

  it("keeps a real NCA GOST 34.310-2004 CMS VALID, and a copy with one changed bit INVALID, through Get", async () => {
    const token = await readFile(new URL("../fixtures/nca/tsp_token.bin", import.meta.url));
    const flipped = Buffer.from(token);
    flipped[flipped.length - 5] = (flipped[flipped.length - 5] as number) ^ 0x04; // inside the signature value
    const gostDocument = `${document} gost`;
    await client().save({ document: gostDocument, thread: "gost", cms: token.toString("base64") });
    await client().save({ document: gostDocument, thread: "gost-tampered", cms: flipped.toString("base64") });
    const status = async (thread: string) =>
      (await client().get({ document: gostDocument, thread })).signature?.payload?.signers[0]?.verification?.status;
    expect(await status("gost")).toBe(VerificationStatus.VALID);
    expect(await status("gost-tampered")).toBe(VerificationStatus.INVALID);
  });

  it("lists records by signer IIN, BIN, certificate serial and payload SHA-256, over every version", async () => {
    const saved = (await client().save({ document, thread: "cms", cms: ceoCms })).signature;
    const signer = saved?.payload?.signers[0];
    expect(signer).toMatchObject({ subject: { iin: "860101300111", bin: "123456789021" }, roles: ["legal_entity", "ceo"] });
    expect(signer?.verification?.status).toBe(VerificationStatus.VALID);
    const threads = async (filter: Record<string, string>) =>
      (await client().list({ document, ...filter })).signatures.map((record) => record.thread).sort();
    expect(await threads({ signerIin: "860101300111" })).toEqual(["cms"]);
    expect(await threads({ signerBin: "123456789021" })).toEqual(["cms"]);
    expect(await threads({ certificateSerial: signer?.certificateSerial.toUpperCase() ?? "" })).toEqual(["cms"]);
    expect(await threads({ payloadSha256: saved?.payload?.sha256 ?? "" })).toEqual(["cms"]);
    // The GOST signer of the XML record's second version is found, and so is the RSA signer of both.
    expect(await threads({ signerIin: "123456789012" })).toEqual(["xml"]);
    expect(await threads({ signerIin: "123456789011" })).toEqual(["xml"]);
    expect(await threads({ signerIin: "000000000000" })).toEqual([]);
  });

  it("stores a signature whose content was altered with its INVALID verification", async () => {
    const altered = rsaXml.replace("<b>test</b>", "<b>tost</b>");
    const saved = (await client().save({ document, thread: "altered", cms: altered })).signature;
    expect(saved?.payload?.signers[0]?.verification).toMatchObject({ status: VerificationStatus.INVALID });
  });

  it("refuses a payload that is no signature, storing nothing", async () => {
    const error = await expectRpcError(client().save({ document, thread: "garbage", cms: "MIIBnotACms" }), Code.InvalidArgument);
    expect(error.findDetails(BadRequestSchema)[0]?.fieldViolations[0]?.field).toBe("cms");
    await expectRpcError(client().get({ document, thread: "garbage" }), Code.NotFound);
  });
});

describe("Saved payloads over the JSON/HTTP API", () => {
  it("shows the signers in snake_case and filters the list by IIN and BIN", async () => {
    const saved = await restCall(server.baseUrl, "POST", "/signature", { json: { document: "facts rest", thread: "t", cms: ceoCms } });
    expect(saved.status).toBe(201);
    const got = await restCall(server.baseUrl, "GET", "/signature?document=facts%20rest&thread=t");
    expect((got.body.content!["signature"] as Record<string, unknown>)["payload"]).toMatchObject({
      format: "cms",
      signers: [{ subject: { iin: "860101300111", bin: "123456789021" }, key_usage: "sign", verification: { status: "valid" } }],
    });
    for (const query of ["signer_iin=860101300111", "signer_bin=123456789021"]) {
      const listed = await restCall(server.baseUrl, "GET", `/signatures?document=facts%20rest&${query}`);
      expect((listed.body.content!["signatures"] as { thread: string }[]).map((record) => record.thread)).toEqual(["t"]);
    }
    const bad = await restCall(server.baseUrl, "GET", "/signatures?signer_iin=12ab");
    expect(bad.status).toBe(400);
  });
});

describe("With ACCEPT_UNRECOGNISED_PAYLOADS=true", () => {
  let legacy: TestServer;
  beforeAll(async () => {
    legacy = await startTestServer({ ACCEPT_UNRECOGNISED_PAYLOADS: "true" });
  });
  afterAll(async () => {
    await legacy.close();
  });

  it("stores an unrecognised payload as format UNKNOWN with its SHA-256 and no signers", async () => {
    const { signature } = await protocols["gRPC (connect-node client)"](legacy).save({
      document: "legacy",
      thread: "t",
      cms: "MIIBnotACms",
    });
    expect(signature?.payload).toMatchObject({
      format: PayloadFormat.UNKNOWN,
      signers: [],
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });
});
