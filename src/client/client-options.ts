import type { Client, ConnectError, Interceptor } from "@connectrpc/connect";
import { type ErrorInfo, ErrorInfoSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import type { SignatureService } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";

/** A client of ncanode.signatures.v1.SignatureService: get, save, delete, list, listVersions. */
export type SignatureClient = Client<typeof SignatureService>;

/** What every client, in Node.js and in browsers, may be given. */
export interface CommonClientOptions {
  /** Connect and gRPC-Web: protobuf binary (the default) or JSON. gRPC is always binary. */
  readonly format?: "binary" | "json";
  /** Sent as the api-locale header on every call: the language of error messages. */
  readonly locale?: "en" | "ru" | "kz";
  /** Sent as "authorization: Bearer <token>" on every call. */
  readonly token?: string;
  /** Deadline of each call that sets none itself, in milliseconds. */
  readonly timeoutMs?: number;
  /** Further interceptors, run after the ones that set the headers above. */
  readonly interceptors?: readonly Interceptor[];
}

/** The interceptors that put the locale and the token on every request. */
export function headerInterceptors(options: CommonClientOptions): Interceptor[] {
  const { locale, token } = options;
  const own: Interceptor[] = [];
  if (locale !== undefined) {
    own.push((next) => (request) => {
      if (!request.header.has("api-locale")) request.header.set("api-locale", locale);
      return next(request);
    });
  }
  if (token !== undefined) {
    own.push((next) => (request) => {
      if (!request.header.has("authorization")) request.header.set("authorization", `Bearer ${token}`);
      return next(request);
    });
  }
  return [...own, ...(options.interceptors ?? [])];
}

/**
 * The google.rpc.ErrorInfo detail of an error from the service, if it has one:
 * `reason` is e.g. "VERSION_MISMATCH" (ABORTED, with `metadata.current_version`)
 * or "SIGNATURE_NOT_FOUND" (NOT_FOUND).
 */
export function errorInfoOf(error: ConnectError): ErrorInfo | undefined {
  return error.findDetails(ErrorInfoSchema)[0];
}
