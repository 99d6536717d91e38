import type { Db } from "mongodb";
import { createClient, createRouterTransport, type ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { SignatureService } from "../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { createRestHandler } from "./rest/rest-handler.js";
import type { RequestHandler } from "./server.js";
import { createSignatureService } from "./service/signature-service.js";
import { createMongoSignatureStore } from "./store/mongo-signature-store.js";

/** Room in a request for everything besides the payload (keys, tags, framing, JSON escaping). */
const requestOverheadBytes = 256 * 1024;

/**
 * Wires the store, the service and the transports into one request handler.
 * Creates the indexes (idempotently) before the first request.
 */
export async function createSignatureApp(config: Config, db: Db, log: Logger): Promise<RequestHandler> {
  const store = createMongoSignatureStore({ db, maxRecordBytes: config.maxRecordBytes });
  await store.ensureIndexes();
  const service = createSignatureService({
    store,
    maxCmsBytes: config.maxCmsBytes,
    defaultLocale: config.defaultLocale,
    onInternalError: (error, procedure) => log.error({ err: error, procedure }, "internal error"),
  });
  const routes = (router: ConnectRouter) => router.service(SignatureService, service);
  // A JSON payload may escape characters of an XML signature: allow twice its size.
  const readMaxBytes = 2 * config.maxCmsBytes + requestOverheadBytes;
  const rest = createRestHandler({
    client: createClient(SignatureService, createRouterTransport(routes, { router: { readMaxBytes } })),
    maxBodyBytes: readMaxBytes,
    defaultLocale: config.defaultLocale,
  });
  return connectNodeAdapter({
    routes,
    readMaxBytes,
    // Every path that is not an RPC belongs to the documented JSON/HTTP API.
    fallback: (request, response) => void rest(request, response),
  });
}
