import { randomUUID } from "node:crypto";
import type { HandlerContext } from "@connectrpc/connect";
import type { CallMiddleware } from "./call-middleware.js";

const header = "x-request-id";
/** Ids callers send are kept when they look like ids; anything else is replaced. */
const acceptable = /^[\w.:-]{1,128}$/;

/** The caller's id when it looks like one, else a new one. */
export function requestIdFrom(given: string | null | undefined): string {
  return given !== null && given !== undefined && acceptable.test(given) ? given : randomUUID();
}

/** The call's request id: the caller's x-request-id, or a new one. */
export function requestIdOf(context: HandlerContext): string {
  return context.responseHeader.get(header) ?? context.requestHeader.get(header) ?? "";
}

/** Gives every call a request id and returns it in the x-request-id response header. */
export const requestIdMiddleware: CallMiddleware = (context, next) => {
  context.responseHeader.set(header, requestIdFrom(context.requestHeader.get(header)));
  return next();
};
