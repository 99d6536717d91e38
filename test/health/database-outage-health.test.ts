import { afterAll, beforeAll, expect, it } from "vitest";
import { healthProbe, type ToolRun } from "../helpers/go-tools.js";
import { healthClient, ServingStatus, watchHealth } from "../helpers/health-client.js";
import { describeWithDatabaseOutages, type ServerBehindProxy, startServerBehindProxy } from "../helpers/server-behind-proxy.js";
import type { TcpProxy } from "../helpers/tcp-proxy.js";
import type { TestServer } from "../helpers/test-server.js";

const signatureService = "ncanode.signatures.v1.SignatureService";

/** Runs the probe until `done` accepts its result, for up to timeoutMs; returns the last run. */
async function probeUntil(port: number, options: string[], done: (run: ToolRun) => boolean, timeoutMs = 20_000): Promise<ToolRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await healthProbe(port, options);
    if (done(run) || Date.now() > deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describeWithDatabaseOutages("Health during a database outage", () => {
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

  it("reports NOT_SERVING while the database is cut, and SERVING again once it is back", async () => {
    const serving = await healthProbe(server.port, [`-service=${signatureService}`]);
    expect(serving.code, serving.stderr).toBe(0);
    const overall = watchHealth(server.baseUrl, "");
    const signatures = watchHealth(server.baseUrl, signatureService);
    await overall.until(ServingStatus.SERVING);
    await signatures.until(ServingStatus.SERVING);

    await proxy.cut();
    // Check pings the database on demand: the very first probe after the cut sees it (exit code 4: unhealthy).
    // The probe's RPC timeout is raised from 1 s only to keep a loaded CI machine from turning it into exit code 3.
    const down = await healthProbe(server.port, ["-rpc-timeout=5s"]);
    expect(down.stderr + down.stdout).toContain('service unhealthy (responded with "NOT_SERVING")');
    expect(down.code).toBe(4);
    // Within the probe's default 1 s deadline too: Check answers before the deadline instead of running into it.
    const quick = await healthProbe(server.port, [`-service=${signatureService}`]);
    expect(quick.stderr + quick.stdout).toContain("NOT_SERVING");
    expect((await healthClient(server.baseUrl).check({ service: "" }, { timeoutMs: 500 })).status).toBe(ServingStatus.NOT_SERVING);
    const readyz = await fetch(`${server.baseUrl}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toEqual({ status: "unavailable", reason: "database unreachable" });
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200); // the process is up
    // The periodic ping tells the watchers.
    await overall.until(ServingStatus.NOT_SERVING);
    await signatures.until(ServingStatus.NOT_SERVING);

    await proxy.restore();
    const back = await probeUntil(server.port, [], (run) => run.code === 0);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stderr + back.stdout).toContain("status: SERVING");
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    await overall.until(ServingStatus.SERVING);
    await signatures.until(ServingStatus.SERVING);
    expect(signatures.statuses).toEqual([ServingStatus.SERVING, ServingStatus.NOT_SERVING, ServingStatus.SERVING]);
    overall.cancel();
    signatures.cancel();
    await Promise.all([overall.ended, signatures.ended]);
  });
});
