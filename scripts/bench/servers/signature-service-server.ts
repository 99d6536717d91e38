import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import type { Db, MongoClient } from "mongodb";
import { pino } from "pino";
import { readConfig } from "../../../src/config.js";
import { openDatabase } from "../../../src/database/open-database.js";
import type { NodeHandler } from "../../../src/server/node-handler.js";
import { startService } from "../../../src/server/start-servers.js";
import { createCallPacer } from "../call-pacer.js";
import type { AppendCommandCounts, DriverGetRequest, ServerPorts } from "../ipc-messages.js";
import { driverOperations } from "../workloads/driver-operations.js";

/** The service's database, for driverGetInside. */
let serviceDb: Db | undefined;

/** The store's appends and head reads, when the child was started with countAppendCommands. */
let appendCounts: { appends: number; headReads: number } | undefined;

/** What the command monitor counted so far (see StartServerMessage.countAppendCommands). */
export function appendCommandCounts(): AppendCommandCounts {
  if (appendCounts === undefined) throw new Error("this service child was not started with countAppendCommands");
  return { ...appendCounts };
}

/**
 * The store's Get query issued with the driver alone, but from inside the server
 * process (same heap, event loop and pool as the service): the CPU per call the
 * driver costs where the service runs it.
 */
export async function driverGetInside(request: DriverGetRequest): Promise<{ calls: number; cpuMicros: number }> {
  if (serviceDb === undefined) throw new Error("the signature service is not started");
  const get = driverOperations(serviceDb, 0).get;
  const pick = () => request.records[Math.floor(Math.random() * request.records.length)]!;
  const run = async (until: number): Promise<number> => {
    let calls = 0;
    const nextSlot = createCallPacer(request.callsPerSecond);
    await Promise.all(
      Array.from({ length: request.concurrency }, async () => {
        while (Date.now() < until) {
          await nextSlot();
          await get({ ...pick(), version: 0 });
          calls++;
        }
      }),
    );
    return calls;
  };
  await run(Date.now() + 500); // warm-up
  const before = process.cpuUsage();
  const calls = await run(Date.now() + request.seconds * 1000);
  const used = process.cpuUsage(before);
  return { calls, cpuMicros: used.user + used.system };
}

/**
 * The real service as src/main.ts opens and starts it (openDatabase, then
 * startService: the one-port server on PORT and the grpc-js server on
 * GRPC_PORT), on a database the bench process has seeded. Besides, the same
 * app handler on a plain node:http2 server (h2c, no sniffing), so the three
 * ways of hosting the service run in one process on one app and one pool.
 * Resolves with the bound ports.
 */
export async function startSignatureServiceServer(
  mongodbUri: string,
  mongodbDb: string,
  options: { readonly environment: Readonly<Record<string, string>>; readonly countAppendCommands: boolean },
): Promise<ServerPorts> {
  // Defaults for everything else (payload limits, locale, stream limits), as a plain deployment has them.
  // Stand-in payloads of a fixed size (accepted as unknown): the bench measures storage and transports, and section 10 inspection.
  // The parent's variables (section 12: encryption keys) come on top.
  const config = readConfig({
    // Command monitoring is a client option the driver copies into each connection when it opens it, so it
    // must be on from the start: the connection string carries it into openDatabase's client.
    MONGODB_URI: options.countAppendCommands ? withUriOption(mongodbUri, "monitorCommands=true") : mongodbUri,
    PORT: "0",
    GRPC_PORT: "0",
    MONGODB_DB: mongodbDb,
    MONGODB_TIMEOUT_MS: "10000",
    ACCEPT_UNRECOGNISED_PAYLOADS: "true",
    ...options.environment,
  });
  // Errors only, and on stderr: the bench's stdout holds the report.
  const log = pino({ level: "error", base: { service: "signature-store-bench" } }, pino.destination(2));
  const database = await openDatabase({ ...config, dataDir: undefined }, () => undefined);
  serviceDb = database.db;
  if (options.countAppendCommands) countAppendCommands(database.client, config.mongodbDb);
  const service = await startService(config, database.db, log);
  if (service.grpcPort === undefined) throw new Error("startService did not start the gRPC port although GRPC_PORT is set");
  const h2c = await listenH2c(service.app.handler, config.host, config.maxConcurrentStreams);
  return { main: service.address.port, grpc: service.grpcPort, h2c };
}

/**
 * Counts, from the driver's command monitoring, the conditional updates of
 * appends (findAndModify on the records) and the head reads before them (a
 * find projecting head_hash: the store's append reads only version, head and
 * size; Get reads whole entries).
 */
function countAppendCommands(client: MongoClient, databaseName: string): void {
  const counts = { appends: 0, headReads: 0 };
  appendCounts = counts;
  client.on("commandStarted", (event) => {
    if (event.databaseName !== databaseName) return;
    const command = event.command as { findAndModify?: unknown; find?: unknown; projection?: { head_hash?: unknown; cms?: unknown } };
    if (event.commandName === "findAndModify" && command.findAndModify === "signatures") counts.appends++;
    if (event.commandName === "find" && command.find === "signatures" && command.projection?.head_hash === 1) counts.headReads++;
  });
}

/** A connection string with one more option (mongodb://hosts[/db][?options]). */
function withUriOption(uri: string, option: string): string {
  if (uri.includes("?")) return `${uri}&${option}`;
  const hostsEnd = uri.indexOf("/", uri.indexOf("://") + 3);
  return hostsEnd < 0 ? `${uri}/?${option}` : `${uri}?${option}`;
}

/** The app's handler on node:http2 reading its sockets natively, with the one-port server's HTTP/2 settings. */
function listenH2c(handler: NodeHandler, host: string, maxConcurrentStreams: number): Promise<number> {
  const server = http2.createServer({ settings: { maxConcurrentStreams } }, handler);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port));
  });
}
