import http from "node:http";
import type { Socket } from "node:net";

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * HTTP/1.1 requests to one port of this machine over at most `connections`
 * keep-alive connections (node:http's Agent), for runLoad's workers: with as
 * many workers as connections, each call has a connection of its own and
 * every connection carries one request at a time.
 */
export interface HttpLoadClient {
  request(method: "GET" | "POST", path: string, json?: unknown): Promise<HttpAnswer>;
  /** Connections opened so far: more than `connections` means the server closed some under load. */
  connectionsOpened(): number;
  close(): void;
}

export function createHttpLoadClient(port: number, connections: number): HttpLoadClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const seen = new WeakSet<Socket>();
  let opened = 0;
  const onSocket = (socket: Socket): void => {
    if (seen.has(socket)) return;
    seen.add(socket);
    opened++;
  };
  return {
    request: (method, path, json) =>
      new Promise<HttpAnswer>((resolve, reject) => {
        const body = json === undefined ? undefined : JSON.stringify(json);
        const headers: http.OutgoingHttpHeaders =
          body === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(body) };
        const request = http.request({ agent, host: "127.0.0.1", port, method, path, headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.once("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          response.once("error", reject);
        });
        request.once("socket", onSocket);
        request.once("error", reject);
        request.end(body);
      }),
    connectionsOpened: () => opened,
    close: () => agent.destroy(),
  };
}
