import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capturedLog } from "../helpers/captured-log.js";
import { restCall } from "../helpers/rest-call.js";
import { protocols } from "../helpers/signature-clients.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
const { log, lines } = capturedLog();
const secretPayload = "MIIsecretPAYLOADthatMustNeverBeLogged==";

beforeAll(async () => {
  server = await startTestServer({}, undefined, log);
  const key = { document: "observed", thread: "t" };
  await protocols["Connect JSON (HTTP/1.1)"](server).save(
    { ...key, cms: secretPayload },
    { headers: { "x-request-id": "req-from-caller-1" } },
  );
  await protocols["gRPC port (@grpc/grpc-js client)"](server).get(key);
  await protocols["gRPC-Web (HTTP/1.1)"](server)
    .get({ ...key, thread: "missing" })
    .catch(() => undefined);
  await restCall(server.baseUrl, "GET", "/signature?document=observed&thread=t");
  await restCall(server.baseUrl, "GET", "/nowhere");
});
afterAll(async () => {
  await server.close();
});

const calls = () => lines.filter((line) => line["msg"] === "call");

describe("Logs", () => {
  it("write one structured line per call with procedure, protocol, code, duration and request id", () => {
    const summary = calls().map((line) => [line["procedure"], line["protocol"], line["code"]]);
    expect(summary).toEqual([
      ["/ncanode.signatures.v1.SignatureService/Save", "connect", "ok"],
      ["/ncanode.signatures.v1.SignatureService/Get", "grpc", "ok"],
      ["/ncanode.signatures.v1.SignatureService/Get", "grpc-web", "not_found"],
      ["/ncanode.signatures.v1.SignatureService/Get", "rest", "ok"],
    ]);
    for (const line of calls()) {
      expect(line["duration_ms"]).toEqual(expect.any(Number));
      expect(line["request_id"]).toMatch(/^[\w.:-]+$/);
    }
    expect(calls()[0]?.["request_id"]).toBe("req-from-caller-1");
  });

  it("log requests the JSON/HTTP API refuses itself", () => {
    expect(lines.find((line) => line["msg"] === "request refused")).toMatchObject({ path: "/nowhere", status: 404, protocol: "rest" });
  });

  it("never contain a payload", () => {
    expect(JSON.stringify(lines)).not.toContain(secretPayload);
  });

  it("return the request id to the caller", async () => {
    const reply = await restCall(server.baseUrl, "GET", "/signature?document=observed&thread=t", {
      headers: { "x-request-id": "abc-123" },
    });
    expect(reply.headers["x-request-id"]).toBe("abc-123");
    const generated = await fetch(`${server.baseUrl}/ncanode.signatures.v1.SignatureService/Get`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ document: "observed", thread: "t" }),
    });
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("GET /metrics", () => {
  it("serves Prometheus text with calls by procedure, protocol and code, latency, in-flight, database and process metrics", async () => {
    const response = await fetch(`${server.baseUrl}/metrics`);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('rpc_requests_total{procedure="/ncanode.signatures.v1.SignatureService/Save",protocol="connect",code="ok"} 1');
    expect(text).toContain(
      'rpc_requests_total{procedure="/ncanode.signatures.v1.SignatureService/Get",protocol="grpc-web",code="not_found"} 1',
    );
    expect(text).toMatch(/rpc_requests_total\{procedure="\/ncanode.signatures.v1.SignatureService\/Get",protocol="grpc",code="ok"\} [1-9]/);
    expect(text).toMatch(/rpc_request_duration_seconds_bucket\{le="0.005",procedure="[^"]+",protocol="rest"\}/);
    expect(text).toContain("rpc_requests_in_flight");
    expect(text).toMatch(/store_operation_duration_seconds_count\{operation="create",outcome="ok"\} 1/);
    expect(text).toMatch(/store_operation_duration_seconds_count\{operation="get",outcome="ok"\} [1-9]/);
    // The one Save above: one receipt under one signature.
    expect(text).toContain("receipts_per_signature_sum 1\n");
    expect(text).toContain("receipts_per_signature_count 1\n");
    expect(text).toMatch(/mongodb_pool_connections_checked_out 0/);
    expect(text).toContain("mongodb_pool_connections_created_total");
    expect(text).toContain("process_cpu_seconds_total");
    expect(text).toContain("nodejs_eventloop_lag_seconds");
  });
});
