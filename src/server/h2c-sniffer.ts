import { Buffer } from "node:buffer";
import type { Socket } from "node:net";
import { Duplex } from "node:stream";

/** The client connection preface every HTTP/2 connection starts with (RFC 9113 §3.4). */
const preface = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");

export type SniffedProtocol = "http1" | "h2c";

/**
 * Reads a new cleartext connection's first bytes until it is clear whether it
 * opens with the HTTP/2 preface, then hands the socket and those bytes on.
 */
export function sniffProtocol(socket: Socket, onDecided: (protocol: SniffedProtocol, head: Buffer) => void): void {
  let head = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    head = Buffer.concat([head, chunk]);
    const compared = Math.min(head.length, preface.length);
    const matches = head.subarray(0, compared).equals(preface.subarray(0, compared));
    if (matches && head.length < preface.length) return; // a preface so far: wait for the rest
    socket.off("data", onData);
    socket.pause();
    onDecided(matches ? "h2c" : "http1", head);
  };
  socket.on("data", onData);
}

/**
 * node:http2 reads a native socket's handle directly and would miss bytes
 * already consumed by the sniffer, so an h2c connection is handed over as a
 * JS stream that replays them first (http2 wraps such a stream itself).
 */
export function replayingStream(socket: Socket, head: Buffer): Duplex {
  const stream = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, encoding, callback) {
      socket.write(chunk, encoding, callback);
    },
    final(callback) {
      socket.end(callback);
    },
    destroy(error, callback) {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  stream.push(head);
  socket.on("data", (chunk: Buffer) => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.on("end", () => stream.push(null));
  socket.on("error", (error) => stream.destroy(error));
  socket.on("close", () => stream.destroy());
  return stream;
}
