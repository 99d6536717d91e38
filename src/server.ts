import http from "node:http";
import http2 from "node:http2";
import net, { type AddressInfo, type Socket } from "node:net";
import type { connectNodeAdapter } from "@connectrpc/connect-node";
import { replayingStream, sniffProtocol } from "./h2c-sniffer.js";

/** A request listener for both node:http and node:http2 servers. */
export type RequestHandler = ReturnType<typeof connectNodeAdapter>;

export interface SignatureServerOptions {
  /** Address to listen on. */
  readonly host: string;
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /** Answers every request, HTTP/1.1 and HTTP/2 alike. */
  readonly handler: RequestHandler;
  /** How long in-flight requests may take to finish on close() before connections are cut. */
  readonly shutdownTimeoutMs: number;
}

export interface SignatureServer {
  /** Starts listening; resolves with the bound address. */
  listen(): Promise<AddressInfo>;
  /** Stops accepting, lets in-flight requests finish (up to the timeout), then closes every connection. */
  close(): Promise<void>;
}

/**
 * One port for HTTP/1.1 and cleartext HTTP/2 (gRPC, gRPC-Web, Connect, the
 * JSON API, curl with or without --http2-prior-knowledge): each connection's
 * first bytes decide which of two Node servers gets it.
 */
export function createSignatureServer(options: SignatureServerOptions): SignatureServer {
  const http1Server = http.createServer(options.handler);
  const http2Server = http2.createServer({}, options.handler);
  const sockets = new Set<Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();

  http2Server.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });

  // node:http and node:http2 servers turn Nagle's algorithm off on their sockets;
  // a plain net server does not, and small RPC answers then wait ~40 ms for an ACK.
  const listener = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    // Errors on a connection (resets, timeouts) end that connection only.
    socket.on("error", () => socket.destroy());
    sniffProtocol(socket, (protocol, head) => {
      if (protocol === "h2c") {
        http2Server.emit("connection", replayingStream(socket, head));
      } else {
        socket.unshift(head);
        http1Server.emit("connection", socket);
        socket.resume();
      }
    });
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
      http1Server.closeIdleConnections();
      for (const session of sessions) session.close(); // GOAWAY: finish open streams, accept no new ones
      await waitUntil(() => {
        http1Server.closeIdleConnections(); // keep-alive connections become idle as their requests finish
        return sockets.size === 0;
      }, options.shutdownTimeoutMs);
      http1Server.closeAllConnections();
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
      if (done() || Date.now() >= deadline) return resolve();
      setTimeout(check, 25);
    };
    check();
  });
}
