import type { DescMethod } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import type { HostedService } from "../server/hosted-service.js";

/**
 * Something every call goes through, whichever server hosts it (connect-node
 * on the main port, grpc-js on the gRPC port, the JSON/HTTP API in process):
 * request ids, auth, deadlines, logs, metrics. It runs `next` (the method, or
 * the next middleware) or throws instead. For a streaming method, `next`
 * resolves when the stream is handed out, not when it ends.
 */
export type CallMiddleware = (call: HandlerContext, next: () => Promise<unknown>) => Promise<unknown>;

type AnyImpl = (input: unknown, context: HandlerContext) => unknown;

/** The services with every method running through the middleware, first one outermost. */
export function withMiddleware(services: readonly HostedService[], middleware: readonly CallMiddleware[]): HostedService[] {
  return services.map((service) => {
    const impl: Record<string, AnyImpl> = {};
    for (const method of service.desc.methods) {
      const original = (service.impl as Record<string, AnyImpl | undefined>)[method.localName];
      if (original !== undefined) impl[method.localName] = wrap(method, original.bind(service.impl), middleware);
    }
    return { desc: service.desc, impl } as unknown as HostedService;
  });
}

function wrap(method: DescMethod, impl: AnyImpl, middleware: readonly CallMiddleware[]): AnyImpl {
  const run = (context: HandlerContext, last: () => Promise<unknown>): Promise<unknown> =>
    middleware.reduceRight<() => Promise<unknown>>((next, layer) => () => layer(context, next), last)();
  if (method.methodKind === "unary" || method.methodKind === "client_streaming") {
    return (input, context) => run(context, async () => impl(input, context));
  }
  // A streaming method returns an iterable at once; the middleware runs before the first message.
  return (input, context) =>
    (async function* () {
      let stream: AsyncIterable<unknown> | undefined;
      await run(context, async () => {
        stream = impl(input, context) as AsyncIterable<unknown>;
      });
      if (stream !== undefined) yield* stream;
    })();
}
