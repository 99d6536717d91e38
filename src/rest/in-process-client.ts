import { create, type DescMethod, type DescService, type MessageInitShape, type MessageShape } from "@bufbuild/protobuf";
import { type ContextValues, createContextValues, type HandlerContext, type ServiceImpl } from "@connectrpc/connect";
import { SignatureService } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import { RecordHeaders } from "./record-headers.js";

type Methods = (typeof SignatureService)["method"];

/** One call made in process: what a transport would have carried besides the message. */
export interface InProcessCall {
  /** Request headers the middleware and the service read (lower-case names). */
  readonly headers: Readonly<Record<string, string>>;
  /** Aborts the call (the client went away); the call's deadline aborts through it too. */
  readonly controller: AbortController;
}

/** SignatureService's methods, each taking a request message's fields and the call. */
export type InProcessClient = {
  [M in keyof Methods]: (
    request: MessageInitShape<Methods[M]["input"]>,
    call: InProcessCall,
  ) => Promise<MessageShape<Methods[M]["output"]>>;
};

type UnaryImpl = (request: unknown, context: HandlerContext) => unknown;

/**
 * SignatureService as a client whose calls run the implementation in this
 * process, middleware included, without a transport: no encoding, routing and
 * decoding of each call twice. Each call gets a HandlerContext of protocol
 * "rest" carrying the request's headers and cancellation, so that auth,
 * request ids, logs, metrics, deadlines and localisation apply exactly as on
 * every other door.
 */
export function inProcessClient(impl: ServiceImpl<typeof SignatureService>): InProcessClient {
  const client: Record<string, (request: unknown, call: InProcessCall) => Promise<unknown>> = {};
  for (const method of SignatureService.methods) {
    if (method.methodKind !== "unary") throw new Error(`${method.name} is not unary: the in-process client calls unary methods only`);
    const run = (impl as unknown as Record<string, UnaryImpl>)[method.localName]!.bind(impl);
    const { input, output } = method;
    client[method.localName] = async (request, call) => {
      const context = new InProcessCallContext(SignatureService, method, call);
      return create(output, (await run(create(input, request as never), context)) as never);
    };
  }
  return client as unknown as InProcessClient;
}

/** The HandlerContext of an in-process call; response headers and context values are made only when asked for. */
class InProcessCallContext implements HandlerContext {
  readonly protocolName = "rest";
  readonly requestMethod = "POST";
  readonly requestHeader: Headers;
  readonly url: string;
  private responseHeaders: Headers | undefined;
  private responseTrailers: Headers | undefined;
  private contextValues: ContextValues | undefined;

  constructor(
    readonly service: DescService,
    readonly method: DescMethod,
    private readonly call: InProcessCall,
  ) {
    this.requestHeader = new RecordHeaders(call.headers);
    this.url = `/${service.typeName}/${method.name}`;
  }

  get signal(): AbortSignal {
    return this.call.controller.signal;
  }

  get responseHeader(): Headers {
    return (this.responseHeaders ??= new RecordHeaders());
  }

  get responseTrailer(): Headers {
    return (this.responseTrailers ??= new RecordHeaders());
  }

  get values(): ContextValues {
    return (this.contextValues ??= createContextValues());
  }

  /** The call has no client deadline of its own: the default deadline applies. */
  readonly timeoutMs = (): number | undefined => undefined;

  /** Tells the implementation to stop (the default deadline passed). */
  abort(reason: unknown): void {
    this.call.controller.abort(reason);
  }
}
