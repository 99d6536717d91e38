import type { Db } from "mongodb";
import { createClient, createRouterTransport } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import type { Logger } from "pino";
import { SignatureService } from "../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import type { Config } from "./config.js";
import { hosted, routesOf, type HostedService } from "./hosted-service.js";
import { createRestHandler } from "./rest/rest-handler.js";
import type { RequestHandler } from "./server.js";
import { createSignatureService } from "./service/signature-service.js";
import { createMongoSignatureStore } from "./store/mongo-signature-store.js";

/** Room in a request for everything besides the payload (keys, tags, framing, JSON escaping). */
const requestOverheadBytes = 256 * 1024;

export interface SignatureApp {
  /** Every RPC service, for any server that hosts them. */
  readonly services: readonly HostedService[];
  /** The main port's handler: the RPC services over Connect, gRPC and gRPC-Web, and the JSON/HTTP API. */
  readonly handler: RequestHandler;
  /** Largest request in bytes. */
  readonly readMaxBytes: number;
}

/**
 * Wires the store, the services and the transports together. Creates the
 * indexes (idempotently) before the first request.
 */
export async function createSignatureApp(config: Config, db: Db, log: Logger): Promise<SignatureApp> {
  const store = createMongoSignatureStore({ db, maxRecordBytes: config.maxRecordBytes });
  await store.ensureIndexes();
  const signatures = createSignatureService({
    store,
    maxCmsBytes: config.maxCmsBytes,
    defaultLocale: config.defaultLocale,
    onInternalError: (error, procedure) => log.error({ err: error, procedure }, "internal error"),
  });
  const services = [hosted(SignatureService, signatures)];
  const routes = routesOf(services);
  // A JSON payload may escape characters of an XML signature: allow twice its size.
  const readMaxBytes = 2 * config.maxCmsBytes + requestOverheadBytes;
  const rest = createRestHandler({
    client: createClient(SignatureService, createRouterTransport(routes, { router: { readMaxBytes } })),
    maxBodyBytes: readMaxBytes,
    defaultLocale: config.defaultLocale,
  });
  const handler = connectNodeAdapter({
    routes,
    readMaxBytes,
    // Every path that is not an RPC belongs to the documented JSON/HTTP API.
    fallback: (request, response) => void rest(request, response),
  });
  return { services, handler, readMaxBytes };
}
