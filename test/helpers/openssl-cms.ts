import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The extensions of a test certificate authority's certificate. */
export const caExtensions = ["basicConstraints=critical,CA:true", "keyUsage=critical,keyCertSign,cRLSign"];

/** A real base64 CMS SignedData over `content`, made by `openssl cms` with a throwaway self-signed key. */
export async function signWithOpenssl(content: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "cms-"));
  try {
    const [key, cert, data, out] = ["key.pem", "cert.pem", "data.txt", "signed.der"].map((f) => path.join(dir, f)) as [
      string,
      string,
      string,
      string,
    ];
    await run("openssl", [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=signature-store test",
    ]);
    await writeFile(data, content);
    await run("openssl", [
      "cms",
      "-sign",
      "-binary",
      "-in",
      data,
      "-signer",
      cert,
      "-inkey",
      key,
      "-outform",
      "DER",
      "-out",
      out,
      "-nodetach",
    ]);
    return (await readFile(out)).toString("base64");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A certificate and its private key, as PEM files in an OpensslWorkspace. */
export interface OpensslSigner {
  readonly certificateFile: string;
  readonly keyFile: string;
}

interface CertificateOptions {
  /** "rsa" (2048 bit) or "ec" (P-256). */
  readonly key: "rsa" | "ec";
  /** An openssl -subj string, UTF-8 allowed ("/CN=ТЕСТОВ ТЕСТ/serialNumber=IIN123456789011"). */
  readonly subject: string;
  /** Lines of an openssl extension file (keyUsage, extendedKeyUsage, …); none when omitted. */
  readonly extensions?: readonly string[];
  /** The issuing CA; self-signed when omitted. */
  readonly issuer?: OpensslSigner;
  /** Days of validity from now; 30 when omitted. */
  readonly days?: number;
}

/** A temporary directory in which openssl makes certificates and CMS signatures for a test file. */
export interface OpensslWorkspace {
  makeCertificate(name: string, options: CertificateOptions): Promise<OpensslSigner>;
  /** `openssl cms -sign` over `content` by every signer, with extra flags (`-nodetach`, `-stream`, `-noattr`, …); DER (or BER) bytes. */
  signCms(content: string | Uint8Array, signers: readonly OpensslSigner[], flags: readonly string[]): Promise<Buffer>;
  /** Runs openssl with these arguments plus `-out <a workspace file>` and returns the bytes it wrote there. */
  opensslOutput(args: readonly string[]): Promise<Buffer>;
  remove(): Promise<void>;
}

export async function createOpensslWorkspace(): Promise<OpensslWorkspace> {
  const dir = await mkdtemp(path.join(tmpdir(), "cms-inspection-"));
  const file = (name: string) => path.join(dir, name);
  let counter = 0;
  const opensslOutput = async (args: readonly string[]) => {
    const output = file(`output-${counter++}`);
    await run("openssl", [...args, "-out", output]);
    return readFile(output);
  };
  return {
    async makeCertificate(name, options) {
      const keyArgs = options.key === "rsa" ? ["-newkey", "rsa:2048"] : ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];
      const keyFile = file(`${name}.key`);
      const certificateFile = file(`${name}.pem`);
      const extensionsFile = file(`${name}.ext`);
      await writeFile(extensionsFile, `${(options.extensions ?? []).join("\n")}\n`);
      const days = String(options.days ?? 30);
      if (options.issuer === undefined) {
        await run("openssl", [
          "req",
          "-x509",
          ...keyArgs,
          "-nodes",
          "-utf8",
          "-keyout",
          keyFile,
          "-out",
          certificateFile,
          "-days",
          days,
          "-subj",
          options.subject,
          "-extensions",
          "v3",
          "-config",
          await configWithExtensions(dir, name, options.extensions ?? []),
        ]);
      } else {
        await run("openssl", [
          "req",
          ...keyArgs,
          "-nodes",
          "-utf8",
          "-keyout",
          keyFile,
          "-out",
          file(`${name}.csr`),
          "-subj",
          options.subject,
        ]);
        await run("openssl", [
          "x509",
          "-req",
          "-in",
          file(`${name}.csr`),
          "-CA",
          options.issuer.certificateFile,
          "-CAkey",
          options.issuer.keyFile,
          "-CAcreateserial",
          "-out",
          certificateFile,
          "-days",
          days,
          "-extfile",
          extensionsFile,
        ]);
      }
      return { certificateFile, keyFile };
    },
    async signCms(content, signers, flags) {
      const input = file(`content-${counter++}`);
      await writeFile(input, content);
      const signerArgs = signers.flatMap((signer) => ["-signer", signer.certificateFile, "-inkey", signer.keyFile]);
      return opensslOutput(["cms", "-sign", "-binary", "-in", input, ...signerArgs, "-outform", "DER", ...flags]);
    },
    opensslOutput,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

async function configWithExtensions(dir: string, name: string, extensions: readonly string[]): Promise<string> {
  const config = path.join(dir, `${name}.cnf`);
  await writeFile(config, `[req]\ndistinguished_name=dn\n[dn]\n[v3]\n${extensions.join("\n")}\n`);
  return config;
}
