import http2 from "node:http2";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/logger.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

const secret = "tab-token-0123456789";
let server: TestServer;
const logged: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logged.push(chunk.toString("utf8"));
      callback();
    },
  });
  server = await startTestServer({ AUTH_TOKENS: `caller:${secret}:read` }, undefined, createLogger("info", sink));
});
afterAll(async () => {
  await server.close();
});

/** A Get on the gRPC port whose authorization header holds a tab, which grpc-js cannot keep as metadata. */
function getWithTabbedToken(): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(server.grpcBaseUrl);
    session.on("error", reject);
    const stream = session.request({
      ":method": "POST",
      ":path": "/ncanode.signatures.v1.SignatureService/Get",
      "content-type": "application/grpc",
      te: "trailers",
      authorization: `Bearer ${secret}\tx`,
    });
    let status: string | undefined;
    stream.on("response", (headers) => (status ??= headers["grpc-status"] as string | undefined));
    stream.on("trailers", (trailers) => (status = trailers["grpc-status"] as string | undefined));
    stream.on("data", () => undefined);
    stream.on("close", () => {
      session.close();
      resolve(status);
    });
    stream.end(Buffer.from([0, 0, 0, 0, 0]));
  });
}

describe("grpc-js's own log lines", () => {
  it("reach the JSON log without the header value they quote, and nothing reaches stderr", async () => {
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    const consoleSpy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void stderr.push(args.join(" ")));
    let status: string | undefined;
    try {
      status = await getWithTabbedToken();
    } finally {
      spy.mockRestore();
      consoleSpy.mockRestore();
    }
    expect(status).toBe("16"); // the header is dropped: UNAUTHENTICATED
    expect(stderr.join("")).not.toContain(secret);
    expect(logged.join("")).not.toContain(secret);
    const line = logged.map((text) => JSON.parse(text) as Record<string, unknown>).find((entry) => entry["source"] === "grpc-js");
    expect(line).toMatchObject({ header: "authorization", level: 40 });
  });
});
