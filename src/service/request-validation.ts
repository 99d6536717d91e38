import { Buffer } from "node:buffer";
import type { FieldViolation } from "./service-errors.js";

/** Input limits; each is documented in the .proto comments and the README. */
export const limits = Object.freeze({
  keyChars: 255,
  createdByChars: 255,
  commentChars: 1024,
  stageChars: 255,
  tagChars: 255,
  tagsPerRecord: 100,
  defaultPageSize: 100,
  maxPageSize: 1000,
  maxOffset: 1_000_000,
  /** Parents a save follows to make sure a record does not become its own ancestor. */
  parentChainLength: 1000,
  /** Payload bytes a page of ListVersions holds at most (besides its first version). */
  versionPageBytes: 3 * 1024 * 1024,
});

/**
 * Collects the violations of one request, field by field, so that a client
 * learns about every bad field at once.
 */
export class Violations {
  readonly list: FieldViolation[] = [];

  requiredText(field: string, value: string, maxChars: number): void {
    if (value === "") {
      this.list.push({ field, key: "required" });
    } else {
      this.text(field, value, maxChars);
    }
  }

  text(field: string, value: string | undefined, maxChars: number): void {
    if (value !== undefined && value.length > maxChars) {
      this.list.push({ field, key: "tooLong", params: { max: maxChars } });
    }
  }

  payload(field: string, value: string, maxBytes: number): void {
    if (value === "") {
      this.list.push({ field, key: "required" });
    } else if (value.length > maxBytes || Buffer.byteLength(value, "utf8") > maxBytes) {
      this.list.push({ field, key: "payloadTooLarge", params: { max: maxBytes } });
    }
  }

  range(field: string, value: number | bigint, min: number, max: number): void {
    if (value < min || value > max) {
      this.list.push({ field, key: "outOfRange", params: { min, max } });
    }
  }

  /** Tags: bounded in number and length, no empty ones; returns them without duplicates, in order. */
  tags(field: string, tags: readonly string[]): string[] {
    if (tags.length > limits.tagsPerRecord) {
      this.list.push({ field, key: "tooManyItems", params: { max: limits.tagsPerRecord } });
    }
    if (tags.some((tag) => tag === "")) {
      this.list.push({ field, key: "emptyItem" });
    }
    if (tags.some((tag) => tag.length > limits.tagChars)) {
      this.list.push({ field, key: "tooLong", params: { max: limits.tagChars } });
    }
    return [...new Set(tags)];
  }

  /** An optional value that must have a given form (described in words for the message). */
  pattern(field: string, value: string | undefined, form: RegExp, described: string): void {
    if (value !== undefined && !form.test(value)) this.list.push({ field, key: "badFormat", params: { format: described } });
  }

  /** A page size: 0 means the default. */
  pageSize(field: string, limit: number): number {
    this.range(field, limit, 0, limits.maxPageSize);
    return limit === 0 ? limits.defaultPageSize : limit;
  }

  add(violation: FieldViolation): void {
    this.list.push(violation);
  }
}
