import * as grpc from "@grpc/grpc-js";

/** A call grpc-js answered itself, before the service saw a request message. */
export interface GrpcJsRefusal {
  /** "/package.Service/Method" */
  readonly procedure: string;
  readonly code: grpc.status;
  readonly details: string;
}

/**
 * grpc-js answers some calls itself, before any request message reaches the
 * service: a malformed grpc-timeout, a message that fails to decompress or to
 * decode. It reports the client's mistakes among them as INTERNAL, which tells
 * a client to blame the server. This interceptor, first in the chain, is handed
 * grpc-js's own call object, and that object sends those statuses through its
 * own sendStatus: wrapping that method is the one place to see them. A status
 * sent before the first request message arrived is the request's fault, so
 * INTERNAL becomes INVALID_ARGUMENT; every such status is reported to onRefused.
 */
export function clientErrorInterceptor(onRefused: (refusal: GrpcJsRefusal) => void): grpc.ServerInterceptor {
  return (method, call) => {
    let received = false;
    const sendStatus = call.sendStatus.bind(call);
    call.sendStatus = (status) => {
      if (received || status.code === grpc.status.OK) return sendStatus(status);
      const code = status.code === grpc.status.INTERNAL ? grpc.status.INVALID_ARGUMENT : status.code;
      const details = code === status.code ? (status.details ?? "") : `the request could not be decoded: ${status.details ?? ""}`;
      onRefused({ procedure: method.path, code, details });
      sendStatus({ ...status, code, details });
    };
    return new grpc.ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMessage: (message, nextMessage) => {
            received = true;
            nextMessage(message);
          },
        }),
    });
  };
}
