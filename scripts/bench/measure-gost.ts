/**
 * Section 11 (issue 16): what the project's own GOST code costs in this
 * process — µs of CPU per verification of each GOST algorithm on NCA's real
 * test objects, next to RSA-2048 and ECDSA P-256 through Node's crypto over
 * the same bytes, and the hashes' throughput next to Node's SHA-256.
 */
import { createHash, generateKeyPairSync, sign, verify, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { readElement } from "../../src/signatures/ber-reader.js";
import { subjectPublicKeyInfoOf } from "../../src/signatures/certificate-facts.js";
import { verifyGostR3410 } from "../../src/signatures/gost/gost-r-34-10.js";
import { GostR341194Hash } from "../../src/signatures/gost/gost-r-34-11-94.js";
import { Streebog } from "../../src/signatures/gost/streebog.js";
import { checkSignedObject } from "../../src/signatures/signed-object.js";
import { rfc7091Examples } from "../../test/signatures/gost/rfc7091-examples.js";
import { repositoryRoot } from "./ghz.js";
import { median } from "./measure-targets.js";

/** Issue 16's targets: CPU ms per verification at most, and Streebog-512 MB/s at least. */
export const gostTargets = { gost2004Ms: 5, gost2015Ms: 15, streebogMBps: 20 } as const;

export interface VerificationCost {
  readonly label: string;
  readonly iterations: number;
  /** CPU µs (user + system of this process) and wall-clock µs per verification. */
  readonly cpuUs: number;
  readonly wallUs: number;
}

export interface HashRate {
  readonly label: string;
  /** MB (10^6 bytes) hashed per second of CPU: the median of ~100 ms batches. */
  readonly megabytesPerSecond: number;
}

export interface GostResults {
  readonly verifications: readonly VerificationCost[];
  readonly hashes: readonly HashRate[];
  /** Bytes of the signed part of the objects verified (the RSA and ECDSA rows sign the CEO certificate's). */
  readonly signedBytes: { readonly certificate: number; readonly crl: number };
}

/** Seconds each row is measured, after a quarter of that as warm-up. */
const rowSeconds = 1.5;

export async function measureGost(progress: (line: string) => void): Promise<GostResults> {
  const fixture = (name: string) => readFile(path.join(repositoryRoot(), "test/fixtures/nca", name));
  const ceo = new X509Certificate(await fixture("ceo_valid_sign_2004_gost.cer")).raw;
  const ca2004 = subjectPublicKeyInfoOf(new X509Certificate(await fixture("ca/nca_gost_test.crt")).raw);
  const ca2015 = subjectPublicKeyInfoOf(new X509Certificate(await fixture("ca/nca_gost2015_test.cer")).raw);
  const crl = await fixture("nca_gost2022_test.crl");
  const certificateTbs = signedPart(ceo);
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const ecdsa = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const rsaSignature = sign("sha256", certificateTbs, rsa.privateKey);
  const ecdsaSignature = sign("sha256", certificateTbs, ecdsa.privateKey);

  const cases: [string, () => boolean][] = [
    [
      "GOST 34.310-2004 (CryptoPro-A, GOST 34.311-95): NCA CEO certificate by its CA",
      () => checkSignedObject(ceo, ca2004)?.status === "valid",
    ],
    ["GOST R 34.10-2015 512-bit (tc26 paramSetA, Streebog-512): 2022 CA's CRL", () => checkSignedObject(crl, ca2015)?.status === "valid"],
    ["GOST R 34.10-2012 256-bit, RFC 7091 A.1 (its test curve, digest given; no NCA sample)", () => verifyRfc7091Example()],
    [
      "RSA-2048 + SHA-256, Node crypto, over the same certificate bytes",
      () => verify("sha256", certificateTbs, rsa.publicKey, rsaSignature),
    ],
    [
      "ECDSA P-256 + SHA-256, Node crypto, over the same certificate bytes",
      () => verify("sha256", certificateTbs, ecdsa.publicKey, ecdsaSignature),
    ],
  ];
  const verifications: VerificationCost[] = [];
  for (const [label, run] of cases) {
    if (!run()) throw new Error(`bench: "${label}" did not verify`);
    verifications.push(timeVerification(label, run));
    progress(`gost: ${label}`);
  }

  const data = Buffer.alloc(1 << 20, 0x5a);
  const hashes: HashRate[] = [
    hashRate("Streebog-512 (GOST R 34.11-2012)", () => new Streebog(512).update(data).digest()),
    hashRate("Streebog-256", () => new Streebog(256).update(data).digest()),
    hashRate("GOST R 34.11-94 / GOST 34.311-95 (D-TEST S-box)", () => new GostR341194Hash().update(data).digest()),
    hashRate("SHA-256, Node crypto (OpenSSL)", () => createHash("sha256").update(data).digest()),
  ].map((measure) => measure(data.length));
  progress("gost: hashes");
  return { verifications, hashes, signedBytes: { certificate: certificateTbs.length, crl: signedPart(crl).length } };
}

function timeVerification(label: string, run: () => boolean): VerificationCost {
  const warmUntil = performance.now() + (rowSeconds * 1000) / 4;
  while (performance.now() < warmUntil) run();
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  let iterations = 0;
  while (performance.now() - wallStart < rowSeconds * 1000) {
    run();
    iterations++;
  }
  const wallUs = ((performance.now() - wallStart) * 1000) / iterations;
  const cpu = process.cpuUsage(cpuStart);
  return { label, iterations, cpuUs: (cpu.user + cpu.system) / iterations, wallUs };
}

/** The median rate of batches of about 100 ms: one busy moment of a noisy machine moves a batch, not the figure. */
function hashRate(label: string, run: () => unknown): (bytes: number) => HashRate {
  return (bytes) => {
    run();
    const rates: number[] = [];
    const started = performance.now();
    while (performance.now() - started < rowSeconds * 1000) {
      const cpuStart = process.cpuUsage();
      const batchStart = performance.now();
      let rounds = 0;
      while (performance.now() - batchStart < 100) {
        run();
        rounds++;
      }
      const cpu = process.cpuUsage(cpuStart);
      rates.push((rounds * bytes) / (cpu.user + cpu.system));
    }
    return { label, megabytesPerSecond: median(rates) };
  };
}

/** The to-be-signed first element of an X.509 SIGNED{} structure. */
function signedPart(signed: Uint8Array): Uint8Array {
  const outer = readElement(signed, 0);
  const inner = readElement(signed, outer.contentStart);
  return signed.subarray(inner.start, inner.end);
}

/** RFC 7091 Appendix A.1, the 256-bit example. */
function verifyRfc7091Example(): boolean {
  const [{ curve, key, e, r, s }] = rfc7091Examples;
  return verifyGostR3410({ curve, ...key }, e, r, s);
}
