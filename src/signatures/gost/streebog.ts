/**
 * The Streebog hash, GOST R 34.11-2012 (RFC 6986), in its 512- and 256-bit
 * forms. The 512-bit state is eight 64-bit little-endian words, each kept as
 * two 32-bit halves (low first); the message and digest bytes are the RFC's
 * numbers least significant byte first, as every implementation writes them.
 */
import { iterationConstants, matrixA, pi } from "./streebog-constants.js";

const blockSize = 64;

/**
 * LPS folded into eight tables of 256 64-bit words (split into low and high
 * halves): S substitutes byte u of input word j by π(u), P moves it to byte j
 * of output word i, L multiplies each output word by A. Entry j·256 + u is
 * that byte's share of the output word, its low half at 2·(j·256 + u) and its
 * high half next to it.
 */
const table = (() => {
  const rows = matrixA.map((row) => BigInt(`0x${row}`));
  const words = new Int32Array(2 * 8 * 256);
  for (let position = 0; position < 8; position++) {
    for (let byte = 0; byte < 256; byte++) {
      let word = 0n;
      const substituted = pi[byte] as number;
      for (let bit = 0; bit < 8; bit++) {
        if ((substituted >>> bit) & 1) word ^= rows[63 - (8 * position + bit)] as bigint;
      }
      words[2 * (position * 256 + byte)] = Number(word & 0xffffffffn) | 0;
      words[2 * (position * 256 + byte) + 1] = Number(word >> 32n) | 0;
    }
  }
  return words;
})();

const constants = iterationConstants.map((hex) => wordsOf(Buffer.from(hex, "hex").reverse()));

function wordsOf(bytes: Uint8Array): Int32Array {
  const words = new Int32Array(16);
  for (let index = 0; index < 16; index++) {
    const offset = 4 * index;
    words[index] =
      (bytes[offset] as number) |
      ((bytes[offset + 1] as number) << 8) |
      ((bytes[offset + 2] as number) << 16) |
      ((bytes[offset + 3] as number) << 24);
  }
  return words;
}

/**
 * out = LPS(a ⊕ b). Output word i is the XOR of the table entries for byte i
 * of each input word j (table j, entry 2·byte, its high half at entry | 1):
 * bytes 0-3 sit in the low halves of the input words, 4-7 in the high ones.
 * Written out in full it is the hash's hot loop, which V8 runs about a third
 * faster than the same work in loops. Every input word is read before the
 * first output is written, as `out` may be `a`.
 */
// biome-ignore format: the unrolled terms read best aligned four to a line
function lps(a: Int32Array, b: Int32Array, out: Int32Array): void {
  const t = table;
  const x0 = a[0]! ^ b[0]!; const x1 = a[1]! ^ b[1]!; const x2 = a[2]! ^ b[2]!; const x3 = a[3]! ^ b[3]!;
  const x4 = a[4]! ^ b[4]!; const x5 = a[5]! ^ b[5]!; const x6 = a[6]! ^ b[6]!; const x7 = a[7]! ^ b[7]!;
  const x8 = a[8]! ^ b[8]!; const x9 = a[9]! ^ b[9]!; const x10 = a[10]! ^ b[10]!; const x11 = a[11]! ^ b[11]!;
  const x12 = a[12]! ^ b[12]!; const x13 = a[13]! ^ b[13]!; const x14 = a[14]! ^ b[14]!; const x15 = a[15]! ^ b[15]!;
  const low0 = t[((x0 << 1) & 510)]! ^ t[(512 + ((x2 << 1) & 510))]! ^ t[(1024 + ((x4 << 1) & 510))]! ^ t[(1536 + ((x6 << 1) & 510))]! ^
    t[(2048 + ((x8 << 1) & 510))]! ^ t[(2560 + ((x10 << 1) & 510))]! ^ t[(3072 + ((x12 << 1) & 510))]! ^ t[(3584 + ((x14 << 1) & 510))]!;
  const high0 = t[((x0 << 1) & 510) | 1]! ^ t[(512 + ((x2 << 1) & 510)) | 1]! ^ t[(1024 + ((x4 << 1) & 510)) | 1]! ^ t[(1536 + ((x6 << 1) & 510)) | 1]! ^
    t[(2048 + ((x8 << 1) & 510)) | 1]! ^ t[(2560 + ((x10 << 1) & 510)) | 1]! ^ t[(3072 + ((x12 << 1) & 510)) | 1]! ^ t[(3584 + ((x14 << 1) & 510)) | 1]!;
  const low1 = t[((x0 >>> 7) & 510)]! ^ t[(512 + ((x2 >>> 7) & 510))]! ^ t[(1024 + ((x4 >>> 7) & 510))]! ^ t[(1536 + ((x6 >>> 7) & 510))]! ^
    t[(2048 + ((x8 >>> 7) & 510))]! ^ t[(2560 + ((x10 >>> 7) & 510))]! ^ t[(3072 + ((x12 >>> 7) & 510))]! ^ t[(3584 + ((x14 >>> 7) & 510))]!;
  const high1 = t[((x0 >>> 7) & 510) | 1]! ^ t[(512 + ((x2 >>> 7) & 510)) | 1]! ^ t[(1024 + ((x4 >>> 7) & 510)) | 1]! ^ t[(1536 + ((x6 >>> 7) & 510)) | 1]! ^
    t[(2048 + ((x8 >>> 7) & 510)) | 1]! ^ t[(2560 + ((x10 >>> 7) & 510)) | 1]! ^ t[(3072 + ((x12 >>> 7) & 510)) | 1]! ^ t[(3584 + ((x14 >>> 7) & 510)) | 1]!;
  const low2 = t[((x0 >>> 15) & 510)]! ^ t[(512 + ((x2 >>> 15) & 510))]! ^ t[(1024 + ((x4 >>> 15) & 510))]! ^ t[(1536 + ((x6 >>> 15) & 510))]! ^
    t[(2048 + ((x8 >>> 15) & 510))]! ^ t[(2560 + ((x10 >>> 15) & 510))]! ^ t[(3072 + ((x12 >>> 15) & 510))]! ^ t[(3584 + ((x14 >>> 15) & 510))]!;
  const high2 = t[((x0 >>> 15) & 510) | 1]! ^ t[(512 + ((x2 >>> 15) & 510)) | 1]! ^ t[(1024 + ((x4 >>> 15) & 510)) | 1]! ^ t[(1536 + ((x6 >>> 15) & 510)) | 1]! ^
    t[(2048 + ((x8 >>> 15) & 510)) | 1]! ^ t[(2560 + ((x10 >>> 15) & 510)) | 1]! ^ t[(3072 + ((x12 >>> 15) & 510)) | 1]! ^ t[(3584 + ((x14 >>> 15) & 510)) | 1]!;
  const low3 = t[((x0 >>> 23) & 510)]! ^ t[(512 + ((x2 >>> 23) & 510))]! ^ t[(1024 + ((x4 >>> 23) & 510))]! ^ t[(1536 + ((x6 >>> 23) & 510))]! ^
    t[(2048 + ((x8 >>> 23) & 510))]! ^ t[(2560 + ((x10 >>> 23) & 510))]! ^ t[(3072 + ((x12 >>> 23) & 510))]! ^ t[(3584 + ((x14 >>> 23) & 510))]!;
  const high3 = t[((x0 >>> 23) & 510) | 1]! ^ t[(512 + ((x2 >>> 23) & 510)) | 1]! ^ t[(1024 + ((x4 >>> 23) & 510)) | 1]! ^ t[(1536 + ((x6 >>> 23) & 510)) | 1]! ^
    t[(2048 + ((x8 >>> 23) & 510)) | 1]! ^ t[(2560 + ((x10 >>> 23) & 510)) | 1]! ^ t[(3072 + ((x12 >>> 23) & 510)) | 1]! ^ t[(3584 + ((x14 >>> 23) & 510)) | 1]!;
  const low4 = t[((x1 << 1) & 510)]! ^ t[(512 + ((x3 << 1) & 510))]! ^ t[(1024 + ((x5 << 1) & 510))]! ^ t[(1536 + ((x7 << 1) & 510))]! ^
    t[(2048 + ((x9 << 1) & 510))]! ^ t[(2560 + ((x11 << 1) & 510))]! ^ t[(3072 + ((x13 << 1) & 510))]! ^ t[(3584 + ((x15 << 1) & 510))]!;
  const high4 = t[((x1 << 1) & 510) | 1]! ^ t[(512 + ((x3 << 1) & 510)) | 1]! ^ t[(1024 + ((x5 << 1) & 510)) | 1]! ^ t[(1536 + ((x7 << 1) & 510)) | 1]! ^
    t[(2048 + ((x9 << 1) & 510)) | 1]! ^ t[(2560 + ((x11 << 1) & 510)) | 1]! ^ t[(3072 + ((x13 << 1) & 510)) | 1]! ^ t[(3584 + ((x15 << 1) & 510)) | 1]!;
  const low5 = t[((x1 >>> 7) & 510)]! ^ t[(512 + ((x3 >>> 7) & 510))]! ^ t[(1024 + ((x5 >>> 7) & 510))]! ^ t[(1536 + ((x7 >>> 7) & 510))]! ^
    t[(2048 + ((x9 >>> 7) & 510))]! ^ t[(2560 + ((x11 >>> 7) & 510))]! ^ t[(3072 + ((x13 >>> 7) & 510))]! ^ t[(3584 + ((x15 >>> 7) & 510))]!;
  const high5 = t[((x1 >>> 7) & 510) | 1]! ^ t[(512 + ((x3 >>> 7) & 510)) | 1]! ^ t[(1024 + ((x5 >>> 7) & 510)) | 1]! ^ t[(1536 + ((x7 >>> 7) & 510)) | 1]! ^
    t[(2048 + ((x9 >>> 7) & 510)) | 1]! ^ t[(2560 + ((x11 >>> 7) & 510)) | 1]! ^ t[(3072 + ((x13 >>> 7) & 510)) | 1]! ^ t[(3584 + ((x15 >>> 7) & 510)) | 1]!;
  const low6 = t[((x1 >>> 15) & 510)]! ^ t[(512 + ((x3 >>> 15) & 510))]! ^ t[(1024 + ((x5 >>> 15) & 510))]! ^ t[(1536 + ((x7 >>> 15) & 510))]! ^
    t[(2048 + ((x9 >>> 15) & 510))]! ^ t[(2560 + ((x11 >>> 15) & 510))]! ^ t[(3072 + ((x13 >>> 15) & 510))]! ^ t[(3584 + ((x15 >>> 15) & 510))]!;
  const high6 = t[((x1 >>> 15) & 510) | 1]! ^ t[(512 + ((x3 >>> 15) & 510)) | 1]! ^ t[(1024 + ((x5 >>> 15) & 510)) | 1]! ^ t[(1536 + ((x7 >>> 15) & 510)) | 1]! ^
    t[(2048 + ((x9 >>> 15) & 510)) | 1]! ^ t[(2560 + ((x11 >>> 15) & 510)) | 1]! ^ t[(3072 + ((x13 >>> 15) & 510)) | 1]! ^ t[(3584 + ((x15 >>> 15) & 510)) | 1]!;
  const low7 = t[((x1 >>> 23) & 510)]! ^ t[(512 + ((x3 >>> 23) & 510))]! ^ t[(1024 + ((x5 >>> 23) & 510))]! ^ t[(1536 + ((x7 >>> 23) & 510))]! ^
    t[(2048 + ((x9 >>> 23) & 510))]! ^ t[(2560 + ((x11 >>> 23) & 510))]! ^ t[(3072 + ((x13 >>> 23) & 510))]! ^ t[(3584 + ((x15 >>> 23) & 510))]!;
  const high7 = t[((x1 >>> 23) & 510) | 1]! ^ t[(512 + ((x3 >>> 23) & 510)) | 1]! ^ t[(1024 + ((x5 >>> 23) & 510)) | 1]! ^ t[(1536 + ((x7 >>> 23) & 510)) | 1]! ^
    t[(2048 + ((x9 >>> 23) & 510)) | 1]! ^ t[(2560 + ((x11 >>> 23) & 510)) | 1]! ^ t[(3072 + ((x13 >>> 23) & 510)) | 1]! ^ t[(3584 + ((x15 >>> 23) & 510)) | 1]!;
  out[0] = low0; out[1] = high0; out[2] = low1; out[3] = high1; out[4] = low2; out[5] = high2; out[6] = low3; out[7] = high3;
  out[8] = low4; out[9] = high4; out[10] = low5; out[11] = high5; out[12] = low6; out[13] = high6; out[14] = low7; out[15] = high7;
}

/** a = (a + b) mod 2^512. */
function add(a: Int32Array, b: Int32Array): void {
  let carry = 0;
  for (let index = 0; index < 16; index++) {
    const sum = ((a[index] as number) >>> 0) + ((b[index] as number) >>> 0) + carry;
    a[index] = sum | 0;
    carry = sum > 0xffffffff ? 1 : 0;
  }
}

/** a = (a + value) mod 2^512, for a value below 2^31. */
function addSmall(a: Int32Array, value: number): void {
  for (let index = 0, carry = value; carry !== 0 && index < 16; index++) {
    const sum = ((a[index] as number) >>> 0) + carry;
    a[index] = sum | 0;
    carry = sum > 0xffffffff ? 1 : 0;
  }
}

export class Streebog {
  readonly #outputBytes: 32 | 64;
  readonly #h: Int32Array;
  readonly #n = new Int32Array(16);
  readonly #sum = new Int32Array(16);
  readonly #pending = new Uint8Array(blockSize);
  #pendingLength = 0;
  // Scratch space of the compression function, allocated once per hash.
  readonly #key = new Int32Array(16);
  readonly #state = new Int32Array(16);
  readonly #block = new Int32Array(16);

  /** 512 or 256 output bits; they differ in the initial vector and in which half is returned. */
  constructor(outputBits: 256 | 512) {
    this.#outputBytes = outputBits === 512 ? 64 : 32;
    this.#h = new Int32Array(16).fill(outputBits === 512 ? 0 : 0x01010101);
  }

  update(data: Uint8Array): this {
    let offset = 0;
    if (this.#pendingLength > 0) {
      offset = Math.min(blockSize - this.#pendingLength, data.length);
      this.#pending.set(data.subarray(0, offset), this.#pendingLength);
      this.#pendingLength += offset;
      if (this.#pendingLength < blockSize) return this;
      this.#absorb(this.#pending, 0, 512);
      this.#pendingLength = 0;
    }
    for (; offset + blockSize <= data.length; offset += blockSize) this.#absorb(data, offset, 512);
    this.#pending.set(data.subarray(offset), 0);
    this.#pendingLength = data.length - offset;
    return this;
  }

  digest(): Uint8Array {
    // RFC 6986 §8.3: the rest of the message, then a 1 bit, then zeros up to a block.
    const last = new Uint8Array(blockSize);
    last.set(this.#pending.subarray(0, this.#pendingLength));
    last[this.#pendingLength] = 1;
    this.#absorb(last, 0, this.#pendingLength * 8);
    const zero = new Int32Array(16);
    this.#compress(this.#n, zero);
    this.#compress(this.#sum, zero);
    const bytes = new Uint8Array(blockSize);
    for (let index = 0; index < 16; index++) {
      const word = this.#h[index] as number;
      bytes[4 * index] = word & 255;
      bytes[4 * index + 1] = (word >>> 8) & 255;
      bytes[4 * index + 2] = (word >>> 16) & 255;
      bytes[4 * index + 3] = word >>> 24;
    }
    return bytes.slice(blockSize - this.#outputBytes);
  }

  #absorb(bytes: Uint8Array, offset: number, bits: number): void {
    const block = this.#block;
    for (let index = 0; index < 16; index++) {
      const at = offset + 4 * index;
      block[index] =
        (bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16) | ((bytes[at + 3] as number) << 24);
    }
    this.#compress(block, this.#n);
    addSmall(this.#n, bits);
    add(this.#sum, block);
  }

  /** h = g_N(h, m) = E(LPS(h ⊕ N), m) ⊕ h ⊕ m (RFC 6986 §7); `m` is left unchanged. */
  #compress(m: Int32Array, n: Int32Array): void {
    const h = this.#h;
    const key = this.#key;
    const state = this.#state;
    lps(h, n, key);
    state.set(m);
    for (let round = 0; round < 12; round++) {
      lps(state, key, state);
      lps(key, constants[round] as Int32Array, key);
    }
    for (let index = 0; index < 16; index++) {
      h[index] = (h[index] as number) ^ (state[index] as number) ^ (key[index] as number) ^ (m[index] as number);
    }
  }
}
