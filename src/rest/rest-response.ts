import type { ServerResponse } from "node:http";
import { Code, ConnectError } from "@connectrpc/connect";
import { message } from "../messages/catalog.js";
import type { Locale } from "../messages/locales.js";
import type { NodeResponse } from "../server/node-handler.js";
import { RestParamError } from "./rest-params.js";
import { RestRequestError } from "./rest-request.js";

/**
 * HTTP statuses of the original service: bad input and version conflicts are
 * 400, an unknown record 404; the rest follow the usual gRPC-to-HTTP mapping.
 */
const statusByCode: Partial<Record<Code, number>> = {
  [Code.InvalidArgument]: 400,
  [Code.Aborted]: 400,
  [Code.FailedPrecondition]: 400,
  [Code.OutOfRange]: 400,
  [Code.NotFound]: 404,
  [Code.AlreadyExists]: 409,
  [Code.ResourceExhausted]: 413,
  [Code.Unauthenticated]: 401,
  [Code.PermissionDenied]: 403,
  [Code.Unimplemented]: 501,
  [Code.Unavailable]: 503,
  [Code.DeadlineExceeded]: 504,
  [Code.Canceled]: 499,
  // A version that no longer matches its hash, or that this service cannot decrypt: the message says which version
  // (and key id), for the operator.
  [Code.DataLoss]: 500,
};

export function sendJson(response: NodeResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  (response as ServerResponse).writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

/** The documented success envelope. */
export function sendContent(response: NodeResponse, status: number, content: unknown, headers: Record<string, string> = {}): void {
  sendJson(response, status, { status: true, message: null, content }, headers);
}

/** The documented error envelope, with a localised message and never a driver text or a stack; returns the status. */
export function sendError(response: NodeResponse, error: unknown, locale: Locale, headers: Record<string, string> = {}): number {
  const { status, text } = describe(error, locale);
  sendJson(response, status, { status: false, message: text, content: null }, headers);
  return status;
}

function describe(error: unknown, locale: Locale): { status: number; text: string } {
  if (error instanceof RestRequestError) {
    return { status: error.status, text: message(locale, error.key, error.params) };
  }
  if (error instanceof RestParamError) {
    return { status: 400, text: message(locale, error.key, { field: error.field, ...error.params }) };
  }
  if (error instanceof ConnectError) {
    const status = statusByCode[error.code];
    if (status !== undefined) return { status, text: error.rawMessage };
  }
  return { status: 500, text: message(locale, "internal") };
}
