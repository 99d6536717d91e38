/**
 * Verification of GOST R 34.10 signatures (RFC 7091 §6.2, the 2001 and 2012
 * forms being the same algorithm) with bigint arithmetic. Points are kept in
 * Jacobian coordinates (x = X/Z², y = Y/Z³) so no step divides; the base
 * point and the signer's key are multiplied together (Shamir's trick), and the
 * result's x is compared with r without leaving those coordinates.
 * Verification only: no secret value passes through this module.
 */
import type { Curve } from "./gost-curves.js";

export interface PublicKey {
  readonly curve: Curve;
  readonly x: bigint;
  readonly y: bigint;
}

interface Jacobian {
  readonly x: bigint;
  readonly y: bigint;
  readonly z: bigint;
}

/** Whether (r, s) signs the digest `alpha` (the hash read as a number) under `key`. */
export function verifyGostR3410(key: PublicKey, alpha: bigint, r: bigint, s: bigint): boolean {
  const { curve } = key;
  const { q } = curve;
  if (r <= 0n || r >= q || s <= 0n || s >= q) return false;
  const field = fieldOf(curve);
  if (!isOnCurve(field, key.x, key.y)) return false;
  let e = alpha % q;
  if (e === 0n) e = 1n;
  const v = inverse(e, q);
  const z1 = (s * v) % q;
  const z2 = q - ((r * v) % q);
  const point = multiplyTwo(field, z1, { x: curve.x, y: curve.y }, z2, key);
  if (point.z === 0n) return false;
  // x_C = X / Z² (mod p), and R = x_C mod q must equal r: x_C is r or, when r + q < p, r + q.
  const { p, reduce } = field;
  const zz = reduce(point.z * point.z);
  for (let candidate = r; candidate < p; candidate += q) {
    if (reduce(candidate * zz) === point.x) return true;
  }
  return false;
}

/** A curve's field arithmetic: `reduce` takes any non-negative value below 16·p² to [0, p). */
interface Field {
  readonly curve: Curve;
  readonly p: bigint;
  readonly reduce: (value: bigint) => bigint;
}

const fields = new WeakMap<Curve, Field>();

/**
 * Both NCA curves have p = 2^n − c for a small c, where 2^n ≡ c (mod p) lets
 * two shift-and-add folds replace the division bigint `%` does (about twice
 * as fast at 512 bits); other primes (the RFC examples') use `%`.
 */
function fieldOf(curve: Curve): Field {
  let field = fields.get(curve);
  if (field !== undefined) return field;
  const { p } = curve;
  const bits = BigInt(p.toString(2).length);
  const c = (1n << bits) - p;
  let reduce = (value: bigint) => value % p;
  if (c < 1n << 32n) {
    const mask = (1n << bits) - 1n;
    reduce = (value: bigint) => {
      let folded = (value & mask) + c * (value >> bits);
      folded = (folded & mask) + c * (folded >> bits);
      return folded >= p ? folded - p : folded;
    };
  }
  field = { curve, p, reduce };
  fields.set(curve, field);
  return field;
}

function isOnCurve({ curve, p, reduce }: Field, x: bigint, y: bigint): boolean {
  if (x < 0n || x >= p || y < 0n || y >= p) return false;
  return reduce(y * y) === reduce(reduce(x * x + curve.a) * x + curve.b);
}

/** The inverse of `value` modulo the prime `modulus`, by the extended Euclidean algorithm. */
function inverse(value: bigint, modulus: bigint): bigint {
  let [low, high] = [value % modulus, modulus];
  let [lowCoefficient, highCoefficient] = [1n, 0n];
  while (low > 1n) {
    const ratio = high / low;
    [low, high] = [high - ratio * low, low];
    [lowCoefficient, highCoefficient] = [highCoefficient - ratio * lowCoefficient, lowCoefficient];
  }
  return ((lowCoefficient % modulus) + modulus) % modulus;
}

/** k1·P1 + k2·P2 for affine P1, P2: one doubling per bit, one addition where either scalar has a 1. */
function multiplyTwo(field: Field, k1: bigint, p1: Affine, k2: bigint, p2: Affine): Jacobian {
  const sum = toAffine(field, add(field, { x: p1.x, y: p1.y, z: 1n }, p2));
  const addends = [undefined, p1, p2, sum ?? undefined];
  const bits = Math.max(k1.toString(2).length, k2.toString(2).length);
  const digits1 = k1.toString(2).padStart(bits, "0");
  const digits2 = k2.toString(2).padStart(bits, "0");
  let result: Jacobian = { x: 0n, y: 1n, z: 0n };
  for (let index = 0; index < bits; index++) {
    result = double(field, result);
    const addend = addends[(digits1.charCodeAt(index) - 48) | ((digits2.charCodeAt(index) - 48) << 1)];
    if (addend !== undefined) result = add(field, result, addend);
  }
  return result;
}

interface Affine {
  readonly x: bigint;
  readonly y: bigint;
}

/** The affine form of a point, or undefined for the point at infinity. */
function toAffine({ p, reduce }: Field, point: Jacobian): Affine | undefined {
  if (point.z === 0n) return undefined;
  const zInverse = inverse(point.z, p);
  const zz = reduce(zInverse * zInverse);
  return { x: reduce(point.x * zz), y: reduce(reduce(point.y * zz) * zInverse) };
}

/** 2·point ("dbl-2007-bl" of the Explicit-Formulas Database, for any a). */
function double({ curve, p, reduce }: Field, point: Jacobian): Jacobian {
  if (point.z === 0n) return point;
  const xx = reduce(point.x * point.x);
  const yy = reduce(point.y * point.y);
  const yyyy = reduce(yy * yy);
  const zz = reduce(point.z * point.z);
  const s = reduce(4n * point.x * yy);
  const m = reduce(3n * xx + curve.a * reduce(zz * zz));
  const x = reduce(m * m + 2n * (p - s));
  return { x, y: reduce(m * (s - x + p) + 8n * (p - yyyy)), z: reduce(2n * point.y * point.z) };
}

/** point + an affine point ("madd-2007-bl"); doubles when the two are equal. */
function add(field: Field, point: Jacobian, other: Affine): Jacobian {
  if (point.z === 0n) return { x: other.x, y: other.y, z: 1n };
  const { p, reduce } = field;
  const z1z1 = reduce(point.z * point.z);
  const u2 = reduce(other.x * z1z1);
  const s2 = reduce(reduce(other.y * point.z) * z1z1);
  const h = reduce(u2 - point.x + p);
  const r = reduce(s2 - point.y + p);
  if (h === 0n) return r === 0n ? double(field, point) : { x: 0n, y: 1n, z: 0n };
  const hh = reduce(h * h);
  const hhh = reduce(h * hh);
  const v = reduce(point.x * hh);
  const x = reduce(r * r + (p - hhh) + 2n * (p - v));
  return { x, y: reduce(r * (v - x + p) + p * p - point.y * hhh), z: reduce(point.z * h) };
}
