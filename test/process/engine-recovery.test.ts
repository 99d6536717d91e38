import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { readConfig } from "../../src/config.js";
import { openDatabase } from "../../src/database/open-database.js";
import { type ServiceProcess, startServiceProcess } from "../helpers/service-process.js";
import { protocols } from "../helpers/signature-clients.js";
import { startTestServer } from "../helpers/test-server.js";

const dataDir = await mkdtemp(path.join(tmpdir(), "engine-recovery-"));
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** The embedded local engine with its data file, as `npm start` runs it offline. */
function env(name: string): Record<string, string> {
  return {
    DATA_DIR: path.join(dataDir, name),
    EMBEDDED_ENGINE: "local",
    MONGODB_DB: `recovery_${randomUUID().slice(0, 8)}`,
    MONGODB_TIMEOUT_MS: "2000",
  };
}

/** The local engine's pid and port, from the "database connected" log line. */
function engineOf(service: { logs: Record<string, unknown>[] }): { pid: number; port: number } {
  const description = String(service.logs.find((entry) => entry["msg"] === "database connected")?.["database"]);
  const match = /:(\d+), pid (\d+)$/.exec(description);
  if (match === null) throw new Error(`no engine pid in "${description}"`);
  return { port: Number(match[1]), pid: Number(match[2]) };
}

/** Takes the port the moment the killed engine has released it, so that no restart can listen there. */
async function occupy(port: number): Promise<Server> {
  for (const started = Date.now(); Date.now() - started < 5000; await delay(5)) {
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (bound) return server;
  }
  throw new Error(`port ${port} stayed busy`);
}

async function healthz(baseUrl: string): Promise<number> {
  return (await fetch(`${baseUrl}/healthz`)).status;
}

describe("The embedded local engine", () => {
  it("is restarted after kill -9 and serves the earlier data again within seconds", async () => {
    const service: ServiceProcess = await startServiceProcess(env("restart"));
    try {
      const client = protocols["Connect JSON (HTTP/1.1)"](service);
      const key = { document: "survivor", thread: "t" };
      await client.save({ ...key, cms: "v1" });
      await client.save({ ...key, version: 1, cms: "v2" });
      const engine = engineOf(service);

      process.kill(engine.pid, "SIGKILL");
      const killedAt = Date.now();
      let saved: Awaited<ReturnType<typeof client.save>> | undefined;
      while (saved === undefined) {
        expect(Date.now() - killedAt, "Save worked again within 10 s").toBeLessThan(10_000);
        saved = await client.save({ ...key, version: 2, cms: "v3" }).catch(() => undefined);
        if (saved === undefined) await delay(100);
      }
      console.log(`Save answered again ${Date.now() - killedAt} ms after kill -9 of the engine`);
      expect(saved.signature).toMatchObject({ version: 3, cms: "v3" });
      expect((await client.get({ ...key, version: 2 })).signature).toMatchObject({ version: 2, cms: "v2" });
      expect(await healthz(service.baseUrl)).toBe(200);
      const restarted = service.logs.find((entry) => entry["previousPid"] === engine.pid);
      expect(restarted).toMatchObject({ level: 40, port: engine.port, signal: "SIGKILL", pid: expect.any(Number) });
    } finally {
      expect(await service.stop()).toBe(0);
    }
  }, 60_000);

  it("makes the process exit non-zero when the engine cannot be restarted", async () => {
    const service = await startServiceProcess(env("unrecoverable"));
    const engine = engineOf(service);
    process.kill(engine.pid, "SIGKILL");
    const squatter = await occupy(engine.port);
    try {
      const code = await Promise.race([service.exited, delay(30_000, "still running")]);
      expect(code).toBe(1);
      expect(service.logs).toContainEqual(expect.objectContaining({ level: 60, msg: "the process cannot recover: stopping" }));
    } finally {
      squatter.close();
      if ((await Promise.race([service.exited, delay(0, "running")])) === "running") await service.stop();
    }
  }, 60_000);

  it("turns /healthz to 503 when the engine cannot be restarted", async () => {
    // In this process, where nothing exits: the database as main opens it, the real server in front.
    const config = readConfig(env("liveness"));
    const database = await openDatabase(config, () => undefined);
    const engine = engineOf({ logs: [{ msg: "database connected", database: database.description }] });
    const server = await startTestServer({}, `mongodb://127.0.0.1:${engine.port}/?directConnection=true`);
    let squatter: Server | undefined;
    try {
      expect(await healthz(server.baseUrl)).toBe(200);
      process.kill(engine.pid, "SIGKILL");
      squatter = await occupy(engine.port);
      const killedAt = Date.now();
      while ((await healthz(server.baseUrl)) === 200) {
        expect(Date.now() - killedAt, "/healthz turned 503 within 15 s").toBeLessThan(15_000);
        await delay(100);
      }
      expect(await healthz(server.baseUrl)).toBe(503);
    } finally {
      squatter?.close();
      await server.close().catch(() => undefined);
      await database.close().catch(() => undefined);
    }
  }, 60_000);
});
