import type { MessageKey, MessageParams } from "../messages/catalog.js";

/** A parameter of the wrong type: 400 naming it. */
export class RestParamError extends Error {
  override name = "RestParamError";
  constructor(
    readonly field: string,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(`${field}: ${key}`);
  }
}

const notScalar = Symbol("not a scalar");

/**
 * JSON.parse accepts an unpaired surrogate ("\ud800") that the database would
 * store as U+FFFD, so that two different keys would name one record. (The RPC
 * doors decode JSON with protobuf-es, which refuses such strings itself.)
 */
function wellFormed(name: string, value: string): string {
  if (/\p{Surrogate}/u.test(value)) throw new RestParamError(name, "invalidUnicode");
  return value;
}
const int32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/**
 * The parameters of one request, from the query string and the body (JSON
 * object or form), the body winning. Query values are strings; PHP-style
 * `tags[]=a` and `tags[0]=a` mean `tags`. Getters convert, or throw
 * RestParamError naming the parameter; unknown parameters are ignored.
 */
export class RestParams {
  private readonly values = new Map<string, unknown>();
  /** Names whose value came from a query string or form, where repetition is normal. */
  private readonly formNames = new Set<string>();

  /** Adds a query string or form body; repeated names collect into an array. */
  addForm(form: URLSearchParams): void {
    const collected = new Map<string, string[]>();
    for (const [rawName, value] of form) {
      const name = rawName.replace(/\[\d*\]$/, "");
      collected.set(name, [...(collected.get(name) ?? []), value]);
    }
    for (const [name, list] of collected) {
      this.values.set(name, list.length === 1 ? list[0] : list);
      this.formNames.add(name);
    }
  }

  /** Adds the members of a JSON object body. */
  addJson(body: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(body)) {
      this.values.set(name, value);
      this.formNames.delete(name);
    }
  }

  /**
   * A string parameter; undefined when absent or null. A JSON number or boolean
   * is refused rather than turned into text: `"cms": 5` is a client's mistake,
   * not a payload.
   */
  text(name: string): string | undefined {
    const value = this.scalar(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw new RestParamError(name, "notText");
    return wellFormed(name, value);
  }

  /**
   * Like text, but a JSON number is taken as its decimal text: for the fields
   * the documented API types as [int] that the service stores as text
   * (version_created_by, version_comment).
   */
  textOrNumber(name: string): string | undefined {
    const value = this.scalar(name);
    return typeof value === "number" && Number.isFinite(value) ? String(value) : this.text(name);
  }

  /** Like text, but an explicit JSON null is told apart from absence (null clears a field). */
  nullableText(name: string): string | null | undefined {
    return this.scalar(name) === null ? null : this.text(name);
  }

  /** An integer from a JSON number or a decimal string, within int32 unless max says otherwise. */
  integer(name: string, max = int32.max): number | undefined {
    const value = this.scalar(name);
    if (value === undefined || value === null || value === "") return undefined;
    const number = typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof number !== "number" || !Number.isSafeInteger(number)) throw new RestParamError(name, "notInteger");
    if (number < int32.min || number > max) {
      throw new RestParamError(name, "outOfRange", { min: int32.min, max });
    }
    return number;
  }

  /** true/false, 1/0, "true"/"false"/"1"/"0"; a bare `?count` is true. */
  boolean(name: string): boolean | undefined {
    const value = this.scalar(name);
    if (value === undefined || value === null) return undefined;
    if (value === true || value === 1 || value === "true" || value === "1" || value === "") return true;
    if (value === false || value === 0 || value === "false" || value === "0") return false;
    throw new RestParamError(name, "notBoolean");
  }

  /**
   * A list of strings: a JSON array, repeated query values, one value, or a
   * JSON array in one query value. An empty array (or a single empty query
   * value) is [], which the caller may read as "clear".
   */
  textList(name: string): string[] | undefined {
    let value = this.values.get(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string" && value.trimStart().startsWith("[")) {
      try {
        value = JSON.parse(value) as unknown;
      } catch {
        throw new RestParamError(name, "notTextList");
      }
    }
    if (value === "") return [];
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((item): item is string => typeof item === "string")) {
      throw new RestParamError(name, "notTextList");
    }
    return list.map((item) => wellFormed(name, item));
  }

  /** Whether the parameter was given at all. */
  has(name: string): boolean {
    return this.values.has(name);
  }

  /** A single value: for a repeated query parameter the last one counts, as in PHP. */
  private scalar(name: string): unknown {
    const value = this.values.get(name);
    if (Array.isArray(value) && this.formNames.has(name)) return value.at(-1);
    // A JSON array or object where one value belongs fails every type check, naming the parameter.
    return typeof value === "object" && value !== null ? notScalar : value;
  }
}
