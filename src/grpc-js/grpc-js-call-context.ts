import type { DescMethod, DescService } from "@bufbuild/protobuf";
import { Code, ConnectError, type ContextValues, createContextValues, type HandlerContext } from "@connectrpc/connect";
import type * as grpc from "@grpc/grpc-js";
import { MetadataHeaders } from "./metadata-headers.js";

/** What every kind of grpc-js server call has. */
type Call = Pick<grpc.ServerUnaryCall<unknown, unknown>, "getDeadline" | "getPath" | "metadata" | "sendMetadata"> & NodeJS.EventEmitter;

/**
 * The HandlerContext of a grpc-js call. Everything that costs something per
 * call (header views, the abort signal, the deadline timer) is made only
 * when the implementation first asks for it: an empty call through the
 * adapter then costs little more than one on a plain grpc-js server.
 */
export class GrpcJsCallContext implements HandlerContext {
  readonly requestMethod = "POST";
  readonly protocolName = "grpc";
  private readonly deadlineMs: number;
  private finished = false;
  private abortReason: unknown;
  private controller: AbortController | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  private requestHeaders: MetadataHeaders | undefined;
  private responseHeaders: MetadataHeaders | undefined;
  private responseTrailers: MetadataHeaders | undefined;
  private contextValues: ContextValues | undefined;
  private headersSent = false;

  constructor(
    readonly service: DescService,
    readonly method: DescMethod,
    private readonly call: Call,
  ) {
    const deadline = call.getDeadline();
    this.deadlineMs = deadline instanceof Date ? deadline.getTime() : deadline;
    // grpc-js reports every stream close as "cancelled", also after a normal end; only an
    // unfinished call is really cancelled, by the client or by its deadline (often before our timer).
    call.once("cancelled", () => {
      if (this.finished) return;
      this.abort(
        Date.now() >= this.deadlineMs
          ? new ConnectError("the deadline was exceeded", Code.DeadlineExceeded)
          : new ConnectError("the client cancelled the call", Code.Canceled),
      );
    });
  }

  get url(): string {
    return this.call.getPath();
  }

  get values(): ContextValues {
    return (this.contextValues ??= createContextValues());
  }

  get requestHeader(): Headers {
    return (this.requestHeaders ??= new MetadataHeaders(this.call.metadata));
  }

  get responseHeader(): Headers {
    return (this.responseHeaders ??= new MetadataHeaders());
  }

  get responseTrailer(): Headers {
    return (this.responseTrailers ??= new MetadataHeaders());
  }

  readonly timeoutMs = (): number | undefined => (Number.isFinite(this.deadlineMs) ? this.deadlineMs - Date.now() : undefined);

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.abortReason !== undefined) {
        this.controller.abort(this.abortReason);
      } else if (Number.isFinite(this.deadlineMs)) {
        this.deadlineTimer = setTimeout(
          () => this.abort(new ConnectError("the deadline was exceeded", Code.DeadlineExceeded)),
          Math.max(0, this.deadlineMs - Date.now()),
        );
      }
    }
    return this.controller.signal;
  }

  /** Tells the implementation to stop (cancellation, deadline, or a middleware's default deadline). */
  abort(reason: unknown): void {
    if (this.abortReason !== undefined) return;
    this.abortReason = reason;
    clearTimeout(this.deadlineTimer);
    this.controller?.abort(reason);
  }

  /** The call has answered: stop the deadline timer; later "cancelled" events are only the stream closing. */
  finish(): void {
    this.finished = true;
    clearTimeout(this.deadlineTimer);
  }

  /** Sends the implementation's response headers once, before the first message or the status. */
  sendHeaders(): void {
    if (this.headersSent) return;
    this.headersSent = true;
    if (this.responseHeaders !== undefined && !this.responseHeaders.isEmpty()) {
      this.call.sendMetadata(this.responseHeaders.metadata);
    }
  }

  /** The trailers to send with the status, when the implementation set any. */
  trailers(): grpc.Metadata | undefined {
    return this.responseTrailers !== undefined && !this.responseTrailers.isEmpty() ? this.responseTrailers.metadata : undefined;
  }
}
