/**
 * The GOST 28147-89 block cipher, encryption only: GOST R 34.11-94 uses it as
 * the step of its compression function. A 64-bit block is two 32-bit halves
 * (N1 the low one), the 256-bit key eight 32-bit subkeys, the S-box eight rows
 * of sixteen nibbles (row 1 substitutes the lowest nibble).
 */

/** The eight rows folded pairwise into four byte tables, then rotated left by 11 bits: one lookup per byte. */
export type SubstitutionTables = readonly [Uint32Array, Uint32Array, Uint32Array, Uint32Array];

export function substitutionTables(rows: readonly (readonly number[])[]): SubstitutionTables {
  const tables = [0, 1, 2, 3].map((pair) => {
    const table = new Uint32Array(256);
    const low = rows[2 * pair] as readonly number[];
    const high = rows[2 * pair + 1] as readonly number[];
    for (let byte = 0; byte < 256; byte++) {
      const substituted = (((high[byte >>> 4] as number) << 4) | (low[byte & 15] as number)) << (8 * pair);
      table[byte] = ((substituted << 11) | (substituted >>> 21)) >>> 0;
    }
    return table;
  });
  return tables as unknown as SubstitutionTables;
}

function round(half: number, subkey: number, tables: SubstitutionTables): number {
  const sum = (half + subkey) >>> 0;
  return (
    (tables[0][sum & 255] as number) ^
    (tables[1][(sum >>> 8) & 255] as number) ^
    (tables[2][(sum >>> 16) & 255] as number) ^
    (tables[3][sum >>> 24] as number)
  );
}

/** Encrypts `block` (two 32-bit halves, low first) in place under `key` (eight subkeys, k1 first). */
export function encryptBlock(block: Uint32Array, key: Uint32Array, tables: SubstitutionTables): void {
  let n1 = block[0] as number;
  let n2 = block[1] as number;
  // Subkeys k1..k8 three times, then k8..k1 (GOST 28147-89 §2).
  for (let step = 0; step < 32; step++) {
    const subkey = key[step < 24 ? step & 7 : 7 - (step & 7)] as number;
    const next = (n2 ^ round(n1, subkey, tables)) >>> 0;
    n2 = n1;
    n1 = next;
  }
  // The last step does not swap the halves.
  block[0] = n2;
  block[1] = n1;
}
