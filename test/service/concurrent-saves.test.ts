import { Code, ConnectError } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { protocols, type SignatureClient } from "../helpers/signature-clients.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
let clients: SignatureClient[];

beforeAll(async () => {
  server = await startTestServer();
  // Separate clients, each with connections of its own, as separate microservices would have.
  // Half of them on the grpc-js port: the atomic save does not depend on which server hosts the call.
  const kinds = ["gRPC (connect-node client)", "gRPC (@grpc/grpc-js client)", "gRPC port (@grpc/grpc-js client)", "gRPC port (connect-node client)"] as const;
  clients = Array.from({ length: 32 }, (_, i) => protocols[kinds[i % kinds.length]!](server));
});
afterAll(async () => {
  await server.close();
});

/** Runs every call at once and sorts the outcomes into successes and error codes. */
async function race<T>(calls: Promise<T>[]): Promise<{ wins: T[]; codes: Code[] }> {
  const settled = await Promise.allSettled(calls);
  const wins: T[] = [];
  const codes: Code[] = [];
  for (const outcome of settled) {
    if (outcome.status === "fulfilled") wins.push(outcome.value);
    else codes.push(outcome.reason instanceof ConnectError ? outcome.reason.code : Code.Unknown);
  }
  return { wins, codes };
}

describe("Concurrent saves", () => {
  it("of one version: exactly one succeeds, the others get ABORTED, one new version is written (10 rounds)", async () => {
    const key = { document: "race", thread: "one-version" };
    await clients[0]!.save({ ...key, cms: "v1" });
    for (let round = 1; round <= 10; round++) {
      const { wins, codes } = await race(
        clients.map((client, i) => client.save({ ...key, version: round, cms: `round ${round} by ${i}` })),
      );
      expect(wins).toHaveLength(1);
      expect(codes).toEqual(Array(31).fill(Code.Aborted));
      expect(wins[0]?.signature?.version).toBe(round + 1);

      const history = await clients[0]!.listVersions({ ...key, includeCms: true, limit: 1000 });
      expect(history.currentVersion).toBe(round + 1);
      expect(history.versions.map((v) => v.version)).toEqual(Array.from({ length: round + 1 }, (_, i) => i + 1));
      expect(history.versions.at(-1)?.cms).toBe(wins[0]?.signature?.cms);
    }
  });

  it("creating one record: exactly one creates it, the others get ABORTED", async () => {
    const key = { document: "race", thread: "create" };
    const { wins, codes } = await race(clients.map((client, i) => client.save({ ...key, cms: `creator ${i}` })));
    expect(wins).toHaveLength(1);
    expect(codes).toEqual(Array(31).fill(Code.Aborted));
    const stored = await clients[1]!.get(key);
    expect(stored.signature).toMatchObject({ version: 1, currentVersion: 1, cms: wins[0]?.signature?.cms });
    const listed = await clients[0]!.list({ document: "race", thread: "create", count: true });
    expect(listed.nbResults).toBe(1n);
  });

  it("creating different records: every id is distinct and later creates get larger ids", async () => {
    const { wins } = await race(clients.map((client, i) => client.save({ document: "ids", thread: `t${i}`, cms: "v1" })));
    const ids = wins.map((w) => w.signature?.id ?? 0n);
    expect(new Set(ids).size).toBe(32);
    const later = await clients[0]!.save({ document: "ids", thread: "later", cms: "v1" });
    for (const id of ids) expect(later.signature!.id > id).toBe(true);
  });
});
