/**
 * The elliptic curves y² = x³ + ax + b (mod p) of the GOST signatures NCA RK
 * issues, with subgroup order q and base point (x, y): CryptoPro-A
 * (RFC 4357 §11.4) for GOST 34.310-2004 and tc26 512 paramSetA (RFC 7836
 * §A.1) for GOST R 34.10-2015 512-bit keys. Kazakhstan names them by its own
 * parameter OIDs inside the key's AlgorithmIdentifier.
 */
export interface Curve {
  readonly name: string;
  readonly p: bigint;
  readonly a: bigint;
  readonly b: bigint;
  readonly q: bigint;
  readonly x: bigint;
  readonly y: bigint;
}

const cryptoProAPrime = 2n ** 256n - 617n;

export const cryptoProA: Curve = {
  name: "id-GostR3410-2001-CryptoPro-A-ParamSet",
  p: cryptoProAPrime,
  a: cryptoProAPrime - 3n,
  b: 0xa6n,
  q: 0xffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b893n,
  x: 1n,
  y: 0x8d91e471e0989cda27df505a453f2b7635294f2ddf23e3b122acc99c9e9f1e14n,
};

const tc26Gost512Prime = 2n ** 512n - 569n;

export const tc26Gost512A: Curve = {
  name: "id-tc26-gost-3410-12-512-paramSetA",
  p: tc26Gost512Prime,
  a: tc26Gost512Prime - 3n,
  b: 0xe8c2505dedfc86ddc1bd0b2b6667f1da34b82574761cb0e879bd081cfd0b6265ee3cb090f30d27614cb4574010da90dd862ef9d4ebee4761503190785a71c760n,
  q: 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff27e69532f48d89116ff22b8d4e0560609b4b38abfad2b85dcacdb1411f10b275n,
  x: 3n,
  y: 0x7503cfe87a836ae3a61b8816e25450e6ce5e1c93acf1abc1778064fdcbefa921df1626be4fd036e93d75e6a50e3a41e98028fe5fc235f5b889a589cb5215f2a4n,
};
