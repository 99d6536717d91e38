import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { startServiceProcess } from "../helpers/service-process.js";
import { protocols } from "../helpers/signature-clients.js";

const dataDir = await mkdtemp(path.join(tmpdir(), "signature-store-"));
// Runs as `npm start` does: on MONGODB_URI when the suite has one, else on the
// embedded default with its data file in DATA_DIR.
const env: Record<string, string> = { DATA_DIR: dataDir, MONGODB_DB: `restart_${randomUUID().slice(0, 8)}` };
if (process.env["MONGODB_URI"]) env["MONGODB_URI"] = inject("mongoUri");

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("The service process", () => {
  it("keeps the data across a restart and stops cleanly on SIGTERM", async () => {
    const first = await startServiceProcess(env);
    const engine = first.logs.find((entry) => entry["msg"] === "database connected")?.["database"];
    console.log(`service process ran on: ${String(engine)}`);
    expect(engine).toEqual(expect.any(String));

    const client = protocols["gRPC (connect-node client)"](first);
    await client.save({ document: "durable", thread: "t", cms: "v1", tags: ["keep"] });
    await client.save({ document: "durable", thread: "t", version: 1, cms: "v2" });
    expect(await first.stop()).toBe(0);
    expect(first.logs.map((entry) => entry["msg"])).toContain("stopped");

    const second = await startServiceProcess(env);
    try {
      const again = protocols["Connect JSON (HTTP/1.1)"](second);
      const got = await again.get({ document: "durable", thread: "t" });
      expect(got.signature).toMatchObject({ version: 2, cms: "v2", tags: ["keep"] });
      const next = await again.save({ document: "durable", thread: "next", cms: "v1" });
      expect(next.signature!.id).toBeGreaterThan(got.signature!.id);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 240_000);
});
