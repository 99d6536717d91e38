/**
 * The Fetch Headers interface over a plain record of lower-case names, for
 * the calls the JSON/HTTP API makes in process: the middleware reads a header
 * or two and sets one, and undici's Headers (validation of every name and
 * value, a sorted copy on iteration) was a visible share of such a call.
 * Several values of one name are joined by ", ", as in Headers.
 */
export class RecordHeaders implements Headers {
  private readonly record: Record<string, string>;

  constructor(init: Readonly<Record<string, string>> = {}) {
    this.record = { ...init };
  }

  get(name: string): string | null {
    return this.record[name.toLowerCase()] ?? null;
  }

  has(name: string): boolean {
    return name.toLowerCase() in this.record;
  }

  set(name: string, value: string): void {
    this.record[name.toLowerCase()] = value.trim();
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const before = this.record[key];
    this.record[key] = before === undefined ? value.trim() : `${before}, ${value.trim()}`;
  }

  delete(name: string): void {
    delete this.record[name.toLowerCase()];
  }

  getSetCookie(): string[] {
    const value = this.record["set-cookie"];
    return value === undefined ? [] : [value];
  }

  forEach(callback: (value: string, name: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  /** Names in sorted order, as Headers iterates. */
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.record).sort()) yield [name, this.record[name]!];
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
