import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

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
