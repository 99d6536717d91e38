import { Code, ConnectError } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignatureService } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import { createGrpcServer, type GrpcServer } from "../../src/grpc-js/grpc-server.js";
import { createReceiptSigner } from "../../src/integrity/receipt-signer.js";
import { hosted, routesOf } from "../../src/server/hosted-service.js";
import { createOnePortServer, type OnePortServer } from "../../src/server/one-port-server.js";
import { createSignatureService } from "../../src/service/signature-service.js";
import type { SignatureStore } from "../../src/store/signature-store.js";
import { expectRpcError } from "../helpers/expect-rpc-error.js";
import { type Endpoints, type ProtocolName, protocols } from "../helpers/signature-clients.js";

/** Why the store was told to stop, per call, keyed by the document asked for. */
const stopped = new Map<string, string>();

/** A store whose reads wait until their caller gives up, and record why. */
function waitingStore(): SignatureStore {
  const wait = (document: string, signal: AbortSignal | undefined) =>
    new Promise<never>((_, reject) => {
      signal?.addEventListener("abort", () => {
        const reason: unknown = signal.reason;
        stopped.set(document, reason instanceof ConnectError ? Code[reason.code] : "aborted");
        reject(reason);
      });
    });
  const unused = () => Promise.reject(new Error("not used by this test"));
  return {
    get: (key, _version, call) => wait(key.document, call?.signal),
    currentVersion: (key, call) => wait(key.document, call?.signal),
    idOf: unused,
    parentOf: unused,
    create: unused,
    append: unused,
    delete: unused,
    list: (query, call) => wait(query.document ?? "", call?.signal),
    listVersions: unused,
  };
}

let main: OnePortServer;
let grpc: GrpcServer;
const endpoints: { baseUrl: string; grpcBaseUrl: string } = { baseUrl: "", grpcBaseUrl: "" };

beforeAll(async () => {
  const service = createSignatureService({
    store: waitingStore(),
    maxCmsBytes: 1024,
    defaultLocale: "en",
    receiptSigner: createReceiptSigner(undefined),
  });
  const services = [hosted(SignatureService, service)];
  main = createOnePortServer({
    host: "127.0.0.1",
    port: 0,
    handler: connectNodeAdapter({ routes: routesOf(services) }),
    shutdownTimeoutMs: 500,
  });
  grpc = createGrpcServer({ host: "127.0.0.1", port: 0, services, maxReceiveMessageBytes: 1 << 20, shutdownTimeoutMs: 500 });
  endpoints.baseUrl = `http://127.0.0.1:${(await main.listen()).port}`;
  endpoints.grpcBaseUrl = `http://127.0.0.1:${await grpc.listen()}`;
});
afterAll(async () => {
  await Promise.all([main.close(), grpc.close()]);
});

describe.each([
  "gRPC (connect-node client)",
  "Connect JSON (HTTP/1.1)",
  "gRPC port (@grpc/grpc-js client)",
  "gRPC port (connect-node client)",
] as ProtocolName[])("Over %s", (protocol) => {
  const client = () => protocols[protocol](endpoints as Endpoints);

  it("the client's deadline reaches the store", async () => {
    const document = `deadline ${protocol}`;
    const started = Date.now();
    await expectRpcError(client().get({ document, thread: "t" }, { timeoutMs: 150 }), Code.DeadlineExceeded);
    // The server's deadline timer and the client giving up at its own deadline race: either stops the store.
    await expect.poll(() => stopped.get(document), { timeout: 2000 }).toBeDefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("the client's cancellation reaches the store", async () => {
    const document = `cancel ${protocol}`;
    const controller = new AbortController();
    const call = client().list({ document }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    await expect(call).rejects.toBeInstanceOf(ConnectError);
    await expect.poll(() => stopped.get(document)).toBeDefined();
  });
});
