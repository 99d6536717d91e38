import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorInfoSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { reencryptVersions } from "../../src/store/version-reencryption.js";
import { encryptionKeys, newKey, readableIn } from "../helpers/encryption-at-rest.js";
import { expectRpcError } from "../helpers/expect-rpc-error.js";
import { caExtensions, createOpensslWorkspace, type OpensslWorkspace } from "../helpers/openssl-cms.js";
import { restCall } from "../helpers/rest-call.js";
import { protocols, type SignatureClient } from "../helpers/signature-clients.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

/** Every server of this file shares one database, as instances of one deployment do. */
const dbName = `encryption_${randomUUID().replaceAll("-", "")}`;
const [keyA, keyB, indexKey] = [newKey(), newKey(), newKey()];
const keysEnv = (...entries: [string, string][]) => ({
  MONGODB_DB: dbName,
  ACCEPT_UNRECOGNISED_PAYLOADS: "false",
  ENCRYPTION_KEYS: entries.map(([id, key]) => `${id}:${key}`).join(","),
  ENCRYPTION_INDEX_KEY: indexKey,
});
/** Under key A; closed last, it drops the shared database. */
let server: TestServer;
let client: SignatureClient;
let openssl: OpensslWorkspace;
/** A Kalkan-signed XML sample with IINs 123456789011 and 123456789012 (test/fixtures/nca/README.md). */
let rsaAndGostXml: string;
/** An NCA-style CMS made by openssl: a CEO of a legal entity, IIN 860101300111, BIN 123456789021. */
let ceoCms: string;
const comment = "комментарий не для чужих глаз";

beforeAll(async () => {
  server = await startTestServer(keysEnv(["A", keyA]));
  client = protocols["Connect binary (HTTP/2)"](server);
  rsaAndGostXml = await readFile(new URL("../fixtures/nca/kalkan-rsa-and-gost-signed.xml", import.meta.url), "utf8");
  openssl = await createOpensslWorkspace();
  const ca = await openssl.makeCertificate("ca", { key: "rsa", subject: "/C=KZ/CN=ҰКО 3.0 (RSA TEST)", extensions: caExtensions });
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
  await server?.close();
});

/** A second instance on the same database with other keys; closed without dropping the shared database. */
async function withServer<T>(env: Record<string, string>, body: (other: TestServer) => Promise<T>): Promise<T> {
  const other = await startTestServer(env);
  try {
    return await body(other);
  } finally {
    await other.stop();
  }
}

const unreadable = async (call: Promise<unknown>) => {
  const error = await expectRpcError(call, Code.DataLoss);
  const info = error.findDetails(ErrorInfoSchema)[0];
  return { reason: info?.reason, metadata: info?.metadata, message: error.rawMessage };
};

describe("Encryption at rest through the service", () => {
  it("gives back every version's payload, comment and signers, and List finds them by IIN, BIN and serial", async () => {
    const key = { document: "round trip", thread: "cms" };
    const saved = (await client.save({ ...key, cms: ceoCms, versionComment: comment })).signature;
    await client.save({ ...key, version: 1, cms: rsaAndGostXml, versionComment: "second" });
    const first = (await client.get({ ...key, version: 1 })).signature;
    expect(first).toMatchObject({ cms: ceoCms, versionComment: comment });
    expect(first?.payload?.signers[0]?.subject).toMatchObject({ iin: "860101300111", bin: "123456789021", surname: "ДИРЕКТОРОВ" });
    expect((await client.get(key)).signature?.payload?.signers.map((signer) => signer.subject?.iin)).toEqual([
      "123456789011",
      "123456789012",
    ]);
    const history = await client.listVersions({ ...key, includeCms: true });
    expect(history.versions.map((version) => [version.cms.length, version.versionComment])).toEqual([
      [ceoCms.length, comment],
      [rsaAndGostXml.length, "second"],
    ]);
    const serial = saved?.payload?.signers[0]?.certificateSerial ?? "";
    for (const filter of [
      { signerIin: "860101300111" },
      { signerBin: "123456789021" },
      { certificateSerial: serial.toUpperCase() },
      { signerIin: "123456789012" },
    ]) {
      expect((await client.list({ document: "round trip", ...filter })).signatures.map((record) => record.thread)).toEqual(["cms"]);
    }
    expect((await client.list({ document: "round trip", signerIin: "000000000000" })).signatures).toEqual([]);
    const rest = await restCall(server.baseUrl, "GET", "/signature?document=round%20trip&thread=cms");
    expect(rest.body.content?.["signature"]).toMatchObject({ cms: rsaAndGostXml, version_comment: "second" });
  });

  it("stores no readable payload, comment, IIN, BIN or name (the database read directly)", async () => {
    const key = { document: "raw", thread: "cms" };
    await client.save({ ...key, cms: ceoCms, versionComment: comment });
    await client.save({ ...key, version: 1, cms: rsaAndGostXml, versionComment: comment });
    const raw = await server.client.db(dbName).collection("signatures").findOne(key);
    expect(raw).not.toBeNull();
    const secrets = [
      ceoCms.slice(0, 64),
      ceoCms.slice(-64),
      "<ds:SignatureValue",
      comment,
      "860101300111",
      "123456789021",
      "123456789011",
      "123456789012",
      "ДИРЕКТОРОВ",
      "ТЕСТОВ",
      "АО ТЕСТ",
    ];
    expect(readableIn(raw ?? {}, secrets)).toEqual([]);
  });

  it("keeps serving while keys rotate: saves under A, then A and B, re-encryption, then B alone reads everything", async () => {
    const key = { document: "rotation", thread: "t" };
    await client.save({ ...key, cms: ceoCms, versionComment: "under A" });
    await withServer(keysEnv(["A", keyA], ["B", keyB]), async (rotated) => {
      const next = protocols["gRPC port (@grpc/grpc-js client)"](rotated);
      await next.save({ ...key, version: 1, cms: rsaAndGostXml, versionComment: "under B" });
      // The instance with both keys reads what A sealed; every instance gets B before any seals with it (docs/operations.md, Keys).
      expect((await next.get({ ...key, version: 1 })).signature?.versionComment).toBe("under A");
      const summary = await reencryptVersions(server.client.db(dbName), { encryption: encryptionKeys(indexKey, ["A", keyA], ["B", keyB]) });
      expect(summary).toMatchObject({ unreadable: 0, skipped: 0 });
      expect(summary.encrypted).toBe(0);
      expect(summary.reencrypted).toBeGreaterThan(0);
      await next.save({ ...key, version: 2, cms: ceoCms, versionComment: "after" });
    });
    const raw = await server.client.db(dbName).collection("signatures").find().toArray();
    const keyIds = new Set(raw.flatMap((doc) => (doc["versions"] as { key_id?: string }[]).map((entry) => entry.key_id)));
    expect([...keyIds]).toEqual(["B"]);
    await withServer(keysEnv(["B", keyB]), async (onlyB) => {
      const reader = protocols["Connect JSON (HTTP/1.1)"](onlyB);
      const history = await reader.listVersions({ ...key, includeCms: true });
      expect(history.versions.map((version) => version.versionComment)).toEqual(["under A", "under B", "after"]);
      expect(history.versions[1]?.cms).toBe(rsaAndGostXml);
      expect((await reader.list({ document: "rotation", signerBin: "123456789021" })).signatures.map((record) => record.thread)).toEqual([
        "t",
      ]);
    });
  });

  it("answers DATA_LOSS naming the key id and the version when its key is wrong or missing, over RPC and REST", async () => {
    const key = { document: "keys", thread: "t" };
    await withServer(keysEnv(["B", keyB]), (writer) =>
      protocols["Connect binary (HTTP/2)"](writer)
        .save({ ...key, cms: ceoCms })
        .then(() => undefined),
    );
    await withServer(keysEnv(["B", newKey()]), async (wrong) => {
      expect(await unreadable(protocols["Connect binary (HTTP/2)"](wrong).get(key))).toEqual({
        reason: "DECRYPTION_FAILED",
        metadata: { key_id: "B", version: "1" },
        message: expect.stringMatching(/Version 1 .*key B/),
      });
      const rest = await restCall(wrong.baseUrl, "GET", "/signature?document=keys&thread=t");
      expect(rest.status).toBe(500);
      expect(rest.body.message).toMatch(/Version 1 .*key B/);
    });
    await withServer(keysEnv(["C", newKey()]), async (missing) => {
      expect(await unreadable(protocols["gRPC port (@grpc/grpc-js client)"](missing).get(key))).toMatchObject({
        reason: "ENCRYPTION_KEY_MISSING",
        metadata: { key_id: "B", version: "1" },
      });
    });
  });
});
