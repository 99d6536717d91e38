import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grpcurl, type ToolRun } from "../helpers/go-tools.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

const service = "ncanode.signatures.v1.SignatureService";

/** The real grpcurl, with no .proto files: everything it knows comes from server reflection, on either port. */
describe.each([
  ["the main port (connect-node)", (s: TestServer) => s.port],
  ["the gRPC port (grpc-js)", (s: TestServer) => s.grpcPort],
] as const)("grpcurl through server reflection on %s", (_, portOf) => {
  let server: TestServer;
  let port: number;

  beforeAll(async () => {
    server = await startTestServer();
    port = portOf(server);
  });
  afterAll(async () => {
    await server.close();
  });

  function ok(run: ToolRun): string {
    expect(run.code, `grpcurl failed:\n${run.stderr}${run.stdout}`).toBe(0);
    return run.stdout;
  }

  it("lists every service", async () => {
    const listed = ok(await grpcurl(port, [], ["list"]));
    expect(listed.trim().split("\n").sort()).toEqual([
      "grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection",
      "grpc.reflection.v1alpha.ServerReflection",
      service,
    ]);
    const methods = ok(await grpcurl(port, [], ["list", service]));
    expect(methods.trim().split("\n").sort()).toEqual(
      ["Delete", "Get", "GetReceiptKey", "Inspect", "List", "ListVersions", "Save", "Verify"].map((m) => `${service}.${m}`),
    );
  });

  it("describes the service, a method and a message with an imported type", async () => {
    const described = ok(await grpcurl(port, [], ["describe", service]));
    expect(described).toContain(`${service} is a service:`);
    for (const method of ["Get", "Save", "Delete", "List", "ListVersions"]) {
      expect(described).toContain(
        `rpc ${method} ( .ncanode.signatures.v1.${method}Request ) returns ( .ncanode.signatures.v1.${method}Response )`,
      );
    }
    expect(ok(await grpcurl(port, [], ["describe", `${service}.Save`]))).toContain(`${service}.Save is a method:`);
    const message = ok(await grpcurl(port, [], ["describe", "ncanode.signatures.v1.Signature"]));
    expect(message).toContain(".google.protobuf.Timestamp version_created_at = 7;");
    expect(ok(await grpcurl(port, [], ["describe", "google.protobuf.Timestamp"]))).toContain("int64 seconds = 1;");
  });

  it("calls Save and Get with JSON", async () => {
    const saved = JSON.parse(
      ok(await grpcurl(port, ["-d", JSON.stringify({ document: "grpcurl", thread: "t1", cms: "MIIB", tags: ["a"] })], [`${service}/Save`])),
    ) as { signature: Record<string, unknown> };
    expect(saved.signature).toMatchObject({ version: 1, document: "grpcurl", thread: "t1", cms: "MIIB", tags: ["a"], currentVersion: 1 });

    const got = JSON.parse(ok(await grpcurl(port, ["-d", JSON.stringify({ document: "grpcurl", thread: "t1" })], [`${service}/Get`]))) as {
      signature: Record<string, unknown>;
    };
    expect(got.signature).toMatchObject({ id: saved.signature["id"], version: 1, cms: "MIIB" });
  });

  it("prints an error's details, their types found by reflection", async () => {
    const stale = { document: "grpcurl-conflict", thread: "t1", cms: "v1" };
    ok(await grpcurl(port, ["-d", JSON.stringify(stale)], [`${service}/Save`]));
    ok(await grpcurl(port, ["-d", JSON.stringify({ ...stale, version: 1, cms: "v2" })], [`${service}/Save`]));
    const conflict = await grpcurl(port, ["-d", JSON.stringify({ ...stale, version: 1, cms: "v3" })], [`${service}/Save`]);
    expect(conflict.code).not.toBe(0);
    const output = conflict.stdout + conflict.stderr;
    expect(output).toContain("Code: Aborted");
    expect(output).toContain('"@type": "type.googleapis.com/google.rpc.ErrorInfo"');
    expect(output).toContain('"current_version": "2"');
  });
});
