import { rm } from "node:fs/promises";
import https from "node:https";
import { ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignatureService } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import { makeTestCertificates, type TestCertificates } from "../helpers/test-certificates.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

let certs: TestCertificates;

beforeAll(async () => {
  certs = await makeTestCertificates();
});
afterAll(async () => {
  await rm(certs.dir, { recursive: true, force: true });
});

/** One HTTPS/1.1 request; resolves with the status and the negotiated protocol. */
function http1Get(url: string, options: https.RequestOptions): Promise<{ status: number; alpn: string | false | null }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ...options, agent: false }, (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, alpn: (response.socket as import("node:tls").TLSSocket).alpnProtocol });
      })
      .on("error", reject);
  });
}

/** A grpc-js channel check: whether a TLS connection with these credentials gets established. */
function grpcReady(target: string, credentials: grpc.ChannelCredentials): Promise<boolean> {
  const client = new grpc.Client(target, credentials);
  return new Promise((resolve) => {
    client.waitForReady(Date.now() + 3000, (error) => {
      client.close();
      resolve(error === undefined || error === null);
    });
  });
}

describe("TLS", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TLS_CERT_FILE: certs.serverCertFile, TLS_KEY_FILE: certs.serverKeyFile });
  });
  afterAll(async () => {
    await server.close();
  });

  it("serves HTTP/2 (gRPC, Connect) and HTTP/1.1 on the main port", async () => {
    const nodeOptions = { ca: certs.ca };
    const grpcClient = createClient(SignatureService, createGrpcTransport({ baseUrl: server.baseUrl, nodeOptions }));
    expect((await grpcClient.save({ document: "tls", thread: "t", cms: "x" })).signature?.version).toBe(1);
    const connectClient = createClient(
      SignatureService,
      createConnectTransport({ baseUrl: server.baseUrl, httpVersion: "1.1", nodeOptions }),
    );
    expect((await connectClient.get({ document: "tls", thread: "t" })).signature?.cms).toBe("x");
    expect(await http1Get(`${server.baseUrl}/healthz`, { ca: certs.ca })).toEqual({ status: 200, alpn: false });
  });

  it("serves TLS on the gRPC port", async () => {
    const target = new URL(server.grpcBaseUrl).host;
    expect(await grpcReady(target, grpc.credentials.createSsl(certs.ca))).toBe(true);
    expect(await grpcReady(target, grpc.credentials.createInsecure())).toBe(false);
  });
});

describe("Mutual TLS", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      TLS_CERT_FILE: certs.serverCertFile,
      TLS_KEY_FILE: certs.serverKeyFile,
      TLS_CLIENT_CA_FILE: certs.caFile,
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it("refuses clients without a certificate from the client CA on both ports", async () => {
    await expect(http1Get(`${server.baseUrl}/healthz`, { ca: certs.ca })).rejects.toThrow();
    const anonymous = createClient(SignatureService, createGrpcTransport({ baseUrl: server.baseUrl, nodeOptions: { ca: certs.ca } }));
    // The handshake fails; connect-node's client reports that as "internal".
    await expect(anonymous.save({ document: "mtls", thread: "anonymous", cms: "x" })).rejects.toBeInstanceOf(ConnectError);
    expect(await grpcReady(new URL(server.grpcBaseUrl).host, grpc.credentials.createSsl(certs.ca))).toBe(false);
  });

  it("serves clients that present one", async () => {
    const identity = { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey };
    expect((await http1Get(`${server.baseUrl}/healthz`, identity)).status).toBe(200);
    const client = createClient(SignatureService, createGrpcTransport({ baseUrl: server.baseUrl, nodeOptions: identity }));
    expect((await client.save({ document: "mtls", thread: "t", cms: "x" })).signature?.version).toBe(1);
    expect(await grpcReady(new URL(server.grpcBaseUrl).host, grpc.credentials.createSsl(certs.ca, certs.clientKey, certs.clientCert))).toBe(
      true,
    );
  });
});
