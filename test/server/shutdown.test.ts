import http from "node:http";
import { describe, expect, it } from "vitest";
import { createOnePortServer } from "../../src/server/one-port-server.js";

describe("Server shutdown", () => {
  it("finishes in-flight requests on both HTTP versions, then refuses new connections", async () => {
    let started = 0;
    const server = createOnePortServer({
      host: "127.0.0.1",
      port: 0,
      shutdownTimeoutMs: 5000,
      handler: (_req, res) => {
        started++;
        setTimeout(() => res.end("finished"), 300);
      },
    });
    const { port } = await server.listen();
    const base = `http://127.0.0.1:${port}`;
    const h1 = fetch(`${base}/slow`).then((r) => r.text());
    const h2 = import("node:http2").then(
      ({ connect }) =>
        new Promise<string>((resolve, reject) => {
          const session = connect(base);
          const stream = session.request({ ":path": "/slow" });
          let body = "";
          stream.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
          stream.on("end", () => {
            session.close();
            resolve(body);
          });
          stream.on("error", reject);
        }),
    );
    while (started < 2) await new Promise((r) => setTimeout(r, 10));

    const closeStarted = performance.now();
    const closing = server.close();
    expect(await h1).toBe("finished");
    expect(await h2).toBe("finished");
    await closing;
    // The in-flight requests take 300 ms; close waits for them, not for its 5 s timeout.
    expect(performance.now() - closeStarted).toBeLessThan(1500);
    await expect(new Promise((resolve, reject) => http.get(`${base}/after`, resolve).on("error", reject))).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
  });

  it("cuts requests that outlive the shutdown timeout", async () => {
    const server = createOnePortServer({
      host: "127.0.0.1",
      port: 0,
      shutdownTimeoutMs: 200,
      handler: () => undefined, // never answers
    });
    const { port } = await server.listen();
    const hanging = fetch(`http://127.0.0.1:${port}/hang`).then(
      () => "answered",
      () => "cut",
    );
    await new Promise((r) => setTimeout(r, 50));
    const startedAt = Date.now();
    await server.close();
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(await hanging).toBe("cut");
  });
});
