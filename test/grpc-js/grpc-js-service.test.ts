import { create, fromBinary, type MessageInitShape, toBinary } from "@bufbuild/protobuf";
import { anyUnpack } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type HandlerContext } from "@connectrpc/connect";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadRequestSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { StatusSchema } from "../../gen/ts/google/rpc/status_pb.js";
import {
  type GetRequest,
  GetRequestSchema,
  GetResponseSchema,
  SignatureService,
} from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import { createGrpcServer, type GrpcServer } from "../../src/grpc-js/grpc-server.js";
import { hosted } from "../../src/server/hosted-service.js";

/** What the test implementation saw of cancelled calls. */
const cancelled: string[] = [];

/** A Get whose behaviour the request's document chooses, to drive the adapter through every path. */
async function get(request: GetRequest, context: HandlerContext) {
  const [action, argument] = request.document.split(":");
  switch (action) {
    case "echo":
      context.responseHeader.set("x-echo", context.requestHeader.get("x-echo") ?? "");
      context.responseTrailer.set("x-trailer", "t");
      return { signature: { document: request.document, thread: context.requestHeader.get("x-echo") ?? "" } };
    case "echo-bin":
      // Binary metadata is base64 text on the Headers side, both ways.
      context.responseHeader.set("x-echo-bin", context.requestHeader.get("x-echo-bin") ?? "");
      return {};
    case "fail":
      throw new ConnectError(`failed with ${argument}`, Number(argument) as Code, { "x-error": "yes", "x-error-bin": "AAE=" }, [
        { desc: BadRequestSchema, value: { fieldViolations: [{ field: "document", description: "bad" }] } },
      ]);
    case "crash":
      throw new Error("secret driver text");
    case "wait":
      await new Promise<void>((resolve) => {
        context.signal.addEventListener("abort", () => {
          cancelled.push(
            `${request.thread}:${context.signal.reason instanceof ConnectError ? Code[context.signal.reason.code] : "aborted"}`,
          );
          resolve();
        });
      });
      throw context.signal.reason;
    default:
      return {};
  }
}

let server: GrpcServer;
let client: grpc.Client;

beforeAll(async () => {
  server = createGrpcServer({
    host: "127.0.0.1",
    port: 0,
    services: [hosted(SignatureService, { get })],
    maxReceiveMessageBytes: 1024 * 1024,
    shutdownTimeoutMs: 1000,
  });
  const port = await server.listen();
  client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});
afterAll(async () => {
  client.close();
  await server.close();
});

interface Outcome {
  error: grpc.ServiceError | null;
  response: unknown;
  headers: grpc.Metadata | undefined;
  trailers: grpc.Metadata | undefined;
}

function call(
  method: string,
  request: MessageInitShape<typeof GetRequestSchema>,
  metadata = new grpc.Metadata(),
  options: grpc.CallOptions = {},
): Promise<Outcome> & { cancel(): void } {
  let handle: grpc.ClientUnaryCall | undefined;
  const outcome = new Promise<Outcome>((resolve) => {
    let headers: grpc.Metadata | undefined;
    let trailers: grpc.Metadata | undefined;
    handle = client.makeUnaryRequest(
      `/ncanode.signatures.v1.SignatureService/${method}`,
      (message: GetRequest) => Buffer.from(toBinary(GetRequestSchema, message)),
      (bytes: Buffer) => fromBinary(GetResponseSchema, bytes),
      create(GetRequestSchema, request),
      metadata,
      options,
      (error, response) => setImmediate(() => resolve({ error, response, headers, trailers })),
    );
    handle.on("metadata", (m) => (headers = m));
    handle.on("status", (s) => (trailers = s.metadata));
  });
  return Object.assign(outcome, { cancel: () => handle?.cancel() });
}

describe("grpc-js adapter", () => {
  it("answers a unary call with the implementation's message", async () => {
    const { error, response } = await call("Get", { document: "plain" });
    expect(error).toBeNull();
    expect(response).toMatchObject({ $typeName: "ncanode.signatures.v1.GetResponse" });
  });

  it("passes request metadata in and response headers and trailers out", async () => {
    const metadata = new grpc.Metadata();
    metadata.set("x-echo", "hello");
    const { error, response, headers, trailers } = await call("Get", { document: "echo" }, metadata);
    expect(error).toBeNull();
    expect(response).toMatchObject({ signature: { thread: "hello" } });
    expect(headers?.get("x-echo")).toEqual(["hello"]);
    expect(trailers?.get("x-trailer")).toEqual(["t"]);
  });

  it("passes binary metadata in and out as bytes", async () => {
    const metadata = new grpc.Metadata();
    metadata.set("x-echo-bin", Buffer.from([0, 1, 255]));
    const { error, headers } = await call("Get", { document: "echo-bin" }, metadata);
    expect(error).toBeNull();
    expect(headers?.get("x-echo-bin")).toEqual([Buffer.from([0, 1, 255])]);
  });

  it.each([
    Code.InvalidArgument,
    Code.NotFound,
    Code.Aborted,
    Code.ResourceExhausted,
    Code.Unavailable,
    Code.PermissionDenied,
    Code.Unauthenticated,
  ])("turns a ConnectError with code %i into that status with its message, metadata and google.rpc details", async (code) => {
    const { error } = await call("Get", { document: `fail:${code}` });
    expect(error?.code).toBe(code);
    expect(error?.details).toBe(`failed with ${code}`);
    expect(error?.metadata.get("x-error")).toEqual(["yes"]);
    expect(error?.metadata.get("x-error-bin")).toEqual([Buffer.from([0, 1])]);
    const [bytes] = error?.metadata.get("grpc-status-details-bin") ?? [];
    const status = fromBinary(StatusSchema, bytes as Buffer);
    expect(status.code).toBe(code);
    const detail = status.details[0] && anyUnpack(status.details[0], BadRequestSchema);
    expect(detail?.fieldViolations[0]?.field).toBe("document");
  });

  it("turns any other error into INTERNAL without its text", async () => {
    const { error } = await call("Get", { document: "crash" });
    expect(error?.code).toBe(grpc.status.INTERNAL);
    expect(error?.details).not.toContain("secret");
  });

  it("answers an unimplemented method with UNIMPLEMENTED", async () => {
    const { error } = await call("Save", {});
    expect(error?.code).toBe(grpc.status.UNIMPLEMENTED);
  });

  it("enforces the client's deadline and tells the implementation", async () => {
    const { error } = await call("Get", { document: "wait", thread: "deadline" }, new grpc.Metadata(), { deadline: Date.now() + 200 });
    expect(error?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    await expect.poll(() => cancelled).toContain("deadline:DeadlineExceeded");
  });

  it("tells the implementation when the client cancels", async () => {
    const pending = call("Get", { document: "wait", thread: "cancel" });
    await new Promise((r) => setTimeout(r, 100));
    pending.cancel();
    expect((await pending).error?.code).toBe(grpc.status.CANCELLED);
    await expect.poll(() => cancelled.some((entry) => entry.startsWith("cancel:"))).toBe(true);
  });
});
