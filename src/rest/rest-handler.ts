import type { Logger } from "pino";
import type { Locale } from "../messages/locales.js";
import { localeOf } from "../messages/locales.js";
import { requestIdFrom } from "../middleware/request-id.js";
import type { NodeRequest, NodeResponse } from "../server/node-handler.js";
import type { InProcessCall, InProcessClient } from "./in-process-client.js";
import type { RestParams } from "./rest-params.js";
import { documentedListItem, documentedPayload, documentedReceipt, documentedSignature, documentedVersion, orNull } from "./rest-record.js";
import { RestRequestError, readRestParams } from "./rest-request.js";
import { sendContent, sendError, sendJson } from "./rest-response.js";

export interface RestHandlerOptions {
  /** The service, called in process (see in-process-client.ts): one implementation of every rule. */
  readonly client: InProcessClient;
  /** Largest request body in bytes; larger ones get 413. */
  readonly maxBodyBytes: number;
  /** Language of messages when the request's api-locale header names none we have. */
  readonly defaultLocale: Locale;
  /** Logs the requests refused before they reach the service (the service logs the others). */
  readonly log: Logger;
}

type Endpoint = (params: RestParams, call: InProcessCall) => Promise<{ status: number; body?: unknown; content?: unknown }>;
type Method = "GET" | "POST" | "DELETE";

/** Request headers handed on to the service, so that it sees what a direct RPC client would send. */
const forwardedHeaders = ["api-locale", "authorization"] as const;

/** Parent ids are int64 in the contract; JSON numbers are exact up to 2^53 − 1. */
const maxId = Number.MAX_SAFE_INTEGER;

/**
 * The documented JSON/HTTP API (docs/rest-api.md, docs/openapi.yaml): GET/POST/DELETE
 * /signature and GET /signatures, plus GET /signature/versions. It only
 * translates parameters and envelopes; the service decides everything else.
 */
export function createRestHandler(options: RestHandlerOptions) {
  const { client } = options;

  const key = (params: RestParams) => ({ document: params.text("document") ?? "", thread: params.text("thread") ?? "" });

  const routes: Record<string, Partial<Record<Method, Endpoint>>> = {
    "/signature": {
      GET: async (params, call) => {
        const { signature } = await client.get({ ...key(params), version: params.integer("version") ?? 0 }, call);
        return { status: 200, content: { signature: signature && documentedSignature(signature) } };
      },
      POST: async (params, call) => {
        const tags = params.textList("tags");
        const stage = params.nullableText("stage");
        const parent = params.has("parent") ? (params.integer("parent", maxId) ?? 0) : undefined;
        const createdBy = params.textOrNumber("version_created_by");
        const comment = params.textOrNumber("version_comment");
        const expectedHead = params.text("expected_head");
        const { signature, receipt } = await client.save(
          {
            ...key(params),
            version: params.integer("version") ?? 0,
            cms: params.text("cms") ?? "",
            tags: tags ?? [],
            // An explicit empty list clears the tags; leaving them out keeps them.
            clearTags: tags !== undefined && tags.length === 0,
            ...(createdBy === undefined ? {} : { versionCreatedBy: createdBy }),
            ...(comment === undefined ? {} : { versionComment: comment }),
            ...(stage === undefined ? {} : { stage: stage ?? "" }),
            ...(parent === undefined ? {} : { parent: BigInt(parent) }),
            ...(expectedHead === undefined ? {} : { expectedHead }),
          },
          call,
        );
        return {
          status: 201,
          content: { signature: signature && documentedSignature(signature), receipt: receipt && documentedReceipt(receipt) },
        };
      },
      DELETE: async (params, call) => {
        await client.delete(key(params), call);
        return { status: 200, body: { status: true } };
      },
    },
    "/signature/verify": {
      GET: async (params, call) => {
        const report = await client.verify(key(params), call);
        return {
          status: 200,
          content: {
            intact: report.intact,
            versions_checked: report.versionsChecked,
            first_broken_version: report.firstBrokenVersion === 0 ? null : report.firstBrokenVersion,
            reason: orNull(report.reason),
            head_hash: orNull(report.headHash),
            unhashed_versions: report.unhashedVersions,
          },
        };
      },
    },
    "/receipt-key": {
      GET: async (_params, call) => {
        const key = await client.getReceiptKey({}, call);
        return {
          status: 200,
          content: {
            algorithm: key.algorithm,
            key_id: key.keyId,
            public_key: Buffer.from(key.publicKey).toString("base64"),
            public_key_pem: key.publicKeyPem,
          },
        };
      },
    },
    "/signature/inspect": {
      POST: async (params, call) => {
        const { payload } = await client.inspect({ cms: params.text("cms") ?? "" }, call);
        return { status: 200, content: { payload: payload && documentedPayload(payload) } };
      },
    },
    "/signatures": {
      GET: async (params, call) => {
        const document = params.text("document");
        const thread = params.text("thread") ?? params.text("chain");
        const stage = params.text("stage");
        const count = params.boolean("count") ?? false;
        const response = await client.list(
          {
            ...(document === undefined ? {} : { document }),
            ...(thread === undefined ? {} : { thread }),
            ...(stage === undefined ? {} : { stage }),
            ...signerFilters(params),
            tags: params.textList("tags") ?? [],
            limit: params.integer("limit") ?? 0,
            offset: params.integer("offset") ?? 0,
            count,
          },
          call,
        );
        return {
          status: 200,
          content: {
            signatures: response.signatures.map(documentedListItem),
            ...(count ? { nb_results: Number(response.nbResults ?? 0n) } : {}),
          },
        };
      },
    },
    "/signature/versions": {
      GET: async (params, call) => {
        const includeCms = params.boolean("include_cms") ?? false;
        const response = await client.listVersions(
          { ...key(params), limit: params.integer("limit") ?? 0, offset: params.integer("offset") ?? 0, includeCms },
          call,
        );
        return {
          status: 200,
          content: {
            current_version: response.currentVersion,
            versions: response.versions.map((version) => documentedVersion(version, includeCms)),
          },
        };
      },
    },
  };

  return async (request: NodeRequest, response: NodeResponse): Promise<void> => {
    const started = performance.now();
    const locale = localeOf(headerOf(request, "api-locale"), options.defaultLocale);
    const requestId = requestIdFrom(headerOf(request, "x-request-id"));
    const idHeader = { "x-request-id": requestId };
    const refuse = (error: unknown, extraHeaders: Record<string, string> = {}): void => {
      const status = sendError(response, error, locale, { ...idHeader, ...extraHeaders });
      options.log.info(
        {
          path: request.url,
          method: request.method,
          protocol: "rest",
          status,
          duration_ms: Math.round(performance.now() - started),
          request_id: requestId,
        },
        "request refused",
      );
    };
    let reachedService = false;
    try {
      const url = new URL(request.url ?? "/", "http://localhost");
      const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
      const route = routes[path];
      if (route === undefined) {
        throw new RestRequestError(404, "unknownPath", { path });
      }
      const endpoint = route[request.method as Method];
      if (endpoint === undefined) {
        const allowed = Object.keys(route).join(", ");
        return refuse(new RestRequestError(405, "methodNotAllowed", { method: request.method ?? "", path, allowed }), { allow: allowed });
      }
      const params = await readRestParams(request, url, options.maxBodyBytes);
      const headers: Record<string, string> = { ...idHeader };
      for (const name of forwardedHeaders) {
        const value = headerOf(request, name);
        if (value !== undefined) headers[name] = value;
      }
      reachedService = true;
      const result = await endpoint(params, { headers, controller: abortOnClose(response) });
      if (result.body !== undefined) sendJson(response, result.status, result.body, idHeader);
      else sendContent(response, result.status, result.content, idHeader);
    } catch (error) {
      if (response.headersSent) return;
      if (reachedService) sendError(response, error, locale, idHeader);
      else refuse(error);
    }
  };
}

/** The List filters on what the records' payloads hold, under the same names as in the contract. */
function signerFilters(params: RestParams) {
  const filters: { signerIin?: string; signerBin?: string; certificateSerial?: string; payloadSha256?: string } = {};
  const signerIin = params.text("signer_iin");
  const signerBin = params.text("signer_bin");
  const certificateSerial = params.text("certificate_serial");
  const payloadSha256 = params.text("payload_sha256");
  if (signerIin !== undefined) filters.signerIin = signerIin;
  if (signerBin !== undefined) filters.signerBin = signerBin;
  if (certificateSerial !== undefined) filters.certificateSerial = certificateSerial;
  if (payloadSha256 !== undefined) filters.payloadSha256 = payloadSha256;
  return filters;
}

function headerOf(request: NodeRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Cancels the service call when the client goes away before the answer. */
function abortOnClose(response: NodeResponse): AbortController {
  const controller = new AbortController();
  response.once("close", () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller;
}
