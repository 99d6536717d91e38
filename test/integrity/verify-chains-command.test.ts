import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { protocols } from "../helpers/signature-clients.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

const run = promisify(execFile);
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const client = protocols["Connect binary (HTTP/2)"](server);
  for (const thread of ["a", "b", "c"]) {
    await client.save({ document: "audit", thread, cms: `MII${thread}1` });
    await client.save({ document: "audit", thread, version: 1, cms: `MII${thread}2` });
  }
});
afterAll(async () => {
  await server.close();
});

/** `npm run verify-chains` as an operator runs it (from the sources), on the test server's database. */
async function verifyChains(...args: string[]): Promise<{ code: number; lines: Record<string, unknown>[] }> {
  const env = { ...process.env, MONGODB_URI: inject("mongoUri"), MONGODB_DB: server.config.mongodbDb, LOG_LEVEL: "info" };
  const outcome = await run(process.execPath, ["--import", "tsx", "scripts/verify-chains.ts", ...args], { env }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
  const lines = outcome.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code: outcome.code, lines };
}

describe("npm run verify-chains", () => {
  it("checks every record, names the one altered in the database, prints a summary and exits 1", async () => {
    const records = server.client.db(server.config.mongodbDb).collection("signatures");
    expect((await verifyChains()).code).toBe(0);
    await records.updateOne({ document: "audit", thread: "b" }, { $set: { "versions.0.comment": "written behind the service's back" } });
    const { code, lines } = await verifyChains();
    expect(code).toBe(1);
    expect(lines.filter((line) => line["msg"] === "verify-chains: broken chain")).toEqual([
      expect.objectContaining({ document: "audit", thread: "b", version: 1, reason: "version 1's content does not match its hash" }),
    ]);
    expect(lines.some((line) => line["msg"] === "verify-chains: progress")).toBe(true);
    const done = lines.find((line) => line["msg"] === "verify-chains: done");
    expect(done).toMatchObject({ records: 3, intact: 2, broken: 1, unhashedVersions: 0 });
  });

  it("resumes after a given record id, and refuses a bad one with exit code 2", async () => {
    const b = await server.client.db(server.config.mongodbDb).collection("signatures").findOne({ document: "audit", thread: "b" });
    const { code, lines } = await verifyChains(`--after-id=${b?._id}`);
    expect(code).toBe(0);
    expect(lines.find((line) => line["msg"] === "verify-chains: done")).toMatchObject({ records: 1, broken: 0 });
    expect((await verifyChains("--after-id=last")).code).toBe(2);
  });
});
