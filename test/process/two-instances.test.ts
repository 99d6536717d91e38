import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ServiceProcess, startServiceProcess } from "../helpers/service-process.js";
import { protocols, type SignatureClient } from "../helpers/signature-clients.js";

/** Two service processes on one database, as two instances behind a load balancer run. */
let instances: ServiceProcess[];
let clients: SignatureClient[];
const database = `two_instances_${process.pid}`;

beforeAll(async () => {
  const env = { MONGODB_URI: inject("mongoUri"), MONGODB_DB: database };
  instances = await Promise.all([startServiceProcess(env), startServiceProcess(env)]);
  clients = instances.map((instance) => protocols["gRPC (connect-node client)"](instance));
}, 120_000);
afterAll(async () => {
  await Promise.all((instances ?? []).map((instance) => instance.stop()));
});

describe("Two service processes on one database", () => {
  it("let exactly one save per round win when both race on one record", async () => {
    const key = { document: "race across instances", thread: "t" };
    await clients[0]!.save({ ...key, cms: "MIIround0" });
    for (let round = 1; round <= 15; round++) {
      // Four saves per instance, all onto the same current version.
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, (_, index) => clients[index % 2]!.save({ ...key, version: round, cms: `MIIround${round}-${index}` })),
      );
      const winners = outcomes.filter((outcome) => outcome.status === "fulfilled");
      expect(winners, `round ${round}`).toHaveLength(1);
    }
    const current = await clients[1]!.get(key);
    expect(current.signature?.currentVersion).toBe(16);
    // Both instances see one intact chain, whichever wrote each version.
    expect(await clients[0]!.verify(key)).toMatchObject({ intact: true, versionsChecked: 16 });
  });

  it("hand out unique ids from both instances", async () => {
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        clients[index % 2]!.save({ document: "ids across instances", thread: `t${index}`, cms: "MIIid" }),
      ),
    );
    const ids = created.map((response) => response.signature?.id);
    expect(new Set(ids).size).toBe(20);
  });
});
