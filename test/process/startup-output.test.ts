import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mongodObtainable } from "../../src/database/mongod-availability.js";
import { startServiceProcess } from "../helpers/service-process.js";

const dataDir = await mkdtemp(path.join(tmpdir(), "startup-output-"));
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const { obtainable } = await mongodObtainable();

describe("The service process started offline", () => {
  // Online, or with a mongod at hand, mongodb-memory-server is the engine and this path is not taken:
  // the test is then skipped, not passed (its name says why), and the offline start-up is unchecked there.
  const title = "prints one JSON log line per fact and skips the doomed mongod download";
  it.skipIf(obtainable)(
    obtainable ? `${title} (skipped: a mongod can be had here, so the offline path is not taken)` : title,
    async () => {
      const started = Date.now();
      const service = await startServiceProcess({
        MONGODB_URI: "",
        DATA_DIR: dataDir,
        MONGODB_DB: `startup_${randomUUID().slice(0, 8)}`,
        SHUTDOWN_TIMEOUT_MS: "1000",
      });
      const readyMs = Date.now() - started;
      try {
        console.log(`listening ${readyMs} ms after the start, on: ${String(service.logs.at(-2)?.["database"])}`);
        // Let the engine log what it logs once clients create indexes.
        await fetch(`${service.baseUrl}/signatures`);
        await new Promise((resolve) => setTimeout(resolve, 500));
        for (const line of service.lines) {
          expect(line).not.toMatch(/\x1b\[/);
          expect(() => JSON.parse(line) as unknown, line).not.toThrow();
        }
        expect(service.lines.join("\n")).not.toMatch(/WARN|not yet implemented|^\s+at /m);
        expect(service.logs).toContainEqual(expect.objectContaining({ msg: "mongodb-memory-server skipped" }));
        expect(service.logs.map((entry) => entry["msg"])).not.toContain("mongodb-memory-server unavailable");
        // The download alone took ~7 s before it was skipped.
        expect(readyMs).toBeLessThan(7000);
      } finally {
        expect(await service.stop()).toBe(0);
      }
    },
    60_000,
  );
});
