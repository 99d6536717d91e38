import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { expectRpcError } from "../helpers/expect-rpc-error.js";
import { restCall } from "../helpers/rest-call.js";
import { describeWithDatabaseOutages, type ServerBehindProxy, startServerBehindProxy } from "../helpers/server-behind-proxy.js";
import { protocols } from "../helpers/signature-clients.js";
import type { TcpProxy } from "../helpers/tcp-proxy.js";
import type { TestServer } from "../helpers/test-server.js";

describeWithDatabaseOutages("Database outage", () => {
  let behind: ServerBehindProxy;
  let proxy: TcpProxy;
  let server: TestServer;

  beforeAll(async () => {
    behind = await startServerBehindProxy({ MONGODB_TIMEOUT_MS: "1000" });
    ({ proxy, server } = behind);
  });
  afterAll(async () => {
    await behind.close();
  });

  it("answers UNAVAILABLE while the database is unreachable, then recovers without a restart", async () => {
    const client = protocols["gRPC (connect-node client)"](server);
    const key = { document: "outage", thread: "t1" };
    await client.save({ ...key, cms: "v1" });

    await proxy.cut();
    await expectRpcError(client.get(key), Code.Unavailable);
    const failedSave = await expectRpcError(client.save({ ...key, version: 1, cms: "v2" }), Code.Unavailable);
    expect(failedSave.rawMessage).not.toMatch(/mongo|ECONN|127\.0\.0\.1/i);
    const rest = await restCall(server.baseUrl, "GET", "/signature?document=outage&thread=t1");
    expect(rest).toMatchObject({
      status: 503,
      body: { status: false, message: "Database is unavailable, try again later", content: null },
    });

    await proxy.restore();
    const recovered = await vi.waitFor(() => client.get(key), { timeout: 20_000, interval: 200 });
    expect(recovered.signature).toMatchObject({ version: 1, cms: "v1" });
    const saved = await client.save({ ...key, version: 1, cms: "v2" });
    expect(saved.signature?.version).toBe(2);
  });
});

describeWithDatabaseOutages("Database outage seen by the health monitor", () => {
  let behind: ServerBehindProxy;

  beforeAll(async () => {
    // The driver's own wait for an unreachable server is long here; the monitor's knowledge must cut it short.
    behind = await startServerBehindProxy({ MONGODB_TIMEOUT_MS: "5000" });
  });
  afterAll(async () => {
    await behind.close();
  });

  it("fails calls at once with UNAVAILABLE while the monitor sees the database down, and serves again once it is back", async () => {
    const { server, proxy } = behind;
    const key = { document: "fail-fast", thread: "t" };
    const client = protocols["gRPC (connect-node client)"](server);
    await client.save({ ...key, cms: "v1" });

    await proxy.cut();
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect(ready.status).toBe(503); // the monitor now knows

    const started = performance.now();
    const calls = Array.from({ length: 32 }, (_, i) =>
      expectRpcError(i % 2 === 0 ? client.get(key) : client.save({ ...key, version: 1, cms: `v2 by ${i}` }), Code.Unavailable),
    );
    await Promise.all(calls);
    expect(performance.now() - started).toBeLessThan(1000);

    await proxy.restore();
    const recovered = await vi.waitFor(() => client.get(key), { timeout: 10_000, interval: 100 });
    expect(recovered.signature).toMatchObject({ version: 1, cms: "v1" });
  });

  it("does not refuse calls while the database is only slow: its ping fails but the driver still knows the server", async () => {
    const { server, proxy } = behind;
    const client = protocols["gRPC (connect-node client)"](server);
    const key = { document: "slow", thread: "t" };
    await vi.waitFor(() => client.save({ ...key, cms: "v1" }), { timeout: 10_000, interval: 100 });
    proxy.stall();
    try {
      expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(503); // the ping gave up
      // The call waits for the database, as it should for a slow one, until its own deadline.
      await expectRpcError(client.get(key, { timeoutMs: 500 }), Code.DeadlineExceeded);
    } finally {
      proxy.unstall();
    }
  });
});
