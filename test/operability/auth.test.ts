import { Code, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Health, HealthCheckResponse_ServingStatus } from "../../gen/ts/grpc/health/v1/health_pb.js";
import { expectRpcError } from "../helpers/expect-rpc-error.js";
import { grpcurl } from "../helpers/go-tools.js";
import { restCall } from "../helpers/rest-call.js";
import { type ProtocolName, protocols } from "../helpers/signature-clients.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
const writer = { authorization: "Bearer w-token-1234567890" };
const reader = { authorization: "Bearer r-token-4567890123" };

beforeAll(async () => {
  server = await startTestServer({
    AUTH_TOKENS: "writer:w-token-1234567890:read+write,reader:r-token-4567890123:read",
    REFLECTION: "authenticated",
  });
});
afterAll(async () => {
  await server.close();
});

describe.each(["Connect JSON (HTTP/1.1)", "gRPC (connect-node client)", "gRPC port (@grpc/grpc-js client)"] as ProtocolName[])(
  "Bearer tokens over %s",
  (protocol) => {
    const client = () => protocols[protocol](server);
    const key = { document: `auth ${protocol}`, thread: "t" };

    it("refuses a call without a token or with an unknown one with UNAUTHENTICATED, storing nothing", async () => {
      await expectRpcError(client().save({ ...key, cms: "x" }), Code.Unauthenticated);
      await expectRpcError(client().save({ ...key, cms: "x" }, { headers: { authorization: "Bearer w-token-124" } }), Code.Unauthenticated);
      await expectRpcError(client().save({ ...key, cms: "x" }, { headers: { authorization: "Basic dzp4" } }), Code.Unauthenticated);
      await expectRpcError(client().get(key, { headers: writer }), Code.NotFound);
    });

    it("lets each token do what its scopes allow and nothing more", async () => {
      const saved = await client().save({ ...key, cms: "x" }, { headers: writer });
      expect(saved.signature?.version).toBe(1);
      expect((await client().get(key, { headers: reader })).signature?.cms).toBe("x");
      await expectRpcError(client().save({ ...key, version: 1, cms: "y" }, { headers: reader }), Code.PermissionDenied);
      await expectRpcError(client().delete(key, { headers: writer }), Code.PermissionDenied);
      expect((await client().get(key, { headers: reader })).signature?.version).toBe(1);
    });
  },
);

describe("Bearer tokens on the JSON/HTTP API", () => {
  it("answers 401 and 403 in the documented envelope", async () => {
    const anonymous = await restCall(server.baseUrl, "GET", "/signatures");
    expect(anonymous).toMatchObject({ status: 401, body: { status: false, content: null } });
    const forbidden = await restCall(server.baseUrl, "POST", "/signature", {
      json: { document: "rest", thread: "t", cms: "x" },
      headers: reader,
    });
    expect(forbidden).toMatchObject({ status: 403, body: { status: false, content: null } });
    const allowed = await restCall(server.baseUrl, "POST", "/signature", {
      json: { document: "rest", thread: "t", cms: "x" },
      headers: writer,
    });
    expect(allowed.status).toBe(201);
  });

  it("keeps health, probes and metrics open", async () => {
    const health = createClient(Health, createGrpcTransport({ baseUrl: server.baseUrl }));
    expect((await health.check({})).status).toBe(HealthCheckResponse_ServingStatus.SERVING);
    for (const path of ["/healthz", "/readyz", "/metrics"]) {
      expect((await fetch(`${server.baseUrl}${path}`)).status).toBe(200);
    }
  });
});

describe("Reflection behind tokens (REFLECTION=authenticated)", () => {
  it("answers grpcurl with any valid token and refuses it without one", async () => {
    const anonymous = await grpcurl(server.port, [], ["list"]);
    expect(anonymous.code).not.toBe(0);
    expect(anonymous.stderr).toMatch(/Unauthenticated/);
    const listed = await grpcurl(server.port, ["-H", reader.authorization.replace("Bearer", "authorization: Bearer")], ["list"]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain("ncanode.signatures.v1.SignatureService");
  });

  it("is gone with REFLECTION=off", async () => {
    const closed = await startTestServer({ REFLECTION: "off" });
    try {
      const run = await grpcurl(closed.port, [], ["list"]);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/does not support the reflection API/);
    } finally {
      await closed.close();
    }
  });
});
