/**
 * The GOST R 34.11-94 hash (RFC 5831), which Kazakhstan standardised as
 * GOST 34.311-95, with the S-box of the standard's test parameters: the one
 * NCA RK's GOST 34.310-2004 signatures use ("D-TEST" in Bouncy Castle).
 * Bytes are little-endian numbers throughout, as RFC 5831 §7 prints them
 * reversed; the digest is H's 32 bytes, least significant first.
 */
import { encryptBlock, type SubstitutionTables, substitutionTables } from "./gost-28147-89.js";

/** RFC 5831 §7.3.1, K1 (lowest nibble) to K8. */
const testParameterSbox = [
  [4, 10, 9, 2, 13, 8, 0, 14, 6, 11, 1, 12, 7, 15, 5, 3],
  [14, 11, 4, 12, 6, 13, 15, 10, 2, 3, 8, 1, 0, 7, 5, 9],
  [5, 8, 1, 13, 10, 3, 4, 2, 14, 15, 12, 7, 6, 0, 9, 11],
  [7, 13, 10, 1, 0, 8, 9, 15, 14, 4, 6, 12, 11, 2, 5, 3],
  [6, 12, 7, 1, 5, 15, 13, 8, 4, 10, 9, 14, 0, 3, 11, 2],
  [4, 11, 10, 0, 7, 2, 1, 13, 3, 6, 8, 5, 9, 12, 15, 14],
  [13, 11, 4, 1, 3, 15, 5, 9, 0, 10, 14, 7, 6, 8, 2, 12],
  [1, 15, 13, 0, 5, 7, 10, 4, 9, 2, 3, 14, 6, 11, 8, 12],
];
const tables: SubstitutionTables = substitutionTables(testParameterSbox);

/** C3 of the key generation (RFC 5831 §6.1), least significant byte first; C2 and C4 are zero. */
const c3 = Uint8Array.from(Buffer.from("ff00ffff000000ffff0000ff00ffff0000ff00ff00ff00ffff00ff00ff00ff00", "hex").reverse());

const blockSize = 32;

export class GostR341194Hash {
  readonly #h = new Uint8Array(blockSize);
  readonly #sum = new Uint8Array(blockSize);
  readonly #pending = new Uint8Array(blockSize);
  #pendingLength = 0;
  #bitLength = 0n;

  update(data: Uint8Array): this {
    let offset = 0;
    if (this.#pendingLength > 0) {
      const taken = Math.min(blockSize - this.#pendingLength, data.length);
      this.#pending.set(data.subarray(0, taken), this.#pendingLength);
      this.#pendingLength += taken;
      offset = taken;
      if (this.#pendingLength < blockSize) return this;
      this.#absorb(this.#pending, 256);
      this.#pendingLength = 0;
    }
    for (; offset + blockSize <= data.length; offset += blockSize) {
      this.#absorb(data.subarray(offset, offset + blockSize), 256);
    }
    this.#pending.set(data.subarray(offset), 0);
    this.#pendingLength = data.length - offset;
    return this;
  }

  digest(): Uint8Array {
    // RFC 5831 §7 stage 3: the last block is padded with zero bytes at its top; an empty message hashes one zero block.
    if (this.#pendingLength > 0 || this.#bitLength === 0n) {
      const last = new Uint8Array(blockSize);
      last.set(this.#pending.subarray(0, this.#pendingLength));
      this.#absorb(last, this.#pendingLength * 8);
    }
    compress(this.#h, littleEndian(this.#bitLength));
    compress(this.#h, this.#sum);
    return this.#h.slice();
  }

  #absorb(block: Uint8Array, bits: number): void {
    compress(this.#h, block);
    let carry = 0;
    for (let index = 0; index < blockSize; index++) {
      carry += (this.#sum[index] as number) + (block[index] as number);
      this.#sum[index] = carry & 255;
      carry >>>= 8;
    }
    this.#bitLength += BigInt(bits);
  }
}

function littleEndian(value: bigint): Uint8Array {
  const bytes = new Uint8Array(blockSize);
  for (let index = 0; index < blockSize && value > 0n; index++, value >>= 8n) bytes[index] = Number(value & 255n);
  return bytes;
}

// Scratch space of the step function, shared: it runs synchronously and never re-enters.
const scratchS = new Uint8Array(blockSize);
const scratchU = new Uint8Array(blockSize);
const scratchV = new Uint8Array(blockSize);
const scratchKey = new Uint32Array(8);
const scratchBlock = new Uint32Array(2);
/** ψ's 16-bit words in a sliding window: each application appends one word, 12 + 1 + 61 in all. */
const ring = new Uint16Array(16 + 74);

/** The step function f(H, M) of RFC 5831 §6: key generation, encryption of H's four 64-bit parts, the shuffle ψ. */
function compress(h: Uint8Array, m: Uint8Array): void {
  const s = scratchS;
  const u = scratchU;
  const v = scratchV;
  u.set(h);
  v.set(m);
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      transformA(u);
      if (part === 2) for (let index = 0; index < blockSize; index++) u[index] = (u[index] as number) ^ (c3[index] as number);
      transformA(v);
      transformA(v);
    }
    permuteP(u, v, scratchKey);
    scratchBlock[0] = readWord(h, 8 * part);
    scratchBlock[1] = readWord(h, 8 * part + 4);
    encryptBlock(scratchBlock, scratchKey, tables);
    writeWord(s, 8 * part, scratchBlock[0] as number);
    writeWord(s, 8 * part + 4, scratchBlock[1] as number);
  }
  // H' = ψ^61(H ⊕ ψ(M ⊕ ψ^12(S)))
  for (let index = 0; index < 16; index++) ring[index] = (s[2 * index] as number) | ((s[2 * index + 1] as number) << 8);
  let at = shuffle(0, 12);
  xorWords(at, m);
  at = shuffle(at, 1);
  xorWords(at, h);
  at = shuffle(at, 61);
  for (let index = 0; index < 16; index++) {
    const word = ring[at + index] as number;
    h[2 * index] = word & 255;
    h[2 * index + 1] = word >>> 8;
  }
}

/** A(y4‖y3‖y2‖y1) = (y1 ⊕ y2)‖y4‖y3‖y2, over 64-bit parts. */
function transformA(y: Uint8Array): void {
  for (let index = 0; index < 8; index++) {
    const y1 = y[index] as number;
    const y2 = y[8 + index] as number;
    y[index] = y2;
    y[8 + index] = y[16 + index] as number;
    y[16 + index] = y[24 + index] as number;
    y[24 + index] = y1 ^ y2;
  }
}

/** K = P(U ⊕ V): byte φ(i + 1 + 4(k − 1)) = 8i + k of the key comes from byte i + 1 + 4(k − 1) (1-based). */
function permuteP(u: Uint8Array, v: Uint8Array, key: Uint32Array): void {
  // Key byte i + 4k (of subkey k, at bit 8i) is byte 8i + k of U ⊕ V.
  for (let k = 0; k < 8; k++) {
    key[k] =
      (((u[k] as number) ^ (v[k] as number)) |
        (((u[8 + k] as number) ^ (v[8 + k] as number)) << 8) |
        (((u[16 + k] as number) ^ (v[16 + k] as number)) << 16) |
        (((u[24 + k] as number) ^ (v[24 + k] as number)) << 24)) >>>
      0;
  }
}

/**
 * ψ applied `times` times to the window of `ring` starting at `at`, which
 * then starts `times` words later: y16‖…‖y1 → (y1 ⊕ y2 ⊕ y3 ⊕ y4 ⊕ y13 ⊕ y16)‖y16‖…‖y2.
 */
function shuffle(at: number, times: number): number {
  for (const end = at + times; at < end; at++) {
    ring[at + 16] =
      (ring[at] as number) ^
      (ring[at + 1] as number) ^
      (ring[at + 2] as number) ^
      (ring[at + 3] as number) ^
      (ring[at + 12] as number) ^
      (ring[at + 15] as number);
  }
  return at;
}

function xorWords(at: number, bytes: Uint8Array): void {
  for (let index = 0; index < 16; index++) {
    ring[at + index] = (ring[at + index] as number) ^ ((bytes[2 * index] as number) | ((bytes[2 * index + 1] as number) << 8));
  }
}

function readWord(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] as number) |
      ((bytes[offset + 1] as number) << 8) |
      ((bytes[offset + 2] as number) << 16) |
      ((bytes[offset + 3] as number) << 24)) >>>
    0
  );
}

function writeWord(bytes: Uint8Array, offset: number, word: number): void {
  bytes[offset] = word & 255;
  bytes[offset + 1] = (word >>> 8) & 255;
  bytes[offset + 2] = (word >>> 16) & 255;
  bytes[offset + 3] = word >>> 24;
}
