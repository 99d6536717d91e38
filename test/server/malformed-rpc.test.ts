import http2 from "node:http2";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capturedLog } from "../helpers/captured-log.js";
import { protocols } from "../helpers/signature-clients.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
const { log, lines } = capturedLog();
const key = { document: "malformed", thread: "known" };
const knownCms = "MIIknownPAYLOADthatNoBadRequestMayTouch==";
const getPath = "/ncanode.signatures.v1.SignatureService/Get";
const savePath = "/ncanode.signatures.v1.SignatureService/Save";

beforeAll(async () => {
  server = await startTestServer({}, undefined, log);
  await protocols["gRPC (connect-node client)"](server).save({ ...key, cms: knownCms });
});
afterAll(async () => {
  await server.close();
});

/** A gRPC length-prefixed message (flag 0 = uncompressed, 1 = compressed). */
function envelope(payload: Buffer | string, flag = 0): Buffer {
  const body = Buffer.from(payload);
  const head = Buffer.alloc(5);
  head[0] = flag;
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

interface RawAnswer {
  status: number;
  headers: http2.IncomingHttpHeaders;
  trailers: http2.IncomingHttpHeaders;
  body: Buffer;
}

/** One HTTP/2 request with raw bytes, as a broken or hostile client sends it; fails if unanswered within 5 s. */
function h2Request(path: string, headers: Record<string, string>, body: Buffer, baseUrl = server.baseUrl): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(baseUrl);
    session.on("error", reject);
    const timer = setTimeout(() => {
      session.destroy();
      reject(new Error(`no answer to ${path} within 5 s`));
    }, 5000);
    const stream = session.request({ ":method": "POST", ":path": path, te: "trailers", ...headers });
    const chunks: Buffer[] = [];
    let answer: Omit<RawAnswer, "body" | "trailers"> = { status: 0, headers: {} };
    let trailers: http2.IncomingHttpHeaders = {};
    stream.on("response", (responseHeaders) => (answer = { status: Number(responseHeaders[":status"]), headers: responseHeaders }));
    stream.on("trailers", (received) => (trailers = received));
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("error", reject);
    stream.on("close", () => {
      clearTimeout(timer);
      session.close();
      resolve({ ...answer, trailers, body: Buffer.concat(chunks) });
    });
    stream.end(body);
  });
}

/** The grpc-status of a gRPC answer: in the trailers, or in the headers of a trailers-only answer. */
const grpcStatus = (answer: RawAnswer) => answer.trailers["grpc-status"] ?? answer.headers["grpc-status"];

/** Bytes that are no valid protobuf message: a field with wire type 7, which does not exist. */
const notProtobuf = Buffer.from([0x0f, 0xff, 0xff]);
/** A valid JSON string holding an unpaired surrogate, where a message object belongs. */
const loneSurrogateJson = '"\\ud800"';

describe("Malformed RPC requests", () => {
  it("answers a gRPC JSON body holding a lone surrogate with INVALID_ARGUMENT instead of leaving the stream open", async () => {
    const answer = await h2Request(getPath, { "content-type": "application/grpc+json" }, envelope(loneSurrogateJson));
    expect(grpcStatus(answer)).toBe("3");
  });

  it("answers a gRPC-Web JSON body holding a lone surrogate with INVALID_ARGUMENT", async () => {
    const answer = await h2Request(getPath, { "content-type": "application/grpc-web+json" }, envelope(loneSurrogateJson));
    expect(answer.status).toBe(200);
    expect(answer.body.subarray(5).toString("latin1")).toMatch(/grpc-status: ?3\r\n/);
  });

  it.each([
    ["gRPC", "application/grpc"],
    ["gRPC+proto", "application/grpc+proto"],
  ])("answers an undecodable %s message with INVALID_ARGUMENT", async (_name, type) => {
    const answer = await h2Request(getPath, { "content-type": type }, envelope(notProtobuf));
    expect(grpcStatus(answer)).toBe("3");
    expect(decodeURIComponent(String(answer.trailers["grpc-message"] ?? answer.headers["grpc-message"]))).toMatch(/could not be decoded/);
  });

  it("answers an undecodable gRPC-Web message with INVALID_ARGUMENT", async () => {
    const answer = await h2Request(getPath, { "content-type": "application/grpc-web+proto" }, envelope(notProtobuf));
    expect(answer.body[0]).toBe(0x80); // the trailer frame
    expect(answer.body.subarray(5).toString("latin1")).toMatch(/grpc-status: ?3\r\n/);
  });

  it("answers an undecodable Connect binary body with HTTP 400 invalid_argument", async () => {
    const response = await fetch(`${server.baseUrl}${getPath}`, {
      method: "POST",
      headers: { "content-type": "application/proto" },
      body: notProtobuf,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "invalid_argument", message: expect.stringMatching(/could not be decoded/) });
  });

  it("answers a gzip-flagged message that is not gzip with a client error", async () => {
    const answer = await h2Request(
      getPath,
      { "content-type": "application/grpc", "grpc-encoding": "gzip" },
      envelope("not gzip at all", 1),
    );
    expect(grpcStatus(answer)).toBe("3");
  });

  it("answers an undecodable message inside valid gzip with INVALID_ARGUMENT", async () => {
    const answer = await h2Request(
      getPath,
      { "content-type": "application/grpc", "grpc-encoding": "gzip" },
      envelope(gzipSync(notProtobuf), 1),
    );
    expect(grpcStatus(answer)).toBe("3");
  });

  it("logs and counts each refused call", async () => {
    const before = lines.filter((line) => line["msg"] === "call refused").length;
    await h2Request(savePath, { "content-type": "application/grpc" }, envelope(notProtobuf));
    const refused = lines.filter((line) => line["msg"] === "call refused");
    expect(refused.length).toBe(before + 1);
    expect(refused.at(-1)).toMatchObject({ procedure: savePath, protocol: "grpc", code: "invalid_argument" });
    const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(
      /rpc_requests_total\{procedure="\/ncanode\.signatures\.v1\.SignatureService\/Save",protocol="grpc",code="invalid_argument"\} 1/,
    );
  });

  describe("on the gRPC port (grpc-js answers these before the service sees them)", () => {
    const onGrpcPort = (headers: Record<string, string>, body: Buffer) =>
      h2Request(getPath, { "content-type": "application/grpc", ...headers }, body, server.grpcBaseUrl);

    it("answers a malformed grpc-timeout with INVALID_ARGUMENT", async () => {
      expect(grpcStatus(await onGrpcPort({ "grpc-timeout": "soon" }, envelope(Buffer.alloc(0))))).toBe("3");
    });

    it("answers an undecodable message with INVALID_ARGUMENT", async () => {
      expect(grpcStatus(await onGrpcPort({}, envelope(notProtobuf)))).toBe("3");
    });

    it("answers a gzip-flagged message that is not gzip with INVALID_ARGUMENT", async () => {
      expect(grpcStatus(await onGrpcPort({ "grpc-encoding": "gzip" }, envelope("not gzip at all", 1)))).toBe("3");
    });

    it("logs and counts them", async () => {
      await onGrpcPort({ "grpc-timeout": "later" }, envelope(Buffer.alloc(0)));
      expect(lines.filter((line) => line["msg"] === "call refused").at(-1)).toMatchObject({
        procedure: getPath,
        protocol: "grpc",
        code: "invalid_argument",
      });
    });
  });

  it("leaves the stored record untouched and the service answering", async () => {
    const { signature } = await protocols["gRPC (@grpc/grpc-js client)"](server).get(key);
    expect(signature).toMatchObject({ version: 1, cms: knownCms });
  });
});
