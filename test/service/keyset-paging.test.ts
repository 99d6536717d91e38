import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadRequestSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { expectRpcError } from "../helpers/expect-rpc-error.js";
import { type ProtocolName, protocols } from "../helpers/signature-clients.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
let other: TestServer;

beforeAll(async () => {
  server = await startTestServer({ PAGE_TOKEN_SECRET: "a secret shared by every instance, 32+ characters" });
  // Another deployment: its own secret.
  other = await startTestServer({ PAGE_TOKEN_SECRET: "another deployment's secret, 32+ characters long" });
});
afterAll(async () => {
  await server.close();
  await other.close();
});

describe.each(Object.keys(protocols) as ProtocolName[])("Keyset paging over %s", (protocol) => {
  const client = () => protocols[protocol](server);
  const document = `keyset ${protocol}`;

  beforeAll(async () => {
    for (let index = 0; index < 23; index++)
      await client().save({ document, thread: `t${index}`, cms: "MIIpage", tags: [index % 2 ? "odd" : "even"] });
  });

  it("pages List with next_page_token through the same records, in the same order, as offset paging", async () => {
    const byOffset = (await client().list({ document, limit: 100 })).signatures.map((record) => record.thread);
    expect(byOffset).toHaveLength(23);
    const byToken: string[] = [];
    let token = "";
    for (let pages = 0; pages < 10; pages++) {
      const page = await client().list({ document, limit: 5, pageToken: token });
      byToken.push(...page.signatures.map((record) => record.thread));
      token = page.nextPageToken;
      if (token === "") break;
    }
    expect(byToken).toEqual(byOffset);
    // The first page of offset paging hands out a token too.
    expect((await client().list({ document, limit: 5 })).nextPageToken).not.toBe("");
  });

  it("keeps a token to its query: other filters, an altered token, another deployment's or offset with a token are refused", async () => {
    const { nextPageToken } = await client().list({ document, tags: ["odd"], limit: 3 });
    // Tags are a set: the same filters in another order are the same query.
    expect((await client().list({ document, tags: ["odd"], limit: 3, pageToken: nextPageToken })).signatures).toHaveLength(3);
    const refused = async (request: Parameters<ReturnType<typeof client>["list"]>[0], field: string) => {
      const error = await expectRpcError(client().list(request), Code.InvalidArgument);
      expect(error.findDetails(BadRequestSchema)[0]?.fieldViolations.map((violation) => violation.field)).toEqual([field]);
    };
    await refused({ document, tags: ["even"], pageToken: nextPageToken }, "page_token");
    await refused({ document: "another document", tags: ["odd"], pageToken: nextPageToken }, "page_token");
    const altered = `${nextPageToken.slice(0, 5)}${nextPageToken[5] === "A" ? "B" : "A"}${nextPageToken.slice(6)}`;
    await refused({ document, tags: ["odd"], pageToken: altered }, "page_token");
    await refused({ document, tags: ["odd"], pageToken: "not a token" }, "page_token");
    await refused({ document, tags: ["odd"], offset: 3, pageToken: nextPageToken }, "offset");
    await expectRpcError(protocols[protocol](other).list({ document, tags: ["odd"], pageToken: nextPageToken }), Code.InvalidArgument);
  });

  it("pages ListVersions with next_page_token, and refuses another record's token", async () => {
    const key = { document, thread: "history" };
    await client().save({ ...key, cms: "MIIv1" });
    for (let version = 1; version < 12; version++) await client().save({ ...key, version, cms: `MIIv${version + 1}` });
    const seen: number[] = [];
    let token = "";
    for (let pages = 0; pages < 10; pages++) {
      const page = await client().listVersions({ ...key, limit: 5, pageToken: token, includeCms: true });
      seen.push(...page.versions.map((version) => version.version));
      token = page.nextPageToken;
      if (token === "") break;
    }
    expect(seen).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    const { nextPageToken } = await client().listVersions({ ...key, limit: 5 });
    await expectRpcError(client().listVersions({ document, thread: "t1", pageToken: nextPageToken }), Code.InvalidArgument);
  });
});
