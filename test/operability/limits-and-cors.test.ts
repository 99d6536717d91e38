import http2 from "node:http2";
import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRpcError } from "../helpers/expect-rpc-error.js";
import { describeWithDatabaseOutages, type ServerBehindProxy, startServerBehindProxy } from "../helpers/server-behind-proxy.js";
import { protocols } from "../helpers/signature-clients.js";
import type { TcpProxy } from "../helpers/tcp-proxy.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

describeWithDatabaseOutages("Deadlines", () => {
  let behind: ServerBehindProxy;
  let proxy: TcpProxy;
  let server: TestServer;

  beforeAll(async () => {
    behind = await startServerBehindProxy({ MONGODB_TIMEOUT_MS: "5000", DEFAULT_DEADLINE_MS: "400" });
    ({ proxy, server } = behind);
  });
  /**
   * A database that hangs: a call would wait MONGODB_TIMEOUT_MS (5 s), and the deadlines must end it
   * first. The health monitor needs a second (its ping timeout) to see it down and make calls fail
   * fast with UNAVAILABLE, so each call starts on a freshly hung database.
   */
  async function hangDatabase(): Promise<void> {
    proxy.unstall();
    const deadline = Date.now() + 10_000;
    while ((await fetch(`${server.baseUrl}/readyz`)).status !== 200) {
      if (Date.now() > deadline) throw new Error("the database did not come back within 10 s");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    proxy.stall();
  }
  afterAll(async () => {
    await behind.close();
  });

  it.each(["gRPC (connect-node client)", "gRPC port (connect-node client)", "Connect JSON (HTTP/1.1)"] as const)(
    "honours the client's deadline over %s",
    async (protocol) => {
      await hangDatabase();
      const started = Date.now();
      await expectRpcError(protocols[protocol](server).get({ document: "d", thread: "t" }, { timeoutMs: 200 }), Code.DeadlineExceeded);
      expect(Date.now() - started).toBeLessThan(1500);
    },
  );

  it("applies DEFAULT_DEADLINE_MS when the client sets none, on both ports", async () => {
    for (const protocol of ["gRPC (connect-node client)", "gRPC port (@grpc/grpc-js client)"] as const) {
      await hangDatabase();
      const started = Date.now();
      await expectRpcError(protocols[protocol](server).get({ document: "d", thread: "t" }), Code.DeadlineExceeded);
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });
});

describe("Connection limits", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MAX_CONCURRENT_STREAMS: "7", IDLE_TIMEOUT_MS: "1000", CORS_ORIGINS: "https://app.example" });
  });
  afterAll(async () => {
    await server.close();
  });

  it("announces MAX_CONCURRENT_STREAMS to HTTP/2 clients and closes idle connections", async () => {
    const session = http2.connect(server.baseUrl);
    const settings = await new Promise<http2.Settings>((resolve) => session.once("remoteSettings", resolve));
    expect(settings.maxConcurrentStreams).toBe(7);
    const closedAfter = await new Promise<number>((resolve) => {
      const started = Date.now();
      session.once("close", () => resolve(Date.now() - started));
    });
    expect(closedAfter).toBeGreaterThan(500);
    expect(closedAfter).toBeLessThan(5000);
  });

  it("answers CORS preflights for allowed origins only", async () => {
    const preflight = (origin: string) =>
      fetch(`${server.baseUrl}/ncanode.signatures.v1.SignatureService/Get`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type,connect-protocol-version",
        },
      });
    const allowed = await preflight("https://app.example");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(allowed.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("connect-protocol-version");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");
    const refused = await preflight("https://evil.example");
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();

    const call = await fetch(`${server.baseUrl}/signatures`, { headers: { origin: "https://app.example" } });
    expect(call.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(call.headers.get("access-control-expose-headers")).toContain("x-request-id");
  });
});
