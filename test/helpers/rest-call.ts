import http from "node:http";

/** The documented envelope. */
interface Envelope {
  status: boolean;
  message: string | null;
  content: Record<string, unknown> | null;
}

export interface RestReply {
  status: number;
  body: Envelope;
  headers: http.IncomingHttpHeaders;
}

/**
 * One call of the JSON/HTTP API over HTTP/1.1 with node:http (which, unlike
 * fetch, sends a body with GET and DELETE, as the documented API's clients do).
 */
export function restCall(
  baseUrl: string,
  method: string,
  pathAndQuery: string,
  options: { json?: unknown; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<RestReply> {
  const headers: Record<string, string> = { ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["content-type"] ??= "application/json";
  }
  if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const request = http.request(`${baseUrl}${pathAndQuery}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Envelope, headers: response.headers });
        } catch {
          reject(new Error(`not JSON (${response.statusCode}): ${text.slice(0, 200)}`));
        }
      });
    });
    request.on("error", reject);
    request.end(body);
  });
}
