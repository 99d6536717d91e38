import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createOnePortServer, type OnePortServer } from "../../src/server/one-port-server.js";

const idleTimeoutMs = 1000;
let server: OnePortServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The one-port server with a short idle timeout and a long shutdown timeout, answering "ok". */
async function start(idle = idleTimeoutMs): Promise<number> {
  server = createOnePortServer({
    host: "127.0.0.1",
    port: 0,
    idleTimeoutMs: idle,
    shutdownTimeoutMs: 10_000,
    handler: (_request, response) => response.end("ok"),
  });
  return (await server.listen()).port;
}

/** A raw TCP connection; resolves with how long the server took to close it, or rejects after limitMs. */
function closedWithin(socket: net.Socket, limitMs: number): Promise<number> {
  const opened = performance.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${limitMs} ms`));
    }, limitMs);
    socket.on("error", () => undefined); // a reset is a close too
    socket.resume(); // read whatever the server answers, so that its closing is seen
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(performance.now() - opened);
    });
  });
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}

describe("Connections on the one port", () => {
  it("closes a socket that sends nothing once the idle timeout passes", async () => {
    const socket = await connect(await start());
    expect(await closedWithin(socket, 4 * idleTimeoutMs)).toBeGreaterThanOrEqual(idleTimeoutMs - 50);
  });

  it("closes a socket that sends part of the HTTP/2 preface and stops", async () => {
    const socket = await connect(await start());
    socket.write("PRI * HTTP/2.0\r\n");
    await closedWithin(socket, 4 * idleTimeoutMs);
  });

  it("closes an HTTP/1.1 request whose headers trickle in slower than the headers timeout allows", async () => {
    const socket = await connect(await start());
    socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n");
    // One byte every 300 ms keeps the socket busy: only the headers timeout can end this.
    const trickle = setInterval(() => socket.writable && socket.write("X"), 300);
    try {
      await closedWithin(socket, 5 * idleTimeoutMs);
    } finally {
      clearInterval(trickle);
    }
  });

  it("closes an HTTP/1.1 keep-alive connection left idle", async () => {
    const socket = await connect(await start());
    socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await closedWithin(socket, 4 * idleTimeoutMs);
  });

  it("shuts down at once with a finished keep-alive client still connected", async () => {
    // Node's agent drops a socket whose server announces a keep-alive timeout under 2 s: use a long one.
    const port = await start(30_000);
    const agent = new http.Agent({ keepAlive: true });
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, path: "/", agent }, (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => (text += chunk.toString()));
          response.on("end", () => resolve(text));
        })
        .on("error", reject);
    });
    expect(body).toBe("ok");
    await new Promise((resolve) => setImmediate(resolve)); // the agent takes the socket back after the response ends
    const sockets = Object.values(agent.freeSockets).flat();
    expect(sockets).toHaveLength(1); // the connection is open and idle
    const closing = performance.now();
    await server?.close();
    server = undefined;
    expect(performance.now() - closing).toBeLessThan(1000);
    agent.destroy();
  });

  it("shuts down at once with a connection that never said which protocol it speaks", async () => {
    const socket = await connect(await start());
    const closed = closedWithin(socket, 4 * idleTimeoutMs);
    const closing = performance.now();
    await server?.close();
    server = undefined;
    expect(performance.now() - closing).toBeLessThan(500);
    await closed;
  });
});
