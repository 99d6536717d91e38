import http from "node:http";
import http2 from "node:http2";
import net, { type AddressInfo, type Socket } from "node:net";
import { replayingStream, sniffProtocol } from "./h2c-sniffer.js";
import type { NodeHandler } from "./node-handler.js";

/** PEM contents for TLS; with clientCa, clients must present a certificate it signed. */
export interface TlsCredentials {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly clientCa: Buffer | undefined;
}

export interface OnePortServerOptions {
  /** Address to listen on. */
  readonly host: string;
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /** Answers every request, HTTP/1.1 and HTTP/2 alike. */
  readonly handler: NodeHandler;
  /** How long in-flight requests may take to finish on close() before connections are cut. */
  readonly shutdownTimeoutMs: number;
  /** HTTP/2 streams one connection may have open at once. Default 100. */
  readonly maxConcurrentStreams?: number;
  /** A connection idle this long is closed. Default 300000. */
  readonly idleTimeoutMs?: number;
  /** Serve TLS (ALPN picks HTTP/2 or HTTP/1.1) instead of cleartext. Default: cleartext. */
  readonly tls?: TlsCredentials | undefined;
}

export interface OnePortServer {
  /** Starts listening; resolves with the bound address. */
  listen(): Promise<AddressInfo>;
  /** Stops accepting, lets in-flight requests finish (up to the timeout), then closes every connection. */
  close(): Promise<void>;
}

/**
 * One port for HTTP/1.1 and HTTP/2 (gRPC, gRPC-Web, Connect, the JSON API,
 * curl with or without --http2-prior-knowledge). With TLS, ALPN lets Node's
 * http2 server take both. In cleartext each connection's first bytes decide
 * which of two Node servers gets it.
 */
export function createOnePortServer(options: OnePortServerOptions): OnePortServer {
  const idleTimeoutMs = options.idleTimeoutMs ?? 300_000;
  const settings = { maxConcurrentStreams: options.maxConcurrentStreams ?? 100 };
  const sockets = new Set<Socket>();
  /** Cleartext sockets that have not yet shown which protocol they speak: no request is in flight on them. */
  const undecided = new Set<Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  };

  let http1Server: http.Server | undefined;
  let http2Server: http2.Http2Server | http2.Http2SecureServer;
  let listener: net.Server;
  if (options.tls !== undefined) {
    const { cert, key, clientCa } = options.tls;
    const secure = http2.createSecureServer(
      { allowHTTP1: true, cert, key, settings, ...(clientCa ? { ca: clientCa, requestCert: true, rejectUnauthorized: true } : {}) },
      options.handler,
    );
    secure.on("connection", track);
    http2Server = secure;
    listener = secure;
  } else {
    const plain = http2.createServer({ settings }, options.handler);
    const http1 = http.createServer(
      {
        keepAliveTimeout: Math.min(idleTimeoutMs, 65_000),
        // A client has this long to send a request's headers, however slowly it trickles them.
        headersTimeout: Math.min(idleTimeoutMs, 60_000),
        requestTimeout: Math.max(idleTimeoutMs, 300_000),
        connectionsCheckingInterval: Math.min(idleTimeoutMs, 1000),
      },
      options.handler,
    );
    // A socket that goes quiet this long is closed, mid-request or not.
    http1.timeout = idleTimeoutMs;
    // Sockets reach this server by emit("connection"), never by listen(), and node:http
    // starts tracking connections (the headers and request timeouts, and the idle
    // connections that closeIdleConnections() closes) on its "listening" event.
    http1.emit("listening");
    http1Server = http1;
    http2Server = plain;
    // node:http and node:http2 servers turn Nagle's algorithm off on their sockets;
    // a plain net server does not, and small RPC answers then wait ~40 ms for an ACK.
    listener = net.createServer({ noDelay: true }, (socket) => {
      track(socket);
      // Errors on a connection (resets, timeouts) end that connection only.
      socket.on("error", () => socket.destroy());
      // A socket that sends nothing, or only part of the HTTP/2 preface, is closed when it goes quiet.
      undecided.add(socket);
      socket.setTimeout(idleTimeoutMs, () => socket.destroy());
      socket.once("close", () => undecided.delete(socket));
      sniffProtocol(socket, (protocol, head) => {
        undecided.delete(socket);
        socket.setTimeout(0); // each server keeps its own timeouts from here on
        if (protocol === "h2c") {
          plain.emit("connection", replayingStream(socket, head));
        } else {
          socket.unshift(head);
          http1Server?.emit("connection", socket);
          socket.resume();
        }
      });
    });
  }
  http2Server.setTimeout(idleTimeoutMs);
  http2Server.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });

  return {
    listen: () =>
      new Promise((resolve, reject) => {
        listener.once("error", reject);
        listener.listen(options.port, options.host, () => {
          listener.off("error", reject);
          resolve(listener.address() as AddressInfo);
        });
      }),

    close: async () => {
      const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
      for (const socket of undecided) socket.destroy();
      http1Server?.closeIdleConnections();
      for (const session of sessions) session.close(); // GOAWAY: finish open streams, accept no new ones
      await waitUntil(() => {
        http1Server?.closeIdleConnections(); // keep-alive connections become idle as their requests finish
        return sockets.size === 0;
      }, options.shutdownTimeoutMs);
      http1Server?.closeAllConnections();
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const deadline = Date.now() + timeoutMs;
    const check = (): void => {
      if (done() || Date.now() >= deadline) resolve();
      else setTimeout(check, 25);
    };
    check();
  });
}
