import { Code, ConnectError, type HandlerContext } from "@connectrpc/connect";

/** "/package.Service/Method" */
export function procedureOf(context: HandlerContext): string {
  return `/${context.service.typeName}/${context.method.name}`;
}

/** The code a call ended with, in Connect's snake_case ("ok", "not_found", …). */
export function codeNameOf(error: unknown): string {
  if (error === undefined) return "ok";
  const code = error instanceof ConnectError ? error.code : Code.Internal;
  return Code[code].replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
}

/** Runs next and reports how it ended (undefined when it succeeded), whatever happens, rethrowing any error. */
export async function observed<T>(next: () => Promise<T>, ended: (failure: unknown) => void): Promise<T> {
  let failure: unknown;
  try {
    return await next();
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    ended(failure);
  }
}
