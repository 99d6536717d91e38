import type { MongoClient } from "mongodb";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/**
 * Database operation latency (from the driver's command monitoring, which
 * createMongoClient turns on) and connection pool activity, from driver events.
 */
export function observeMongoClient(client: MongoClient, registry: Registry): void {
  const duration = new Histogram({
    name: "mongodb_command_duration_seconds",
    help: "Database command latency in seconds, by command and outcome.",
    labelNames: ["command", "outcome"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  // Counters, not an "open connections" gauge: the client may have connected before these listeners.
  const created = new Counter({
    name: "mongodb_pool_connections_created_total",
    help: "Connections the driver's pools opened.",
    registers: [registry],
  });
  const closed = new Counter({
    name: "mongodb_pool_connections_closed_total",
    help: "Connections the driver's pools closed.",
    registers: [registry],
  });
  const checkedOut = new Gauge({
    name: "mongodb_pool_connections_checked_out",
    help: "Pool connections in use by an operation.",
    registers: [registry],
  });
  const checkoutFailures = new Counter({
    name: "mongodb_pool_checkout_failures_total",
    help: "Operations that could not get a pool connection.",
    registers: [registry],
  });
  // Only the commands the store sends; anything else (handshakes, monitoring) is "other".
  const commands = new Set(["find", "insert", "update", "delete", "findAndModify", "aggregate", "count", "createIndexes", "ping", "getMore"]);
  const name = (command: string) => (commands.has(command) ? command : "other");

  client.on("commandSucceeded", (event) => duration.observe({ command: name(event.commandName), outcome: "ok" }, event.duration / 1000));
  client.on("commandFailed", (event) => duration.observe({ command: name(event.commandName), outcome: "error" }, event.duration / 1000));
  client.on("connectionCreated", () => created.inc());
  client.on("connectionClosed", () => closed.inc());
  client.on("connectionCheckedOut", () => checkedOut.inc());
  client.on("connectionCheckedIn", () => checkedOut.dec());
  client.on("connectionCheckOutFailed", () => checkoutFailures.inc());
}
