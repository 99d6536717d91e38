import type { HostedService } from "../server/hosted-service.js";
import type { NodeHandler } from "../server/node-handler.js";
import { createDatabaseMonitor, type DatabaseMonitor } from "./database-monitor.js";
import { withHealthEndpoints } from "./health-http.js";
import { createHealthService } from "./health-service.js";

export interface HealthOptions {
  /** One round trip to the database, e.g. `() => db.command({ ping: 1 })`. */
  readonly ping: () => Promise<unknown>;
  /** Services reported by grpc.health.v1.Health besides the server as a whole (""). */
  readonly serviceNames: readonly string[];
  /** How often the database is pinged; default 2 s. */
  readonly intervalMs?: number;
  /** A ping slower than this means unreachable; default 1 s. */
  readonly timeoutMs?: number;
}

export interface HealthChecks {
  readonly monitor: DatabaseMonitor;
  /** grpc.health.v1.Health. */
  readonly service: HostedService;
  /** `GET /healthz` and `GET /readyz`, then `next` for every other request. */
  withEndpoints(next: NodeHandler): NodeHandler;
  /** Stops the pinger; from then on everything reports NOT_SERVING and Watch streams end. */
  close(): void;
}

/** The gRPC health service and the HTTP probes, on one database monitor. */
export function createHealthChecks(options: HealthOptions): HealthChecks {
  const monitor = createDatabaseMonitor({
    ping: options.ping,
    intervalMs: options.intervalMs ?? 2000,
    timeoutMs: options.timeoutMs ?? 1000,
  });
  return {
    monitor,
    service: createHealthService(monitor, options.serviceNames),
    withEndpoints: (next) => withHealthEndpoints(monitor, next),
    close: () => monitor.close(),
  };
}
