import { createHash, timingSafeEqual } from "node:crypto";
import { Code, ConnectError, type HandlerContext } from "@connectrpc/connect";
import { message } from "../messages/catalog.js";
import type { Locale } from "../messages/locales.js";
import { localeOf } from "../messages/locales.js";
import type { AccessToken, Scope } from "./access-token.js";
import type { CallMiddleware } from "./call-middleware.js";

export interface BearerAuthOptions {
  readonly tokens: readonly AccessToken[];
  /**
   * What each protected procedure ("/pkg.Service/Method") needs: a scope, or
   * "any" for any valid token. Procedures not listed are public.
   */
  readonly requiredScopes: ReadonlyMap<string, Scope | "any">;
  readonly defaultLocale: Locale;
}

/**
 * Bearer tokens from the authorization header (gRPC metadata alike). Tokens are
 * compared as SHA-256 digests with timingSafeEqual, against every configured
 * token, so neither a token's content nor its position leaks through timing.
 */
export function bearerAuth(options: BearerAuthOptions): CallMiddleware {
  const known = options.tokens.map((entry) => ({ ...entry, digest: digest(entry.token) }));
  return async (context, next) => {
    const scope = options.requiredScopes.get(`/${context.service.typeName}/${context.method.name}`);
    if (scope === undefined) return next();
    const locale = localeOf(context.requestHeader.get("api-locale"), options.defaultLocale);
    const presented = bearerTokenOf(context);
    if (presented === undefined) throw new ConnectError(message(locale, "unauthenticated"), Code.Unauthenticated);
    const presentedDigest = digest(presented);
    let holder: (typeof known)[number] | undefined;
    for (const entry of known) {
      if (timingSafeEqual(entry.digest, presentedDigest)) holder = entry;
    }
    if (holder === undefined) throw new ConnectError(message(locale, "unauthenticated"), Code.Unauthenticated);
    if (scope !== "any" && !holder.scopes.includes(scope)) {
      throw new ConnectError(message(locale, "permissionDenied", { scope }), Code.PermissionDenied);
    }
    return next();
  };
}

function bearerTokenOf(context: HandlerContext): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(context.requestHeader.get("authorization") ?? "");
  return match?.[1];
}

function digest(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}
