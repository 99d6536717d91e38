/**
 * Opaque, tamper-evident page tokens for keyset paging (List, ListVersions):
 * where the previous page ended, bound to the query it belongs to, under an
 * HMAC-SHA-256 with the service's page token secret. A token from another
 * query, another secret (another deployment), or with any byte changed is
 * refused, never followed.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Where a List page ended: the last record's creation time and id (the sort order, newest first). */
export interface ListPosition {
  readonly createdAt: Date;
  readonly id: number;
}

export interface PageTokens {
  forList(query: unknown, position: ListPosition): string;
  /** The position a List token holds, or undefined when it is not a token of this query. */
  readList(query: unknown, token: string): ListPosition | undefined;
  forVersions(record: unknown, lastVersion: number): string;
  readVersions(record: unknown, token: string): number | undefined;
}

/** Tokens under `secret` (PAGE_TOKEN_SECRET), or under a random one that lives as long as the process. */
export function createPageTokens(secret: string | undefined): PageTokens {
  const key = secret === undefined ? randomBytes(32) : createHash("sha256").update(secret, "utf8").digest();
  const seal = (body: string) => createHmac("sha256", key).update(body, "utf8").digest().subarray(0, 16);
  const queryId = (kind: string, query: unknown) =>
    createHash("sha256")
      .update(`${kind}\n${JSON.stringify(query)}`)
      .digest("base64url")
      .slice(0, 16);

  const write = (kind: string, query: unknown, position: readonly number[]) => {
    const body = JSON.stringify([kind, queryId(kind, query), ...position]);
    return `${Buffer.from(body, "utf8").toString("base64url")}.${seal(body).toString("base64url")}`;
  };
  const read = (kind: string, query: unknown, token: string, length: number): number[] | undefined => {
    const [encodedBody, encodedMac, extra] = token.split(".");
    if (encodedBody === undefined || encodedMac === undefined || extra !== undefined) return undefined;
    const body = Buffer.from(encodedBody, "base64url").toString("utf8");
    const mac = Buffer.from(encodedMac, "base64url");
    const expected = seal(body);
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return undefined;
    const fields = JSON.parse(body) as unknown[];
    if (fields[0] !== kind || fields[1] !== queryId(kind, query) || fields.length !== 2 + length) return undefined;
    const numbers = fields.slice(2);
    return numbers.every((value) => Number.isSafeInteger(value)) ? (numbers as number[]) : undefined;
  };

  return {
    forList: (query, position) => write("list", query, [position.createdAt.getTime(), position.id]),
    readList(query, token) {
      const position = read("list", query, token, 2);
      return position === undefined ? undefined : { createdAt: new Date(position[0] as number), id: position[1] as number };
    },
    forVersions: (record, lastVersion) => write("versions", record, [lastVersion]),
    readVersions: (record, token) => read("versions", record, token, 1)?.[0],
  };
}
