import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { CallMiddleware } from "./call-middleware.js";
import { codeNameOf, observed, procedureOf, protocolOf } from "./call-outcome.js";

/** Requests by procedure, protocol and code; latency histograms; calls in flight. */
export function callMetrics(registry: Registry): CallMiddleware {
  const requests = new Counter({
    name: "rpc_requests_total",
    help: "Calls finished, by procedure, protocol and code.",
    labelNames: ["procedure", "protocol", "code"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "rpc_request_duration_seconds",
    help: "Call latency in seconds, by procedure and protocol.",
    labelNames: ["procedure", "protocol"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: "rpc_requests_in_flight",
    help: "Calls being served, by procedure and protocol.",
    labelNames: ["procedure", "protocol"],
    registers: [registry],
  });
  return (context, next) => {
    const labels = { procedure: procedureOf(context), protocol: protocolOf(context) };
    inFlight.inc(labels);
    const stop = duration.startTimer(labels);
    return observed(next, (failure) => {
      stop();
      inFlight.dec(labels);
      requests.inc({ ...labels, code: codeNameOf(failure) });
    });
  };
}
