import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface NcaTestSigner {
  /** PEM private key (RSA 2048). */
  readonly key: string;
  /** PEM certificate, issued by a throwaway CA named like NCA's RSA test CA. */
  readonly certificate: string;
}

export interface NcaTestSignerOptions {
  /** An openssl -subj string; UTF-8 (Cyrillic) values welcome, "+" joins a multi-valued RDN. */
  readonly subject: string;
  /** openssl keyUsage extension value; default "critical,digitalSignature,nonRepudiation" (an NCA signing key). */
  readonly keyUsage?: string;
  /** Extended Key Usage OIDs; default email protection + NCA "individual". */
  readonly extendedKeyUsages?: readonly string[];
}

/** An NCA-style signing certificate and key made by openssl: a CA, then a leaf with the given subject and extensions. */
export async function makeNcaTestSigner(options: NcaTestSignerOptions): Promise<NcaTestSigner> {
  const dir = await mkdtemp(path.join(tmpdir(), "nca-"));
  const file = (name: string) => path.join(dir, name);
  try {
    const rsa = ["-newkey", "rsa:2048", "-nodes"];
    await run("openssl", [
      "req",
      "-x509",
      ...rsa,
      "-utf8",
      "-keyout",
      file("ca.key"),
      "-out",
      file("ca.pem"),
      "-days",
      "2",
      "-subj",
      "/C=KZ/CN=ҰКО TEST (RSA)",
    ]);
    await run("openssl", [
      "req",
      ...rsa,
      "-utf8",
      "-multivalue-rdn",
      "-keyout",
      file("leaf.key"),
      "-out",
      file("leaf.csr"),
      "-subj",
      options.subject,
    ]);
    const extensions = [
      `keyUsage=${options.keyUsage ?? "critical,digitalSignature,nonRepudiation"}`,
      `extendedKeyUsage=${(options.extendedKeyUsages ?? ["1.3.6.1.5.5.7.3.4", "1.2.398.3.3.4.1.1"]).join(",")}`,
    ];
    await run("openssl", [
      "req",
      "-x509",
      "-in",
      file("leaf.csr"),
      "-CA",
      file("ca.pem"),
      "-CAkey",
      file("ca.key"),
      "-copy_extensions",
      "none",
      ...extensions.flatMap((extension) => ["-addext", extension]),
      "-days",
      "1",
      "-out",
      file("leaf.pem"),
    ]);
    return { key: await readFile(file("leaf.key"), "utf8"), certificate: await readFile(file("leaf.pem"), "utf8") };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
