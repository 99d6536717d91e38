import type { Db } from "mongodb";

/**
 * The shard key of each sharded collection (docs/database.md, Sharding): the
 * unique key (document, thread) is its prefix, so the unique index stays
 * enforceable on a sharded cluster and every call on one record routes to one
 * shard. `counters` stays unsharded (one write per block of 100 creates).
 */
export const shardKeys = Object.freeze({
  signatures: Object.freeze({ document: 1, thread: 1 }),
  // Not unique by itself (a record created anew under a deleted one's key): the unique index adds record_id.
  signature_versions: Object.freeze({ document: 1, thread: 1, version: 1 }),
});

/** The collections whose shard key is itself unique. */
const uniqueShardKeys: ReadonlySet<string> = new Set(["signatures"]);

/** What shardCollections did: sharded (or found sharded) the collections, or nothing because the server is not a mongos. */
export type ShardingOutcome = { readonly kind: "sharded"; readonly collections: readonly string[] } | { readonly kind: "not-mongos" };

/**
 * Shards the service's collections on their documented keys (range-based), when
 * `db` is reached through a mongos; on any other server it does nothing. Runs
 * after the indexes exist: the unique index on (document, thread) is then the
 * shard key's index. Idempotent: MongoDB ≥ 5.0 answers ok to shardCollection of
 * a collection already sharded on the same key, and an error (which stops the
 * start-up) when it is sharded on another key.
 */
export async function shardCollections(db: Db): Promise<ShardingOutcome> {
  const hello = await db.admin().command({ hello: 1 });
  if (hello["msg"] !== "isdbgrid") return { kind: "not-mongos" };
  await db.admin().command({ enableSharding: db.databaseName });
  const collections: string[] = [];
  for (const [name, key] of Object.entries(shardKeys)) {
    await db.admin().command({ shardCollection: `${db.databaseName}.${name}`, key, unique: uniqueShardKeys.has(name) });
    collections.push(name);
  }
  return { kind: "sharded", collections };
}
