import { type RestResults, restCalls, restServers } from "./measure-rest.js";
import { median } from "./measure-targets.js";
import { roundCells, serverCpu } from "./report-rounds.js";
import { formatTable, micros, ratio } from "./text-table.js";

export function restSection(results: RestResults): string {
  return [
    `## 9. Issue 14: the documented JSON/HTTP API beside a Fastify + mongodb baseline ` +
      `(HTTP/1.1, ${results.concurrency} keep-alive connections, medians of ${results.rounds} rounds)`,
    restTable(results),
    ``,
    ratioTable(results),
  ].join("\n");
}

function restTable(results: RestResults): string {
  const rows = restCalls.flatMap((call) =>
    restServers.map((server) => {
      return [call.label, server.label, ...roundCells(results.points[call.key][server.key])];
    }),
  );
  return formatTable(["call", "server", "calls/s", "p50", "p99", "server CPU µs/call", "rounds", "bench CPU"], rows, 2);
}

function ratioTable(results: RestResults): string {
  const rows = restCalls.map((call) => {
    const project = results.points[call.key].project.map(serverCpu);
    const fastify = results.points[call.key].fastify.map(serverCpu);
    const value = median(project) / median(fastify);
    return [
      call.label,
      `${micros(median(project))} ÷ ${micros(median(fastify))} = ${ratio(value)}`,
      project.map((cpu, round) => ratio(cpu / (fastify[round] ?? Number.NaN))).join(", "),
      `≤ ${call.target.toFixed(2)}x`,
      Number.isFinite(value) ? (value <= call.target ? "PASS" : "FAIL") : "- (not measured)",
    ];
  });
  return [
    formatTable(["call", "server CPU per call, project ÷ Fastify (medians)", "by round", "target", ""], rows),
    `each round measures every call on both servers (the first server alternating between rounds), each point after its own ` +
      `warm-up on fresh connections (at most ${results.maxConnections} opened per point); GET reads a random one of ` +
      `${results.getRecords} seeded records; POST creates a new record (new thread) every call; the list asks for ` +
      `tags=${results.listTag}&limit=${results.listLimit}. Both servers answered the same bodies before the rounds ` +
      `(creates: but for id, thread and times)`,
    `server CPU = the server's child process (user + system) over the measured window ÷ its calls; bench CPU = this ` +
      `process, the load generator (node:http keep-alive Agent)`,
  ].join("\n");
}
