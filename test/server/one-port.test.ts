import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

const run = promisify(execFile);
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** curl against the service, returning the HTTP version it used and the body. */
async function curl(args: string[]): Promise<{ httpVersion: string; body: string }> {
  const { stdout } = await run("curl", ["-sS", "-w", "\\n%{http_version}", ...args]);
  const lines = stdout.trimEnd().split("\n");
  return { httpVersion: lines.pop() ?? "", body: lines.join("\n") };
}

describe("One port", () => {
  const url = () => `${server.baseUrl}/ncanode.signatures.v1.SignatureService`;

  it("serves Connect JSON to curl over HTTP/1.1", async () => {
    const saved = await curl([
      "-H",
      "content-type: application/json",
      "-d",
      JSON.stringify({ document: "curl", thread: "h1", cms: "MIIB" }),
      `${url()}/Save`,
    ]);
    expect(saved.httpVersion).toBe("1.1");
    expect(JSON.parse(saved.body)).toMatchObject({ signature: { version: 1, document: "curl", cms: "MIIB" } });
  });

  it("serves Connect JSON to curl over cleartext HTTP/2 (prior knowledge) on the same port", async () => {
    await curl(["-H", "content-type: application/json", "-d", '{"document":"curl","thread":"h2","cms":"MIIC"}', `${url()}/Save`]);
    const got = await curl([
      "--http2-prior-knowledge",
      "-H",
      "content-type: application/json",
      "-d",
      '{"document":"curl","thread":"h2"}',
      `${url()}/Get`,
    ]);
    expect(got.httpVersion).toBe("2");
    expect(JSON.parse(got.body)).toMatchObject({ signature: { thread: "h2", cms: "MIIC", id: expect.any(String) } });
  });

  it("answers gRPC and gRPC-Web calls of an unknown method with UNIMPLEMENTED", async () => {
    const client = new grpc.Client(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure());
    const code = await new Promise<number>((resolve) =>
      client.makeUnaryRequest(
        "/no.such.Service/Nope",
        (b: Buffer) => b,
        (b: Buffer) => b,
        Buffer.alloc(0),
        (error) => resolve(error?.code ?? 0),
      ),
    );
    client.close();
    expect(code).toBe(grpc.status.UNIMPLEMENTED);
    const web = await fetch(`${server.baseUrl}/no.such.Service/Nope`, {
      method: "POST",
      headers: { "content-type": "application/grpc-web+proto", "x-grpc-web": "1" },
      body: new Uint8Array(5),
    });
    expect(web.headers.get("grpc-status")).toBe("12");
  });

  it("answers an unknown path over both HTTP versions without closing the port", async () => {
    const status = async (args: string[]) => (await run("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", ...args])).stdout;
    expect(await status([`${server.baseUrl}/nope`])).toBe("404");
    expect(await status(["--http2-prior-knowledge", `${server.baseUrl}/nope`])).toBe("404");
    expect(await status(["-H", "content-type: application/json", "-d", "{}", `${url()}/List`])).toBe("200");
  });
});
