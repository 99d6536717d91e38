import { Code, ConnectError, type HandlerContext } from "@connectrpc/connect";
import type { CallMiddleware } from "./call-middleware.js";

/**
 * A server-side deadline for calls whose client set none (a client's own
 * grpc-timeout / connect-timeout-ms is enforced by the servers themselves).
 */
export function defaultDeadline(timeoutMs: number): CallMiddleware {
  return async (context, next) => {
    if (context.timeoutMs() !== undefined) return next();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new ConnectError(`the call took longer than ${timeoutMs} ms`, Code.DeadlineExceeded);
        (context as HandlerContext & { abort?: (reason: unknown) => void }).abort?.(error);
        reject(error);
      }, timeoutMs);
    });
    try {
      return await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
