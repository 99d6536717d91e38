import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { type LocalWireServer, startLocalWireServer } from "../../src/database/local-wire-server.js";
import { createMongoClient } from "../../src/database/open-database.js";
import { unrecognisedPayloadFacts } from "../../src/signatures/payload-inspection.js";
import { createMongoSignatureStore } from "../../src/store/mongo-signature-store.js";
import type { SignatureStore } from "../../src/store/signature-store.js";

const dataDir = await mkdtemp(path.join(tmpdir(), "crash-durability-"));
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** One acknowledged save: this version of this record holds exactly this payload. */
interface Acknowledged {
  readonly document: string;
  readonly version: number;
  readonly cms: string;
}

const writers = 16;
const kills = 3;
const noChanges = { tags: undefined, stage: undefined, parent: undefined } as const;

/**
 * One client saving versions of its own record as fast as the engine answers,
 * noting each acknowledged save. A save whose answer is lost (the engine died
 * meanwhile) may or may not have happened: the writer re-reads the current
 * version and goes on from there, so a lost acknowledged version would be
 * reused for another payload — and the ledger catches it.
 */
async function write(store: SignatureStore, document: string, ledger: Acknowledged[], running: () => boolean): Promise<void> {
  const key = { document, thread: "t" };
  let current: number | undefined;
  while (running()) {
    const cms = `${document}:${randomBytes(12).toString("base64")}`;
    const input = { cms, createdBy: undefined, comment: undefined, facts: unrecognisedPayloadFacts(cms) };
    try {
      if (current === undefined) current = await store.currentVersion(key);
      if (current === undefined) {
        const created = await store.create(key, input, noChanges);
        if (created.kind === "created") {
          ledger.push({ document, version: 1, cms });
          current = 1;
        }
      } else {
        const appended = await store.append(key, { version: current, head: undefined }, input, noChanges);
        if (appended.kind === "appended") {
          current = appended.record.currentVersion;
          ledger.push({ document, version: current, cms });
        } else if (appended.kind === "version-mismatch") {
          current = appended.currentVersion;
        } else {
          throw new Error(`unexpected append result ${appended.kind}`);
        }
      }
    } catch (error) {
      if (String(error).includes("unexpected append result")) throw error;
      current = undefined; // outcome unknown: the engine is down or was restarted
      await delay(20);
    }
  }
}

describe("The local engine with its H2 data file", () => {
  it("keeps every acknowledged save across kill -9 of the engine", async () => {
    let engine: LocalWireServer = await startLocalWireServer({ dataDir });
    const { port } = engine;
    const client = createMongoClient(engine.uri, 30_000);
    const store = createMongoSignatureStore({ db: client.db("durability"), maxRecordBytes: 15 * 1024 * 1024 });
    const ledger: Acknowledged[] = [];
    let running = true;
    try {
      await store.ensureIndexes();
      const started = Date.now();
      const load = Array.from({ length: writers }, (_, i) => write(store, `writer_${i}`, ledger, () => running));
      for (let kill = 0; kill < kills; kill++) {
        // Kill at a point that differs from the engine's once-a-second background commit.
        await delay(1300 + kill * 370);
        process.kill(engine.pid, "SIGKILL");
        await engine.exited;
        engine = await startLocalWireServer({ dataDir, port });
      }
      await delay(500);
      running = false;
      await Promise.all(load);
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `${ledger.length} acknowledged saves in ${seconds.toFixed(1)} s (${(ledger.length / seconds).toFixed(0)}/s, ${kills} kills)`,
      );
      expect(ledger.length).toBeGreaterThan(writers * kills);

      // Read back from a fresh start of the same file.
      await engine.stop();
      engine = await startLocalWireServer({ dataDir, port });
      const lost: Acknowledged[] = [];
      for (let i = 0; i < writers; i++) {
        const document = `writer_${i}`;
        const page = await store.listVersions({ document, thread: "t" }, 0, 1_000_000, true);
        const stored = new Map(page?.versions.map((v) => [v.version, v.cms]));
        lost.push(...ledger.filter((entry) => entry.document === document && stored.get(entry.version) !== entry.cms));
      }
      expect(lost, `${lost.length} of ${ledger.length} acknowledged saves lost`).toEqual([]);
    } finally {
      running = false;
      await client.close();
      await engine.stop();
    }
  }, 90_000);
});
