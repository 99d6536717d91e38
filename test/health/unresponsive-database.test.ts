import { connectNodeAdapter } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHealthChecks, type HealthChecks } from "../../src/health/health.js";
import { routesOf } from "../../src/server/hosted-service.js";
import { createOnePortServer, type OnePortServer } from "../../src/server/one-port-server.js";
import { healthProbe } from "../helpers/go-tools.js";
import { healthClient, ServingStatus, watchHealth } from "../helpers/health-client.js";

/**
 * A database that stops answering without closing anything (a black hole, the
 * hardest outage to see): pings hang. The health checks, on the project's
 * one-port server, must still answer within their callers' deadlines.
 */
describe("Health with a database that does not answer", () => {
  let database: "up" | "silent" | "refusing" = "up";
  let health: HealthChecks;
  let server: OnePortServer;
  let port: number;
  let baseUrl: string;

  beforeAll(async () => {
    health = createHealthChecks({
      ping: () =>
        database === "up"
          ? Promise.resolve({ ok: 1 })
          : database === "refusing"
            ? Promise.reject(new Error("connect ECONNREFUSED"))
            : new Promise(() => undefined),
      serviceNames: ["test.Service"],
      intervalMs: 200,
      timeoutMs: 1000,
    });
    const handler = connectNodeAdapter({
      routes: routesOf([health.service]),
      fallback: health.withEndpoints((_request, response) => {
        response.statusCode = 404;
        response.end();
      }),
    });
    server = createOnePortServer({ host: "127.0.0.1", port: 0, handler, shutdownTimeoutMs: 2000 });
    port = (await server.listen()).port;
    baseUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    health.close();
    await server.close();
  });

  it("answers NOT_SERVING within the caller's deadline instead of running into it", async () => {
    const watch = watchHealth(baseUrl, "test.Service");
    await watch.until(ServingStatus.SERVING);
    database = "silent";

    // grpc_health_probe with its default 1 s RPC timeout: exit code 4 (unhealthy), not 3 (deadline exceeded).
    const probe = await healthProbe(port, ["-service=test.Service"]);
    expect(probe.stderr + probe.stdout).toContain('service unhealthy (responded with "NOT_SERVING")');
    expect(probe.code).toBe(4);

    const started = Date.now();
    const check = await healthClient(baseUrl).check({ service: "" }, { timeoutMs: 400 });
    expect(check.status).toBe(ServingStatus.NOT_SERVING);
    expect(Date.now() - started).toBeLessThan(400);

    // Without a deadline a Check waits for the ping's own timeout (1 s); so does /readyz.
    expect((await healthClient(baseUrl).check({ service: "" })).status).toBe(ServingStatus.NOT_SERVING);
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(503);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    await watch.until(ServingStatus.NOT_SERVING);

    database = "refusing";
    expect((await healthClient(baseUrl).check({ service: "test.Service" })).status).toBe(ServingStatus.NOT_SERVING);

    database = "up";
    await watch.until(ServingStatus.SERVING, 5000);
    const serving = await healthProbe(port, ["-service=test.Service"]);
    expect(serving.code, serving.stderr).toBe(0);
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);
    watch.cancel();
    await watch.ended;
  });
});
