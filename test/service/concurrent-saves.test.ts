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
  const kinds = [
    "gRPC (connect-node client)",
    "gRPC (@grpc/grpc-js client)",
    "gRPC port (@grpc/grpc-js client)",
    "gRPC port (connect-node client)",
  ] as const;
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

  it("creating one record: exactly one creates it, the others are refused", async () => {
    const key = { document: "race", thread: "create" };
    const { wins, codes } = await race(clients.map((client, i) => client.save({ ...key, cms: `creator ${i}` })));
    expect(wins).toHaveLength(1);
    // A loser that raced the winner's insert gets ABORTED; one that arrived once the record
    // existed gets the original service's answer to a missing version, "Version must be set".
    expect(codes.filter((code) => code !== Code.Aborted && code !== Code.InvalidArgument)).toEqual([]);
    expect(codes).toHaveLength(31);
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
    for (const id of ids) expect(later.signature!.id).toBeGreaterThan(id);
  });
});

describe("Concurrent deletes and saves of one record", () => {
  it("end every call as success, ABORTED or NOT_FOUND, and leave a readable record with contiguous versions", async () => {
    const key = { document: "churn", thread: "delete-and-save" };
    const outcomes = new Map<string, number>();
    const count = (name: string) => outcomes.set(name, (outcomes.get(name) ?? 0) + 1);
    const until = Date.now() + 4000;
    await Promise.all(
      clients.map(async (client, i) => {
        let known = 0;
        while (Date.now() < until) {
          try {
            if (i % 4 === 0) {
              await client.delete(key);
              count("deleted");
            } else {
              const { signature } = await client.save({ ...key, version: known, cms: `by ${i}` });
              known = signature?.version ?? 0;
              count("saved");
            }
          } catch (error) {
            const code = error instanceof ConnectError ? Code[error.code] : String(error);
            count(code);
            // A client that lost a race or was told to set a version learns the current one, as a real client would.
            if (error instanceof ConnectError && error.code !== Code.NotFound) {
              known = (await client.get(key).catch(() => undefined))?.signature?.version ?? 0;
            }
          }
        }
      }),
    );
    const unexpected = [...outcomes.keys()].filter(
      (name) => !["saved", "deleted", "Aborted", "NotFound", "InvalidArgument"].includes(name),
    );
    expect(unexpected, JSON.stringify(Object.fromEntries(outcomes))).toEqual([]);
    expect(outcomes.get("saved")).toBeGreaterThan(0);
    expect(outcomes.get("deleted")).toBeGreaterThan(0);
    const last = await clients[1]!.get(key).catch(() => undefined);
    if (last !== undefined) {
      const history = await clients[1]!.listVersions({ ...key, limit: 1000 });
      expect(history.versions.map((v) => v.version)).toEqual(Array.from({ length: history.currentVersion }, (_, i) => i + 1));
    }
  });
});
