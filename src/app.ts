import type { ServiceImpl } from "@connectrpc/connect";
import type { Db } from "mongodb";
import type { Logger } from "pino";
import { collectDefaultMetrics, Registry } from "prom-client";
import { file_google_rpc_error_details } from "../gen/ts/google/rpc/error_details_pb.js";
import { file_google_rpc_status } from "../gen/ts/google/rpc/status_pb.js";
import { SignatureService } from "../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import type { Config } from "./config.js";
import { createHealthChecks } from "./health/health.js";
import { knownOutage } from "./health/known-outage.js";
import { createReceiptSigner } from "./integrity/receipt-signer.js";
import { withMetricsEndpoint } from "./metrics/metrics-endpoint.js";
import { observeMongoPool, storeOperationMetrics } from "./metrics/mongo-metrics.js";
import { receiptSignatureMetrics } from "./metrics/receipt-metrics.js";
import type { Scope } from "./middleware/access-token.js";
import { bearerAuth } from "./middleware/bearer-auth.js";
import { callLogging } from "./middleware/call-logging.js";
import { callMetrics } from "./middleware/call-metrics.js";
import { type CallMiddleware, withMiddleware } from "./middleware/call-middleware.js";
import { codeNameOf } from "./middleware/call-outcome.js";
import { defaultDeadline } from "./middleware/default-deadline.js";
import { requestIdMiddleware } from "./middleware/request-id.js";
import { createReflectionServices } from "./reflection/reflection-service.js";
import { inProcessClient } from "./rest/in-process-client.js";
import { createRestHandler } from "./rest/rest-handler.js";
import { withCors } from "./server/cors.js";
import { type HostedService, hosted } from "./server/hosted-service.js";
import type { NodeHandler } from "./server/node-handler.js";
import { createRpcHandler, type RefusedCall } from "./server/rpc-handler.js";
import { withUnknownRpc } from "./server/unknown-rpc.js";
import { createPageTokens } from "./service/page-token.js";
import { createSignatureService } from "./service/signature-service.js";
import { loadTrustAnchors } from "./signatures/trust-anchors.js";
import { createMongoSignatureStore } from "./store/mongo-signature-store.js";
import { shardCollections, shardKeys } from "./store/sharding.js";

/** Room in a request for everything besides the payload (keys, tags, framing, JSON escaping). */
const requestOverheadBytes = 256 * 1024;

export interface SignatureApp {
  /** Every RPC service, for any server that hosts them. */
  readonly services: readonly HostedService[];
  /** The main port's handler: the RPC services over Connect, gRPC and gRPC-Web, and the JSON/HTTP API. */
  readonly handler: NodeHandler;
  /** Largest request in bytes. */
  readonly readMaxBytes: number;
  /** The service's log, for what the servers themselves have to say. */
  readonly log: Logger;
  /** Logs and counts a call a server answered before the middleware saw it (an undecodable request). */
  readonly onRefused: (call: RefusedCall) => void;
  /** Stops the app's background work (the database health pinger); call before closing the servers. */
  close(): Promise<void>;
}

/** The scope each SignatureService procedure needs when tokens are configured. */
const signatureScopes: ReadonlyArray<readonly [string, Scope]> = [
  ["Get", "read"],
  ["List", "read"],
  ["ListVersions", "read"],
  ["Inspect", "read"],
  ["Verify", "read"],
  // The receipt key is public: anyone holding a receipt may check it.
  ["GetReceiptKey", "read"],
  ["Save", "write"],
  ["Delete", "delete"],
];

/**
 * Wires the store, the services, the cross-cutting middleware and the
 * transports together. Creates the indexes (idempotently) before the first request.
 */
export async function createSignatureApp(config: Config, db: Db, log: Logger): Promise<SignatureApp> {
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  observeMongoPool(db.client, metrics);
  const health = createHealthChecks({ ping: () => db.command({ ping: 1 }), serviceNames: [SignatureService.typeName] });
  const store = createMongoSignatureStore({
    db,
    maxRecordBytes: config.maxRecordBytes,
    embeddedVersions: config.embeddedVersions,
    encryption: config.encryption,
    observe: storeOperationMetrics(metrics),
    knownDown: knownOutage(db.client, health.monitor),
  });
  await store.ensureIndexes();
  if (config.shardCollections) {
    const sharding = await shardCollections(db);
    if (sharding.kind === "sharded") log.info({ collections: sharding.collections, keys: shardKeys }, "collections sharded");
    else log.info("SHARD_COLLECTIONS: the database is not a mongos, so nothing is sharded");
  }
  const receiptSigner = createReceiptSigner(config.receiptKeyFile, { onSignature: receiptSignatureMetrics(metrics) });
  if (config.receiptKeyFile === undefined) {
    log.warn({ keyId: receiptSigner.keyId }, "receipts are signed with a key generated at start-up: set RECEIPT_KEY_FILE to keep one");
  }
  const signatures = createSignatureService({
    store,
    maxCmsBytes: config.maxCmsBytes,
    defaultLocale: config.defaultLocale,
    acceptUnrecognisedPayloads: config.acceptUnrecognisedPayloads,
    trustAnchors: config.trustAnchorsDir === undefined ? undefined : loadTrustAnchors(config.trustAnchorsDir),
    receiptSigner,
    pageTokens: createPageTokens(config.pageTokenSecret),
    onInternalError: (error, procedure) => log.error({ err: error, procedure }, "internal error"),
  });
  const services = [hosted(SignatureService, signatures), health.service];
  const reflection =
    config.reflection === "off"
      ? []
      : // The error detail types too, so that reflection clients can print an error's details.
        createReflectionServices([...services.map((s) => s.desc), file_google_rpc_status, file_google_rpc_error_details]);

  const requiredScopes = new Map<string, Scope | "any">(
    signatureScopes.map(([method, scope]) => [`/${SignatureService.typeName}/${method}`, scope]),
  );
  if (config.reflection === "authenticated") {
    for (const service of reflection)
      for (const method of service.desc.methods) requiredScopes.set(`/${service.desc.typeName}/${method.name}`, "any");
  }
  // Outermost first: every call gets an id, is logged and counted, even when auth refuses it.
  const calls = callMetrics(metrics);
  const middleware: CallMiddleware[] = [requestIdMiddleware, callLogging(log), calls.middleware];
  if (config.tokens.length > 0) {
    middleware.push(bearerAuth({ tokens: config.tokens, requiredScopes, defaultLocale: config.defaultLocale }));
  }
  middleware.push(defaultDeadline(config.defaultDeadlineMs));
  const hostedServices = withMiddleware([...services, ...reflection], middleware);

  // JSON may escape every character of a payload as six bytes (\u003c: Go's encoding/json
  // writes XML's "<" so), and a payload within MAX_CMS_BYTES must never be refused for that.
  const readMaxBytes = 6 * config.maxCmsBytes + requestOverheadBytes;
  const rest = createRestHandler({
    client: inProcessClient(signatureService(hostedServices)),
    maxBodyBytes: readMaxBytes,
    defaultLocale: config.defaultLocale,
    log,
  });
  const onRefused = ({ procedure, protocol, error }: RefusedCall): void => {
    calls.countRefused(procedure, protocol, error);
    log.info({ procedure, protocol, code: codeNameOf(error), reason: error.rawMessage.slice(0, 200) }, "call refused");
  };
  const handler = createRpcHandler({
    services: hostedServices,
    readMaxBytes,
    // Every path that is not an RPC: unknown gRPC methods, probes, metrics, then the documented JSON/HTTP API.
    fallback: withUnknownRpc(health.withEndpoints(withMetricsEndpoint(metrics, (request, response) => void rest(request, response)))),
    onRefused,
  });
  return {
    services: hostedServices,
    handler: withCors(config.corsOrigins, handler),
    readMaxBytes,
    log,
    onRefused,
    close: async () => health.close(),
  };
}

/** SignatureService as hosted, its methods wrapped in the middleware. */
function signatureService(services: readonly HostedService[]): ServiceImpl<typeof SignatureService> {
  const found = services.find((service) => service.desc.typeName === SignatureService.typeName);
  if (found === undefined) throw new Error("SignatureService is not among the hosted services");
  return found.impl as unknown as ServiceImpl<typeof SignatureService>;
}
