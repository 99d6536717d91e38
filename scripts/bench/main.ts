/**
 * `npm run bench`: what a call to the signature service costs, and where the
 * cost goes — storage (the same queries with the driver alone), transport
 * (empty RPCs on several gRPC stacks) and the service in between; then issue
 * 7's table (the service on the one-port server, on plain h2c and on the
 * grpc-js port, in server CPU per call, with its two targets), ghz beside
 * our own load generator, and issue 14's table (the documented JSON/HTTP API
 * beside a Fastify + mongodb baseline; alone with `--only=rest`) and issue
 * 15's (what inspecting a payload costs, alone and in Save; alone with
 * `--only=inspection`), and issue 16's (the project's own GOST
 * verification beside Node's RSA and ECDSA; alone, without a database, with
 * `--only=gost`), and issue 17's (the hash chain, receipts and encryption at
 * rest; alone with `--only=integrity`), and issue 18's (Get and Save by
 * history length, List by depth; alone with `--only=scale`). Everything
 * runs against one engine in one run, so the numbers can be compared with each
 * other (not with runs on other machines). Never part of `npm test`.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { readConfig } from "../../src/config.js";
import { createMongoSignatureStore } from "../../src/store/mongo-signature-store.js";
import { openBenchDatabase } from "./bench-database.js";
import { BenchRecords } from "./bench-records.js";
import { readBenchSettings } from "./bench-settings.js";
import { killChildServers, startChildServer } from "./child-server.js";
import { createGrpcLoadClient } from "./grpc-load-client.js";
import { measureEmptyRpcs } from "./measure-empty-rpc.js";
import { measureGhz } from "./measure-ghz.js";
import { measureGost } from "./measure-gost.js";
import { measureHistoryLengths } from "./measure-history.js";
import { measureHosting } from "./measure-hosting.js";
import { measureInspection } from "./measure-inspection.js";
import { measureIntegrity } from "./measure-integrity.js";
import { measureOperations } from "./measure-operations.js";
import { measureRest } from "./measure-rest.js";
import { measureScale } from "./measure-scale.js";
import { measureTargets } from "./measure-targets.js";
import {
  formatGostOnlyReport,
  formatInspectionOnlyReport,
  formatIntegrityOnlyReport,
  formatReport,
  formatRestOnlyReport,
  formatScaleOnlyReport,
} from "./report.js";
import { atLevel } from "./report-hosting.js";
import { driverOperations } from "./workloads/driver-operations.js";
import { rpcOperations } from "./workloads/rpc-operations.js";

/** Progress goes to stderr so that stdout holds only the report. */
function progress(line: string): void {
  console.error(`[bench] ${line}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  // Other work on the machine moves every number: the 1-minute load average is printed with the report.
  const loadAtStart = os.loadavg()[0] ?? 0;
  const settings = readBenchSettings();
  // The same size budget the service runs with, for the driver's copy of its conditional update, and the same
  // EMBEDDED_VERSIONS, which decides how the seeded records' histories are laid out.
  const { maxRecordBytes, embeddedVersions } = readConfig({});
  const machine = (): string =>
    `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "unknown"}), Node ${process.version}; ` +
    `bench, server children and engine share them; load average ${loadAtStart.toFixed(2)} at start, ` +
    `${(os.loadavg()[0] ?? 0).toFixed(2)} at end`;

  if (settings.only === "gost") {
    // In-process CPU work on fixtures: no database.
    const gost = await measureGost(progress);
    console.log(formatGostOnlyReport({ machine: machine(), gost, elapsedSeconds: (performance.now() - started) / 1000 }));
    return;
  }

  const database = await openBenchDatabase(progress);
  try {
    progress(`engine: ${database.description}`);
    // The service's indexes, created by the service's own code, before the data they index.
    await createMongoSignatureStore({ db: database.db, maxRecordBytes }).ensureIndexes();

    if (settings.only === "inspection") {
      // Needs no seeded records: its Saves create their own.
      const inspection = await measureInspection(database, settings, progress);
      console.log(
        formatInspectionOnlyReport({
          engine: database.description,
          settings,
          machine: machine(),
          inspection,
          elapsedSeconds: (performance.now() - started) / 1000,
        }),
      );
      return;
    }

    if (settings.only === "integrity") {
      // Needs no seeded records either: each service child creates the ones it reads and appends to.
      const integrity = await measureIntegrity(database, settings, progress);
      console.log(
        formatIntegrityOnlyReport({
          engine: database.description,
          settings,
          machine: machine(),
          integrity,
          elapsedSeconds: (performance.now() - started) / 1000,
        }),
      );
      return;
    }

    if (settings.only === "scale") {
      // Seeds its own records (long histories, and List's 10,000 to 100,000) and runs its own service child.
      const scale = await measureScale(database, settings, progress);
      console.log(
        formatScaleOnlyReport({
          engine: database.description,
          settings,
          machine: machine(),
          scale,
          elapsedSeconds: (performance.now() - started) / 1000,
        }),
      );
      return;
    }

    const records = new BenchRecords(database.db, embeddedVersions);
    const cms = "x".repeat(settings.cmsBytes);
    const listRecords = await records.seed({
      document: "bench-list",
      count: settings.listRecords,
      versions: 1,
      cms,
      tags: (index) => ["bench", `group-${index % settings.listGroups}`],
    });
    const fixture = { records, getRecords: listRecords, listTag: "group-3" };
    progress(`seeded ${listRecords.length} records`);

    if (settings.only === "rest") {
      const rest = await measureRest(database, fixture, settings, progress);
      console.log(
        formatRestOnlyReport({
          engine: database.description,
          settings,
          machine: machine(),
          rest,
          elapsedSeconds: (performance.now() - started) / 1000,
        }),
      );
      return;
    }

    // One server child: the one-port server, the grpc-js port (GRPC_PORT) and the app's handler on plain h2c.
    const service = await startChildServer({
      type: "start",
      kind: "signature-service",
      mongodbUri: database.uri,
      mongodbDb: database.db.databaseName,
    });
    const client = createGrpcLoadClient(service.port);
    const rpc = rpcOperations(client);
    const driver = driverOperations(database.db, maxRecordBytes);
    progress(`service ports: one-port ${service.ports.main}, grpc-js ${service.ports.grpc}, h2c ${service.ports.h2c}`);
    // The server child and the load client are stopped whatever happens; the report needs only what was measured.
    const measured = await (async () => {
      try {
        const common = { settings, progress };
        const rpcResults = await measureOperations(rpc, fixture, { ...common, label: "rpc", serverCpu: service.cpuUsage });
        const driverResults = await measureOperations(driver, fixture, { ...common, label: "driver" });
        const history = await measureHistoryLengths(rpc, driver, records, settings, service.cpuUsage, progress);
        const hosting = await measureHosting(service, fixture, settings, progress);
        const targets = await measureTargets(service, fixture.getRecords, settings, progress);
        const ghz = await measureGhz(
          service,
          fixture.getRecords,
          {
            "one-port": atLevel(hosting.onePort.Get, settings.ghzConcurrency),
            "grpc-js": atLevel(hosting.grpcJs.Get, settings.ghzConcurrency),
          },
          settings,
          progress,
        );
        return { rpc: rpcResults, driver: driverResults, history, hosting, targets, ghz };
      } finally {
        client.close();
        await service.stop();
      }
    })();
    const empty = await measureEmptyRpcs(settings, progress);
    // Its own two server children (a fresh service and the Fastify baseline), started and stopped inside.
    const rest = await measureRest(database, fixture, settings, progress);
    // Its own server child too.
    const inspection = await measureInspection(database, settings, progress);
    const gost = await measureGost(progress);
    // Its own service children (encryption off and on, and one counting commands).
    const integrity = await measureIntegrity(database, settings, progress);
    // Its own service child too; last, since its 100,000 List records would slow every List before it on a scanning engine.
    const scale = await measureScale(database, settings, progress);

    console.log(
      formatReport({
        engine: database.description,
        settings,
        machine: machine(),
        ...measured,
        empty,
        rest,
        inspection,
        gost,
        integrity,
        scale,
        elapsedSeconds: (performance.now() - started) / 1000,
      }),
    );
  } finally {
    await database.close();
  }
}

// Children must not outlive the bench however it ends (an "exit" handler runs on process.exit too).
process.on("exit", killChildServers);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => process.exit(130));
}

main().then(
  // Exit explicitly: driver and gRPC sockets closing in the background must not hold the process.
  () => process.exit(0),
  (error: unknown) => {
    console.error("bench failed:", error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
