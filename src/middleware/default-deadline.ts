import { Code, ConnectError, type HandlerContext } from "@connectrpc/connect";
import type { CallMiddleware } from "./call-middleware.js";

/**
 * A server-side deadline for calls whose client set none (a client's own
 * grpc-timeout / connect-timeout-ms is enforced by the servers themselves).
 * Most calls take it, so it costs one timer and one promise per call.
 */
export function defaultDeadline(timeoutMs: number): CallMiddleware {
  return (context, next) => {
    if (context.timeoutMs() !== undefined) return next();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const error = new ConnectError(`the call took longer than ${timeoutMs} ms`, Code.DeadlineExceeded);
        (context as HandlerContext & { abort?: (reason: unknown) => void }).abort?.(error);
        reject(error);
      }, timeoutMs);
      next().then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  };
}
