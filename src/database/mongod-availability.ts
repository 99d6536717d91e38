import { lookup } from "node:dns/promises";
import { DryMongoBinary } from "mongodb-memory-server-core";
import { MongoBinaryDownloadUrl } from "mongodb-memory-server-core/lib/util/MongoBinaryDownloadUrl.js";

const lookupTimeoutMs = 1500;

/**
 * Whether mongodb-memory-server can have a mongod without a doomed download:
 * a binary it already has (MONGOMS_SYSTEM_BINARY or its download cache, as it
 * resolves them itself), or a download host whose name resolves. Offline, a
 * download fails only after ~7 s of retries; a name lookup says so at once.
 * The reason is for the log when the answer is no.
 */
export async function mongodObtainable(): Promise<{ readonly obtainable: boolean; readonly reason: string }> {
  const options = await DryMongoBinary.generateOptions();
  try {
    const binary = await DryMongoBinary.locateBinary(options);
    if (binary !== undefined) return { obtainable: true, reason: `mongod binary at ${binary}` };
  } catch {
    // a configured system binary that is unusable: let mongodb-memory-server report it
    return { obtainable: true, reason: "a system binary is configured" };
  }
  const host = new URL(await new MongoBinaryDownloadUrl(options).getDownloadUrl()).hostname;
  const resolved = await Promise.race([
    lookup(host).then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), lookupTimeoutMs).unref()),
  ]);
  return resolved
    ? { obtainable: true, reason: `mongod can be downloaded from ${host}` }
    : { obtainable: false, reason: `no mongod binary here and ${host} does not resolve (offline?)` };
}
