import { Code, ConnectError } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRpcError } from "../helpers/expect-rpc-error.js";
import { healthProbe } from "../helpers/go-tools.js";
import { healthClient, ServingStatus, watchHealth } from "../helpers/health-client.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

const signatureService = "ncanode.signatures.v1.SignatureService";

describe("Health checks while the database is up", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("GET /healthz and /readyz answer 200 (HEAD too); other methods 405", async () => {
    for (const path of ["/healthz", "/readyz", "/readyz?verbose=1"]) {
      const response = await fetch(`${server.baseUrl}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(await response.json()).toEqual({ status: "ok" });
      const head = await fetch(`${server.baseUrl}${path}`, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe("");
    }
    const post = await fetch(`${server.baseUrl}/readyz`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    // The JSON/HTTP API behind them is untouched.
    expect((await fetch(`${server.baseUrl}/healthzz`)).status).toBe(404);
  });

  it("Check reports SERVING for the server and the signature service, NOT_FOUND for others", async () => {
    const client = healthClient(server.baseUrl);
    expect((await client.check({ service: "" })).status).toBe(ServingStatus.SERVING);
    expect((await client.check({ service: signatureService })).status).toBe(ServingStatus.SERVING);
    await expectRpcError(client.check({ service: "no.such.Service" }), Code.NotFound);
  });

  it("Watch sends SERVING and stays open until the client cancels", async () => {
    const watch = watchHealth(server.baseUrl, signatureService);
    await watch.until(ServingStatus.SERVING);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watch.statuses).toEqual([ServingStatus.SERVING]); // no repeats without a change
    watch.cancel();
    expect(ConnectError.from(await watch.ended).code).toBe(Code.Canceled);
  });

  it("Watch of an unknown service sends SERVICE_UNKNOWN and keeps the call open", async () => {
    const watch = watchHealth(server.baseUrl, "no.such.Service");
    await watch.until(ServingStatus.SERVICE_UNKNOWN);
    const stillOpen = await Promise.race([watch.ended.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 300))]);
    expect(stillOpen).toBe(true);
    watch.cancel();
    await watch.ended;
  });

  it.each([
    ["the main port", (s: TestServer) => s.port],
    ["the gRPC port", (s: TestServer) => s.grpcPort],
  ] as const)("grpc_health_probe on %s reports SERVING, and fails for an unknown service", async (_, portOf) => {
    for (const options of [[], [`-service=${signatureService}`]]) {
      const run = await healthProbe(portOf(server), options);
      expect(run.code, run.stderr + run.stdout).toBe(0);
      expect(run.stdout + run.stderr).toContain("status: SERVING"); // it logs to stderr
    }
    const unknown = await healthProbe(portOf(server), ["-service=no.such.Service"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr + unknown.stdout).toMatch(/NotFound/);
  });
});

describe("Health on shutdown", () => {
  it("turns NOT_SERVING and ends Watch streams, so the server closes without waiting for them", async () => {
    const server = await startTestServer();
    const watch = watchHealth(server.baseUrl, "");
    await watch.until(ServingStatus.SERVING);
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(server.config.shutdownTimeoutMs);
    expect(await watch.ended).toBeUndefined(); // ended by the server with OK
    expect(watch.statuses).toEqual([ServingStatus.SERVING, ServingStatus.NOT_SERVING]);
  });
});
