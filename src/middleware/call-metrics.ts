import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { CallMiddleware } from "./call-middleware.js";
import { codeNameOf, observed, procedureOf } from "./call-outcome.js";

export interface CallMetrics {
  /** Counts, times and tracks every call that reaches the middleware. */
  readonly middleware: CallMiddleware;
  /** Counts a call answered before it reached the middleware (an undecodable request). */
  countRefused(procedure: string, protocol: string, error: unknown): void;
}

/** Requests by procedure, protocol and code; latency histograms; calls in flight. */
export function callMetrics(registry: Registry): CallMetrics {
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
  // prom-client hashes the labels on every update; the label children of each
  // procedure/protocol (and code) are looked up once and kept.
  const children = new Map<string, { inFlight: Gauge.Internal<string>; duration: Histogram.Internal<string> }>();
  const counted = new Map<string, Counter.Internal>();
  const middleware: CallMiddleware = (context, next) => {
    const procedure = procedureOf(context);
    const protocol = context.protocolName;
    const key = `${procedure} ${protocol}`;
    let child = children.get(key);
    if (child === undefined) {
      child = { inFlight: inFlight.labels({ procedure, protocol }), duration: duration.labels({ procedure, protocol }) };
      children.set(key, child);
    }
    const { inFlight: inFlightChild, duration: durationChild } = child;
    inFlightChild.inc();
    const stop = durationChild.startTimer();
    return observed(next, (failure) => {
      stop();
      inFlightChild.dec();
      const code = codeNameOf(failure);
      let counter: Counter.Internal | undefined = counted.get(`${key} ${code}`);
      if (counter === undefined) {
        counter = requests.labels({ procedure, protocol, code });
        counted.set(`${key} ${code}`, counter);
      }
      counter.inc();
    });
  };
  return {
    middleware,
    countRefused: (procedure, protocol, error) => requests.labels({ procedure, protocol, code: codeNameOf(error) }).inc(),
  };
}
