import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, type HandlerContext } from "@connectrpc/connect";
import {
  Health,
  HealthCheckResponseSchema,
  HealthCheckResponse_ServingStatus as ServingStatus,
} from "../../gen/ts/grpc/health/v1/health_pb.js";
import { type HostedService, hosted } from "../server/hosted-service.js";
import type { DatabaseMonitor } from "./database-monitor.js";

/**
 * grpc.health.v1.Health (gRPC health checking protocol): the server as a
 * whole ("") and each named service are SERVING while the database answers,
 * NOT_SERVING while it does not and from shutdown on.
 */
export function createHealthService(monitor: DatabaseMonitor, serviceNames: readonly string[]): HostedService {
  const known = new Set(["", ...serviceNames]);
  const current = (): ServingStatus => (!monitor.closed && monitor.reachable === true ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);

  return hosted(Health, {
    async check(request, context) {
      if (!known.has(request.service)) {
        throw new ConnectError(`unknown service "${request.service}"`, Code.NotFound);
      }
      const reachable = await monitor.check(answerBudgetMs(context));
      return { status: reachable ? ServingStatus.SERVING : ServingStatus.NOT_SERVING };
    },

    async *watch(request, context) {
      const { signal } = context;
      if (!known.has(request.service)) {
        // Per the protocol the call stays open; this server never learns new services, so it only ends on shutdown.
        yield create(HealthCheckResponseSchema, { status: ServingStatus.SERVICE_UNKNOWN });
        while (!monitor.closed && !signal.aborted) await monitor.changed(monitor.version, signal);
        return;
      }
      if (monitor.reachable === undefined) await monitor.check();
      let sent: ServingStatus | undefined;
      for (;;) {
        const version = monitor.version;
        const status = current();
        if (status !== sent) {
          yield create(HealthCheckResponseSchema, { status });
          sent = status;
        }
        // On shutdown the last status sent is NOT_SERVING and the stream ends.
        if (monitor.closed || signal.aborted) return;
        await monitor.changed(version, signal);
      }
    },
  });
}

/** How long a Check may wait for a ping: what its deadline leaves after a margin for the answer to travel. */
function answerBudgetMs(context: HandlerContext): number | undefined {
  const remaining = context.timeoutMs();
  return remaining === undefined ? undefined : Math.max(0, remaining - Math.max(100, remaining * 0.2));
}
