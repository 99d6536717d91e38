import type { MongoClient } from "mongodb";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { OperationObserver } from "../store/instrumented-store.js";

/**
 * Store operation latency, timed by the store itself (the driver's command
 * monitoring would build an event object per command: measurably slower).
 */
export function storeOperationMetrics(registry: Registry): OperationObserver {
  const duration = new Histogram({
    name: "store_operation_duration_seconds",
    help: "Database operation latency in seconds, by store operation and outcome.",
    labelNames: ["operation", "outcome"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  // prom-client hashes the labels on every update: keep each label child once looked up.
  const children = new Map<string, Histogram.Internal<string>>();
  return (operation, seconds, failed) => {
    const outcome = failed ? "error" : "ok";
    const key = `${operation} ${outcome}`;
    let child = children.get(key);
    if (child === undefined) {
      child = duration.labels({ operation, outcome });
      children.set(key, child);
    }
    child.observe(seconds);
  };
}

/** Connection pool activity, from the driver's pool events. */
export function observeMongoPool(client: MongoClient, registry: Registry): void {
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
  client.on("connectionCreated", () => created.inc());
  client.on("connectionClosed", () => closed.inc());
  client.on("connectionCheckedOut", () => checkedOut.inc());
  client.on("connectionCheckedIn", () => checkedOut.dec());
  client.on("connectionCheckOutFailed", () => checkoutFailures.inc());
}
