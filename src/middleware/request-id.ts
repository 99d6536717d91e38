import { randomUUID } from "node:crypto";
import type { HandlerContext } from "@connectrpc/connect";
import type { CallMiddleware } from "./call-middleware.js";

const header = "x-request-id";
/** Ids callers send are kept when they look like ids; anything else is replaced. */
const acceptable = /^[\w.:-]{1,128}$/;

/** The call's request id: the caller's x-request-id, or a new one. */
export function requestIdOf(context: HandlerContext): string {
  return context.responseHeader.get(header) ?? context.requestHeader.get(header) ?? "";
}

/** Gives every call a request id and returns it in the x-request-id response header. */
export const requestIdMiddleware: CallMiddleware = (context, next) => {
  const given = context.requestHeader.get(header);
  context.responseHeader.set(header, given !== null && acceptable.test(given) ? given : randomUUID());
  return next();
};
