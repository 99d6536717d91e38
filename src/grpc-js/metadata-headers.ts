import * as grpc from "@grpc/grpc-js";

/**
 * grpc-js Metadata seen through the Fetch Headers interface that Connect
 * handler contexts expose, without copying it: a call reads a header or two
 * and sets one, so copying every header into a Headers object and back (as
 * undici's Headers costs) was a visible share of an RPC on the gRPC port.
 * Binary (-bin) values are base64 text on the Headers side, as in Connect;
 * several values of one name read as one, joined by ", ", as in Headers.
 */
export class MetadataHeaders implements Headers {
  constructor(readonly metadata: grpc.Metadata = new grpc.Metadata()) {}

  get(name: string): string | null {
    const values = this.metadata.get(name);
    if (values.length === 0) return null;
    if (values.length === 1) return textOf(values[0]!);
    return values.map(textOf).join(", ");
  }

  has(name: string): boolean {
    return this.metadata.get(name).length > 0;
  }

  set(name: string, value: string): void {
    this.metadata.remove(name);
    this.append(name, value);
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    if (!key.endsWith("-bin")) {
      this.metadata.add(key, value.trim());
      return;
    }
    for (const part of value.split(",")) this.metadata.add(key, Buffer.from(part.trim(), "base64"));
  }

  delete(name: string): void {
    this.metadata.remove(name);
  }

  getSetCookie(): string[] {
    return this.metadata.get("set-cookie").map(textOf);
  }

  /** Whether nothing was set: then nothing needs sending. */
  isEmpty(): boolean {
    for (const _ in this.metadata.getMap()) return false;
    return true;
  }

  forEach(callback: (value: string, name: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  /** Names in sorted order, each once with its values joined, as Headers iterates. */
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.metadata.getMap()).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

function textOf(value: grpc.MetadataValue): string {
  return typeof value === "string" ? value : value.toString("base64");
}
