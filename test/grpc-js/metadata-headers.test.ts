import * as grpc from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { MetadataHeaders } from "../../src/grpc-js/metadata-headers.js";

describe("MetadataHeaders", () => {
  it("reads metadata as Headers does: any case, joined values, null when absent", () => {
    const metadata = new grpc.Metadata();
    metadata.add("x-one", "a");
    metadata.add("x-many", "b");
    metadata.add("x-many", "c");
    const headers = new MetadataHeaders(metadata);
    expect(headers.get("X-One")).toBe("a");
    expect(headers.get("x-many")).toBe("b, c");
    expect(headers.get("x-none")).toBeNull();
    expect(headers.has("x-ONE")).toBe(true);
    expect(headers.has("x-none")).toBe(false);
  });

  it("shows binary values as base64 and writes base64 back as bytes", () => {
    const metadata = new grpc.Metadata();
    metadata.add("x-data-bin", Buffer.from([1, 2, 3]));
    const headers = new MetadataHeaders(metadata);
    expect(headers.get("x-data-bin")).toBe("AQID");
    headers.set("x-out-bin", "BAU=, Bg==");
    expect(metadata.get("x-out-bin")).toEqual([Buffer.from([4, 5]), Buffer.from([6])]);
  });

  it("writes through to the metadata it views: set replaces, append adds, delete removes", () => {
    const headers = new MetadataHeaders();
    expect(headers.isEmpty()).toBe(true);
    headers.append("X-Id", "1");
    headers.append("x-id", "2");
    expect(headers.metadata.get("x-id")).toEqual(["1", "2"]);
    headers.set("x-id", "3");
    expect(headers.metadata.get("x-id")).toEqual(["3"]);
    expect(headers.isEmpty()).toBe(false);
    headers.delete("X-ID");
    expect(headers.isEmpty()).toBe(true);
  });

  it("iterates like Headers: sorted names, each once", () => {
    const headers = new MetadataHeaders();
    headers.append("x-b", "2");
    headers.append("x-a", "1");
    headers.append("x-b", "3");
    expect([...headers]).toEqual([
      ["x-a", "1"],
      ["x-b", "2, 3"],
    ]);
    expect([...headers.keys()]).toEqual(["x-a", "x-b"]);
    expect([...headers.values()]).toEqual(["1", "2, 3"]);
    const seen: string[] = [];
    headers.forEach((value, name) => {
      seen.push(`${name}=${value}`);
    });
    expect(seen).toEqual(["x-a=1", "x-b=2, 3"]);
    expect(new Headers(headers).get("x-b")).toBe("2, 3");
  });

  it("refuses what metadata cannot carry, with the name in the error", () => {
    expect(() => new MetadataHeaders().set("bad name", "x")).toThrow(/bad name/);
  });
});
