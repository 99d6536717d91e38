import { Buffer } from "node:buffer";
import type { MessageKey, MessageParams } from "../messages/catalog.js";
import type { NodeRequest } from "../server/node-handler.js";
import { RestParams } from "./rest-params.js";

/** A request refused before it reached the service: its HTTP status and message. */
export class RestRequestError extends Error {
  override name = "RestRequestError";
  constructor(
    readonly status: number,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(key);
  }
}

/**
 * The parameters of a request: its query string, then its body — a JSON
 * object, or a form. curl's `-d '{…}'` sends JSON labelled as a form, so a
 * form body that opens with "{" is read as JSON.
 */
export async function readRestParams(request: NodeRequest, url: URL, maxBodyBytes: number): Promise<RestParams> {
  const params = new RestParams();
  params.addForm(url.searchParams);
  if (hasNoBody(request)) return params;
  const body = await readBody(request, maxBodyBytes);
  const text = body.toString("utf8").trim();
  if (text === "") return params;

  const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const isForm = type === "application/x-www-form-urlencoded";
  if (type === "application/json" || type === "" || (isForm && text.startsWith("{"))) {
    params.addJson(parseJsonObject(text));
  } else if (isForm) {
    params.addForm(new URLSearchParams(text));
  } else {
    throw new RestRequestError(415, "unsupportedContentType", { type });
  }
  return params;
}

function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RestRequestError(400, "invalidJson");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RestRequestError(400, "invalidJson");
  }
  return value as Record<string, unknown>;
}

/** The whole body, refusing (413) as soon as it passes maxBytes instead of buffering it. */
/**
 * Whether the request says it has no body: HTTP/1.1 without Content-Length or
 * Transfer-Encoding (RFC 9112 §6.3), HTTP/2 with END_STREAM on its headers.
 * Most GETs: they need not wait a turn of the event loop for an empty body.
 */
function hasNoBody(request: NodeRequest): boolean {
  if ("stream" in request) return request.stream.endAfterHeaders;
  return request.headers["content-length"] === undefined && request.headers["transfer-encoding"] === undefined;
}

function readBody(request: NodeRequest, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > maxBytes) {
    return Promise.reject(new RestRequestError(413, "bodyTooLarge", { max: maxBytes }));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        request.off("data", onData);
        request.resume(); // drain and drop the rest, so the response can still be sent
        reject(new RestRequestError(413, "bodyTooLarge", { max: maxBytes }));
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.once("end", () => resolve(Buffer.concat(chunks)));
    request.once("error", reject);
  });
}
