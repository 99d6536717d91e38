import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema, ErrorInfoSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { type MessageKey, type MessageParams, message } from "../messages/catalog.js";
import type { Locale } from "../messages/locales.js";
import { StoreUnavailableError, VersionUnreadableError } from "../store/signature-store.js";

/** The domain of ErrorInfo details this service sends. */
const errorDomain = "signatures.ncanode.kz";

/** One bad field of a request: its name and the localised reason. */
export interface FieldViolation {
  readonly field: string;
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

/** INVALID_ARGUMENT naming every bad field in a google.rpc.BadRequest detail; the message is the first violation. */
export function invalidArgument(locale: Locale, violations: readonly FieldViolation[]): ConnectError {
  const described = violations.map((v) => ({
    field: v.field,
    description: message(locale, v.key, { field: v.field, ...v.params }),
  }));
  return new ConnectError(described.map((v) => v.description).join("; "), Code.InvalidArgument, undefined, [
    { desc: BadRequestSchema, value: create(BadRequestSchema, { fieldViolations: described }) },
  ]);
}

/** An error with a reason in a google.rpc.ErrorInfo detail, its metadata given as strings. */
export function domainError(locale: Locale, code: Code, key: MessageKey, reason: string, params: MessageParams = {}): ConnectError {
  const metadata = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return new ConnectError(message(locale, key, params), code, undefined, [
    { desc: ErrorInfoSchema, value: create(ErrorInfoSchema, { reason, domain: errorDomain, metadata }) },
  ]);
}

/**
 * The last word on any error leaving the service: ConnectErrors pass, an
 * unreachable database becomes UNAVAILABLE, a version that cannot be decrypted
 * DATA_LOSS naming its key id and number, anything else INTERNAL with the
 * original kept as cause and none of its text shown to the client.
 */
export function toConnectError(error: unknown, locale: Locale): ConnectError {
  if (error instanceof ConnectError) {
    return error;
  }
  if (error instanceof StoreUnavailableError) {
    return new ConnectError(message(locale, "unavailable"), Code.Unavailable, undefined, undefined, error);
  }
  if (error instanceof VersionUnreadableError) {
    // DATA_LOSS: with the keys it has, this service cannot give the content back; retrying will not help.
    const [key, reason] =
      error.reason === "key-missing"
        ? (["encryptionKeyMissing", "ENCRYPTION_KEY_MISSING"] as const)
        : (["decryptionFailed", "DECRYPTION_FAILED"] as const);
    const unreadable = domainError(locale, Code.DataLoss, key, reason, { version: error.version, key_id: error.keyId });
    unreadable.cause = error;
    return unreadable;
  }
  return new ConnectError(message(locale, "internal"), Code.Internal, undefined, undefined, error);
}

/** The error of a call its client cancelled or let run past its deadline. */
export function abortedCallError(reason: unknown): ConnectError {
  if (reason instanceof ConnectError && (reason.code === Code.DeadlineExceeded || reason.code === Code.Canceled)) {
    return reason;
  }
  return new ConnectError("the call was cancelled", Code.Canceled, undefined, undefined, reason);
}
