import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import type { Db } from "mongodb";
import { pino } from "pino";
import { readConfig } from "../../../src/config.js";
import { openDatabase } from "../../../src/database/open-database.js";
import type { NodeHandler } from "../../../src/server/node-handler.js";
import { startService } from "../../../src/server/start-servers.js";
import { createCallPacer } from "../call-pacer.js";
import type { DriverGetRequest, ServerPorts } from "../ipc-messages.js";
import { driverOperations } from "../workloads/driver-operations.js";

/** The service's database, for driverGetInside. */
let serviceDb: Db | undefined;

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
export async function startSignatureServiceServer(mongodbUri: string, mongodbDb: string): Promise<ServerPorts> {
  // Defaults for everything else (payload limits, locale, stream limits), as a plain deployment has them.
  // Stand-in payloads of a fixed size (accepted as unknown): the bench measures storage and transports, and section 10 inspection.
  const config = readConfig({
    MONGODB_URI: mongodbUri,
    PORT: "0",
    GRPC_PORT: "0",
    MONGODB_DB: mongodbDb,
    MONGODB_TIMEOUT_MS: "10000",
    ACCEPT_UNRECOGNISED_PAYLOADS: "true",
  });
  // Errors only, and on stderr: the bench's stdout holds the report.
  const log = pino({ level: "error", base: { service: "signature-store-bench" } }, pino.destination(2));
  const database = await openDatabase({ ...config, dataDir: undefined }, () => undefined);
  serviceDb = database.db;
  const service = await startService(config, database.db, log);
  if (service.grpcPort === undefined) throw new Error("startService did not start the gRPC port although GRPC_PORT is set");
  const h2c = await listenH2c(service.app.handler, config.host, config.maxConcurrentStreams);
  return { main: service.address.port, grpc: service.grpcPort, h2c };
}

/** The app's handler on node:http2 reading its sockets natively, with the one-port server's HTTP/2 settings. */
function listenH2c(handler: NodeHandler, host: string, maxConcurrentStreams: number): Promise<number> {
  const server = http2.createServer({ settings: { maxConcurrentStreams } }, handler);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port));
  });
}
