import type { SignatureDoc } from "../../src/store/signature-doc.js";
import type { BenchDatabase } from "./bench-database.js";
import type { RecordRef } from "./bench-records.js";
import type { BenchSettings } from "./bench-settings.js";
import { type ChildServer, startChildServer } from "./child-server.js";
import { createHttpLoadClient, type HttpAnswer, type HttpLoadClient } from "./http-load-client.js";
import { type LoadResult, runLoad, type Workload } from "./load-runner.js";

/** The three calls of issue 14, each with its target on project ÷ Fastify server CPU per call. */
export const restCalls = [
  { key: "get", label: "GET /signature", target: 1.2 },
  { key: "create", label: "POST /signature (create)", target: 1.3 },
  { key: "list", label: "GET /signatures?tags=<one>", target: 1.3 },
] as const;
type RestCall = (typeof restCalls)[number]["key"];

/** The two servers, each in a child process of its own with its own connection pool, on the bench's database. */
export const restServers = [
  { key: "project", label: "project: documented JSON/HTTP API (one-port server)", kind: "signature-service" },
  { key: "fastify", label: "baseline: Fastify + mongodb", kind: "fastify-rest" },
] as const;
type RestServer = (typeof restServers)[number]["key"];

export interface RestResults {
  readonly concurrency: number;
  readonly rounds: number;
  readonly listTag: string;
  readonly listLimit: number;
  readonly getRecords: number;
  /** By call, then server: one point per round, in round order. */
  readonly points: Record<RestCall, Record<RestServer, LoadResult[]>>;
  /** The most connections one point opened (its warm-up opens them; more than the concurrency means some were closed). */
  readonly maxConnections: number;
}

export interface RestFixture {
  /** Seeded records (with tags) that GET /signature reads at random. */
  readonly getRecords: readonly RecordRef[];
  /** The tag GET /signatures asks for: it must match at least settings.listLimit records. */
  readonly listTag: string;
}

/**
 * Issue 14's section: the project's documented JSON/HTTP API on its main port
 * beside a hand-written Fastify + mongodb server making the same queries, both
 * over HTTP/1.1 with settings.restConcurrency keep-alive connections from this
 * process (node:http's Agent driven by runLoad: every answer is checked, the
 * server's CPU is read right around the measured window). First both servers
 * must give the same answers; then settings.restRounds rounds, each measuring
 * every call on both servers, the first server alternating between rounds.
 */
export async function measureRest(
  database: Pick<BenchDatabase, "uri" | "db">,
  fixture: RestFixture,
  settings: BenchSettings,
  progress: (line: string) => void,
): Promise<RestResults> {
  const children = new Map<RestServer, ChildServer>();
  try {
    for (const server of restServers) {
      const child = await startChildServer({
        type: "start",
        kind: server.kind,
        mongodbUri: database.uri,
        mongodbDb: database.db.databaseName,
      });
      children.set(server.key, child);
    }
    const child = (server: RestServer): ChildServer => {
      const found = children.get(server);
      if (found === undefined) throw new Error(`no ${server} server`);
      return found;
    };
    progress(`REST servers: project on ${child("project").port}, Fastify on ${child("fastify").port}`);
    await checkSameAnswers(child("project").port, child("fastify").port, fixture, settings);

    const cms = "x".repeat(settings.cmsBytes);
    const records = database.db.collection<SignatureDoc>("signatures");
    let maxConnections = 0;
    /** One point: a call on a server over fresh connections; the records a create point made are deleted after it. */
    const measure = async (call: (typeof restCalls)[number], server: RestServer, round: number, seconds: number): Promise<LoadResult> => {
      const client = createHttpLoadClient(child(server).port, settings.restConcurrency);
      const document = `rest-create-${server}-r${round}`;
      try {
        const workloads: Record<RestCall, () => Workload> = {
          get: () => getWorkload(client, fixture.getRecords),
          create: () => createWorkload(client, document, cms),
          list: () => listWorkload(client, fixture.listTag, settings.listLimit),
        };
        return await runLoad(workloads[call.key](), {
          name: `${call.label} on ${server}`,
          concurrency: settings.restConcurrency,
          seconds,
          warmupSeconds: settings.warmupSeconds,
          serverCpu: child(server).cpuUsage,
        });
      } finally {
        maxConnections = Math.max(maxConnections, client.connectionsOpened());
        client.close();
        // Thousands of new records per point would otherwise slow every later list (the local engine scans).
        if (call.key === "create") await records.deleteMany({ document });
      }
    };

    // An unrecorded first pass: JIT, connection pools and the engine warm up before any round counts.
    for (const call of restCalls) {
      for (const server of restServers) await measure(call, server.key, 0, 2 * settings.warmupSeconds);
    }
    progress("REST warm-up pass done");
    const points: RestResults["points"] = {
      get: { project: [], fastify: [] },
      create: { project: [], fastify: [] },
      list: { project: [], fastify: [] },
    };
    for (let round = 1; round <= settings.restRounds; round++) {
      const order = round % 2 === 1 ? restServers : [...restServers].reverse();
      for (const call of restCalls) {
        for (const server of order) {
          const result = await measure(call, server.key, round, settings.seconds);
          points[call.key][server.key].push(result);
          progress(
            `REST round ${round}/${settings.restRounds} ${call.label} on ${server.key}: ${Math.round(result.opsPerSecond)} calls/s, ` +
              `p50 ${result.p50Ms.toFixed(2)} ms, server CPU ${Math.round(result.serverCpuUsPerCall ?? Number.NaN)} µs/call`,
          );
        }
      }
    }
    return {
      concurrency: settings.restConcurrency,
      rounds: settings.restRounds,
      listTag: fixture.listTag,
      listLimit: settings.listLimit,
      getRecords: fixture.getRecords.length,
      points,
      maxConnections,
    };
  } finally {
    await Promise.all([...children.values()].map((child) => child.stop()));
  }
}

interface Envelope {
  status?: unknown;
  content?: {
    signature?: { thread?: unknown; current_version?: unknown };
    signatures?: unknown[];
  };
}

/** The documented success envelope of an answer with the expected status; anything else fails the point. */
function content(answer: HttpAnswer, status: number, what: string): NonNullable<Envelope["content"]> {
  const envelope = answer.status === status ? (JSON.parse(answer.body) as Envelope) : undefined;
  if (envelope?.status !== true || envelope.content === undefined) {
    throw new Error(`${what} answered ${answer.status} ${answer.body.slice(0, 200)}, expected ${status} with the success envelope`);
  }
  return envelope.content;
}

const getPath = (record: { document: string; thread: string }): string =>
  `/signature?document=${encodeURIComponent(record.document)}&thread=${encodeURIComponent(record.thread)}`;
const listPath = (tag: string, limit: number): string => `/signatures?tags=${encodeURIComponent(tag)}&limit=${limit}`;
const createBody = (document: string, thread: string, cms: string) => ({ document, thread, cms, tags: ["bench-create"] });

/** GET /signature of a random seeded record. */
function getWorkload(client: HttpLoadClient, records: readonly RecordRef[]): Workload {
  return {
    createWorker: () => ({
      call: async () => {
        const record = records[Math.floor(Math.random() * records.length)] as RecordRef;
        const found = content(await client.request("GET", getPath(record)), 200, "GET /signature");
        if (found.signature?.thread !== record.thread) throw new Error(`GET /signature did not return ${record.thread}`);
      },
    }),
  };
}

/** POST /signature creating a new record every call: a new thread of `document`. */
function createWorkload(client: HttpLoadClient, document: string, cms: string): Workload {
  let next = 0;
  return {
    createWorker: () => ({
      call: async () => {
        const thread = `t-${next++}`;
        const created = content(await client.request("POST", "/signature", createBody(document, thread, cms)), 201, "POST /signature");
        if (created.signature?.current_version !== 1) throw new Error(`POST /signature of ${document}/${thread} did not create version 1`);
      },
    }),
  };
}

/** The same page of one tag every call. */
function listWorkload(client: HttpLoadClient, tag: string, limit: number): Workload {
  return {
    createWorker: () => ({
      call: async () => {
        const page = content(await client.request("GET", listPath(tag, limit)), 200, "GET /signatures");
        if (page.signatures?.length !== limit) throw new Error(`GET /signatures returned ${page.signatures?.length} of ${limit}`);
      },
    }),
  };
}

/**
 * The baseline only counts if it answers what the project answers: the same
 * status and, byte for byte, the same body for a read and a page, and for a
 * create the same body but for the new record's id, thread and times.
 */
async function checkSameAnswers(projectPort: number, fastifyPort: number, fixture: RestFixture, settings: BenchSettings): Promise<void> {
  const project = createHttpLoadClient(projectPort, 1);
  const fastify = createHttpLoadClient(fastifyPort, 1);
  try {
    const record = fixture.getRecords[0];
    if (record === undefined) throw new Error("no records to GET");
    const same = (what: string, a: HttpAnswer, b: HttpAnswer): void => {
      if (a.status !== b.status || a.body !== b.body) {
        throw new Error(
          `the Fastify baseline answers ${what} unlike the project:\n  project ${a.status} ${a.body.slice(0, 600)}\n` +
            `  fastify ${b.status} ${b.body.slice(0, 600)}`,
        );
      }
    };
    const both = (method: "GET" | "POST", path: string, body?: (server: RestServer) => unknown) =>
      Promise.all([project.request(method, path, body?.("project")), fastify.request(method, path, body?.("fastify"))]);

    same("GET /signature", ...(await both("GET", getPath(record))));
    same("GET /signatures", ...(await both("GET", listPath(fixture.listTag, settings.listLimit))));
    const cms = "x".repeat(settings.cmsBytes);
    const [created, createdToo] = await both("POST", "/signature", (server) => createBody("rest-check", server, cms));
    // The new records differ by id, thread (chosen so), maybe the second of their creation, and so their
    // hashes; the receipts by the key that signs them.
    const masked = (answer: HttpAnswer): HttpAnswer => ({
      status: answer.status,
      body: answer.body
        .replace(/"(id|thread)":("[^"]*"|\d+)/g, '"$1":-')
        .replace(/"(\w+_at)":"[^"]*"/g, '"$1":-')
        .replace(/"(version_hash|head_hash)":"[0-9a-f]{64}"/g, '"$1":-')
        .replace(/"receipt":\{[^}]*\}/, '"receipt":-'),
    });
    same("POST /signature (create)", masked(created), masked(createdToo));
    if (created.status !== 201) throw new Error(`POST /signature answered ${created.status}: ${created.body.slice(0, 300)}`);
  } finally {
    project.close();
    fastify.close();
  }
}
