import { Code, ConnectError } from "@connectrpc/connect";
import type { Logger } from "pino";
import type { CallMiddleware } from "./call-middleware.js";
import { codeNameOf, observed, procedureOf } from "./call-outcome.js";
import { requestIdOf } from "./request-id.js";

/**
 * One structured line per call: procedure, protocol, code, duration and
 * request id. Requests and responses are never logged (they hold signatures).
 */
export function callLogging(log: Logger): CallMiddleware {
  return (context, next) => {
    const started = performance.now();
    return observed(next, (failure) => {
      const code = failure instanceof ConnectError ? failure.code : failure === undefined ? undefined : Code.Internal;
      const level = code === Code.Internal || code === Code.Unknown ? "error" : code === Code.Unavailable ? "warn" : "info";
      if (!log.isLevelEnabled(level)) return;
      log[level](
        {
          procedure: procedureOf(context),
          protocol: context.protocolName,
          code: codeNameOf(failure),
          duration_ms: Math.round((performance.now() - started) * 100) / 100,
          request_id: requestIdOf(context),
        },
        "call",
      );
    });
  };
}
