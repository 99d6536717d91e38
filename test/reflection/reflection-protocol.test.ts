import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { create, createFileRegistry, type DescFile, fromBinary, fromJson, type MessageInitShape, toJson } from "@bufbuild/protobuf";
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  type FileDescriptorProto,
  FileDescriptorProtoSchema,
} from "@bufbuild/protobuf/wkt";
import { Code, createClient } from "@connectrpc/connect";
import { connectNodeAdapter, createGrpcTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as v1 from "../../gen/ts/grpc/reflection/v1/reflection_pb.js";
import * as v1alpha from "../../gen/ts/grpc/reflection/v1alpha/reflection_pb.js";
import { createReflectionServices } from "../../src/reflection/reflection-service.js";
import { routesOf } from "../../src/server/hosted-service.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

type Request = MessageInitShape<typeof v1.ServerReflectionRequestSchema>;
type Response = v1.ServerReflectionResponse;

/**
 * Asks every question on one stream of a version's ServerReflectionInfo with
 * a connect-node gRPC client; returns the answers as v1 messages.
 */
async function ask(baseUrl: string, version: "v1" | "v1alpha", requests: Request[]): Promise<Response[]> {
  const transport = createGrpcTransport({ baseUrl });
  const answers: Response[] = [];
  if (version === "v1") {
    const client = createClient(v1.ServerReflection, transport);
    for await (const answer of client.serverReflectionInfo(iterate(requests.map((r) => create(v1.ServerReflectionRequestSchema, r))))) {
      answers.push(answer);
    }
  } else {
    // v1alpha is asked with its own messages (built from the same JSON), and answered in its own.
    const client = createClient(v1alpha.ServerReflection, transport);
    const alpha = requests.map((r) => toAlpha(create(v1.ServerReflectionRequestSchema, r)));
    for await (const answer of client.serverReflectionInfo(iterate(alpha))) {
      expect(answer.$typeName).toBe("grpc.reflection.v1alpha.ServerReflectionResponse");
      answers.push(fromAlpha(answer));
    }
  }
  return answers;
}

async function* iterate<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

// The two versions have the same field names: JSON carries a message from one to the other.
function toAlpha(request: v1.ServerReflectionRequest): v1alpha.ServerReflectionRequest {
  return fromJson(v1alpha.ServerReflectionRequestSchema, toJson(v1.ServerReflectionRequestSchema, request));
}

function fromAlpha(response: v1alpha.ServerReflectionResponse): Response {
  return fromJson(v1.ServerReflectionResponseSchema, toJson(v1alpha.ServerReflectionResponseSchema, response));
}

function files(answer: Response | undefined): FileDescriptorProto[] {
  expect(answer?.messageResponse.case, JSON.stringify(answer?.messageResponse.value)).toBe("fileDescriptorResponse");
  const response = answer?.messageResponse.value as v1.FileDescriptorResponse;
  return response.fileDescriptorProto.map((bytes) => fromBinary(FileDescriptorProtoSchema, bytes));
}

function errorCode(answer: Response | undefined): Code | undefined {
  return answer?.messageResponse.case === "errorResponse" ? answer.messageResponse.value.errorCode : undefined;
}

describe.each(["v1", "v1alpha"] as const)("grpc.reflection.%s through a connect-node gRPC client", (version) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("answers every question of one stream in order", async () => {
    const answers = await ask(server.baseUrl, version, [
      { host: "h", messageRequest: { case: "listServices", value: "*" } },
      { messageRequest: { case: "fileByFilename", value: "ncanode/signatures/v1/signatures.proto" } },
      { messageRequest: { case: "fileContainingSymbol", value: "ncanode.signatures.v1.SignatureService.Save" } },
      { messageRequest: { case: "fileContainingSymbol", value: "ncanode.signatures.v1.SaveRequest.cms" } },
      { messageRequest: { case: "fileContainingSymbol", value: "grpc.health.v1.HealthCheckResponse.NOT_SERVING" } },
      { messageRequest: { case: "fileContainingSymbol", value: "google.rpc.ErrorInfo" } },
      { messageRequest: { case: "fileByFilename", value: "google/protobuf/timestamp.proto" } },
    ]);
    expect(answers).toHaveLength(7);

    const [list, byName, method, field, enumValue, errorInfo, timestamp] = answers;
    expect(list?.validHost).toBe("h");
    expect(list?.messageResponse).toMatchObject({
      case: "listServicesResponse",
      value: {
        service: [
          { name: "ncanode.signatures.v1.SignatureService" },
          { name: "grpc.health.v1.Health" },
          { name: "grpc.reflection.v1.ServerReflection" },
          { name: "grpc.reflection.v1alpha.ServerReflection" },
        ],
      },
    });

    // The file asked for first, then what it imports.
    const signatures = files(byName);
    expect(signatures.map((f) => f.name)).toEqual([
      "ncanode/signatures/v1/signatures.proto",
      "ncanode/signatures/v1/payload.proto",
      "google/protobuf/timestamp.proto",
    ]);
    expect(signatures[0]?.dependency).toEqual(["google/protobuf/timestamp.proto", "ncanode/signatures/v1/payload.proto"]);
    expect(signatures[0]?.service[0]?.method.map((m) => m.name)).toEqual([
      "Get",
      "Save",
      "Delete",
      "List",
      "ListVersions",
      "Inspect",
      "Verify",
      "GetReceiptKey",
    ]);
    expect(files(method)[0]?.name).toBe("ncanode/signatures/v1/signatures.proto");
    expect(files(field)[0]?.name).toBe("ncanode/signatures/v1/signatures.proto");
    expect(files(enumValue).map((f) => f.name)).toEqual(["grpc/health/v1/health.proto"]);
    expect(files(errorInfo)[0]?.name).toBe("google/rpc/error_details.proto");
    expect(files(timestamp)[0]?.messageType[0]?.name).toBe("Timestamp");
  });

  it("answers NOT_FOUND for what it does not know, and lists no extensions where there are none", async () => {
    const answers = await ask(server.baseUrl, version, [
      { messageRequest: { case: "fileByFilename", value: "no/such.proto" } },
      { messageRequest: { case: "fileContainingSymbol", value: "no.such.Symbol" } },
      {
        messageRequest: {
          case: "fileContainingExtension",
          value: { containingType: "ncanode.signatures.v1.Signature", extensionNumber: 100 },
        },
      },
      { messageRequest: { case: "fileContainingExtension", value: { containingType: "no.such.Type", extensionNumber: 1 } } },
      { messageRequest: { case: "allExtensionNumbersOfType", value: "no.such.Type" } },
      { messageRequest: { case: "allExtensionNumbersOfType", value: "ncanode.signatures.v1.Signature" } },
      { messageRequest: { case: undefined } },
    ]);
    expect(answers.slice(0, 5).map(errorCode)).toEqual([Code.NotFound, Code.NotFound, Code.NotFound, Code.NotFound, Code.NotFound]);
    expect(answers[5]?.messageResponse).toMatchObject({
      case: "allExtensionNumbersResponse",
      value: { baseTypeName: "ncanode.signatures.v1.Signature", extensionNumber: [] },
    });
    expect(errorCode(answers[6])).toBe(Code.InvalidArgument);
  });
});

/** A proto2 file with extensions, which our own contract has none of. */
function extensionsFile(): DescFile {
  const optional = FieldDescriptorProto_Label.OPTIONAL;
  const proto = create(FileDescriptorProtoSchema, {
    name: "test/extensions.proto",
    package: "test.ext",
    syntax: "proto2",
    messageType: [
      {
        name: "Base",
        extensionRange: [{ start: 100, end: 200 }],
        // An extension declared inside another message: its file is found by its scoped name.
        nestedType: [{ name: "Scope" }],
      },
      {
        name: "Holder",
        extension: [{ name: "nested", number: 150, label: optional, type: FieldDescriptorProto_Type.INT32, extendee: ".test.ext.Base" }],
      },
    ],
    extension: [{ name: "note", number: 100, label: optional, type: FieldDescriptorProto_Type.STRING, extendee: ".test.ext.Base" }],
  });
  const file = createFileRegistry(proto, () => undefined).getFile("test/extensions.proto");
  if (file === undefined) throw new Error("the test file did not build");
  return file;
}

describe("reflection of extensions", () => {
  let server: http2.Http2Server;
  const sessions = new Set<http2.ServerHttp2Session>();
  let baseUrl: string;

  beforeAll(async () => {
    server = http2.createServer(connectNodeAdapter({ routes: routesOf(createReflectionServices([extensionsFile()])) }));
    server.on("session", (session) => sessions.add(session));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    const closed = new Promise((resolve) => server.close(resolve));
    for (const session of sessions) session.destroy(); // the clients' idle connections
    await closed;
  });

  it.each(["v1", "v1alpha"] as const)("finds extensions by number and lists their numbers (%s)", async (version) => {
    const answers = await ask(baseUrl, version, [
      { messageRequest: { case: "fileContainingExtension", value: { containingType: "test.ext.Base", extensionNumber: 100 } } },
      { messageRequest: { case: "fileContainingExtension", value: { containingType: "test.ext.Base", extensionNumber: 150 } } },
      { messageRequest: { case: "fileContainingExtension", value: { containingType: "test.ext.Base", extensionNumber: 101 } } },
      { messageRequest: { case: "allExtensionNumbersOfType", value: "test.ext.Base" } },
      { messageRequest: { case: "fileContainingSymbol", value: "test.ext.Holder.nested" } },
      { messageRequest: { case: "listServices", value: "" } },
    ]);
    expect(files(answers[0]).map((f) => f.name)).toEqual(["test/extensions.proto"]);
    expect(files(answers[1]).map((f) => f.name)).toEqual(["test/extensions.proto"]);
    expect(errorCode(answers[2])).toBe(Code.NotFound);
    expect(answers[3]?.messageResponse).toMatchObject({
      case: "allExtensionNumbersResponse",
      value: { baseTypeName: "test.ext.Base", extensionNumber: [100, 150] },
    });
    expect(files(answers[4]).map((f) => f.name)).toEqual(["test/extensions.proto"]);
    expect(answers[5]?.messageResponse).toMatchObject({
      case: "listServicesResponse",
      value: { service: [{ name: "grpc.reflection.v1.ServerReflection" }, { name: "grpc.reflection.v1alpha.ServerReflection" }] },
    });
  });
});
