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

/** A raw HTTP answer: status, headers and the body as text. */
export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface HttpCallOptions {
  /** Sent as the JSON body, with content-type application/json unless headers say otherwise. */
  json?: unknown;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

/**
 * One HTTP/1.1 request with node:http (which, unlike fetch, sends a body with
 * GET and DELETE, as the documented API's clients do).
 */
export function httpCall(baseUrl: string, method: string, pathAndQuery: string, options: HttpCallOptions = {}): Promise<HttpReply> {
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
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** One call of the JSON/HTTP API; its answer must be JSON (the documented envelope). */
export async function restCall(baseUrl: string, method: string, pathAndQuery: string, options: HttpCallOptions = {}): Promise<RestReply> {
  const reply = await httpCall(baseUrl, method, pathAndQuery, options);
  try {
    return { status: reply.status, body: JSON.parse(reply.text) as Envelope, headers: reply.headers };
  } catch {
    throw new Error(`not JSON (${reply.status}): ${reply.text.slice(0, 200)}`);
  }
}
