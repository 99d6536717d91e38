import { randomUUID } from "node:crypto";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createMongoSignatureStore } from "../../src/store/mongo-signature-store.js";
import { shardCollections, shardKeys } from "../../src/store/sharding.js";
import { capturedLog } from "../helpers/captured-log.js";
import { startTestServer } from "../helpers/test-server.js";

let client: MongoClient;
let isMongos: boolean;
const dbName = `sharding_${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  client = new MongoClient(inject("mongoUri"));
  await client.connect();
  isMongos = (await client.db("admin").command({ hello: 1 }))["msg"] === "isdbgrid";
});
afterAll(async () => {
  await client.db(dbName).dropDatabase();
  await client.close();
});

describe("Sharding at start-up (SHARD_COLLECTIONS)", () => {
  it("shards the collections on their documented keys through a mongos, idempotently, and does nothing elsewhere", async () => {
    const db = client.db(dbName);
    await createMongoSignatureStore({ db, maxRecordBytes: 1024 * 1024 }).ensureIndexes();
    const first = await shardCollections(db);
    const again = await shardCollections(db);
    if (!isMongos) {
      // The local engine, a standalone mongod or a replica set: no sharding command is sent.
      expect([first, again]).toEqual([{ kind: "not-mongos" }, { kind: "not-mongos" }]);
      return;
    }
    expect([first, again]).toEqual([
      { kind: "sharded", collections: ["signatures", "signature_versions"] },
      { kind: "sharded", collections: ["signatures", "signature_versions"] },
    ]);
    const sharded = await client
      .db("config")
      .collection("collections")
      .findOne({ _id: `${dbName}.signatures` as never });
    expect(sharded?.["key"]).toEqual(shardKeys.signatures);
    expect(sharded?.["unique"]).toBe(true);
  });

  it("says in the log what it did when the service starts with SHARD_COLLECTIONS=true", async () => {
    const { log, lines } = capturedLog();
    const server = await startTestServer({ SHARD_COLLECTIONS: "true" }, inject("mongoUri"), log);
    try {
      const message = isMongos ? "collections sharded" : "SHARD_COLLECTIONS: the database is not a mongos, so nothing is sharded";
      expect(lines.map((line) => line["msg"])).toContain(message);
    } finally {
      await server.close();
    }
  });
});
