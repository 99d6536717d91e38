import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Where scripts/install-go-tools.sh puts the Go tools (gitignored). */
const goToolsBin = fileURLToPath(new URL("../../.tools/bin/", import.meta.url));

type GoTool = "grpcurl" | "grpc-health-probe";

export interface ToolRun {
  /** Exit code. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs one of the real Go clients. A missing binary fails the test with what
 * to do: these tests are never skipped.
 */
function runGoTool(tool: GoTool, args: readonly string[], timeoutMs = 30_000): Promise<ToolRun> {
  const binary = `${goToolsBin}${tool}`;
  if (!existsSync(binary)) {
    return Promise.reject(
      new Error(`${tool} is not installed in .tools/bin: run "bash scripts/install-go-tools.sh" (needs Go; a few minutes the first time)`),
    );
  }
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs grpcurl without TLS against 127.0.0.1:port; the last arguments come after the address. */
export function grpcurl(port: number, options: readonly string[], after: readonly string[] = []): Promise<ToolRun> {
  return runGoTool("grpcurl", ["-plaintext", "-max-time", "20", ...options, `127.0.0.1:${port}`, ...after]);
}

/** Runs grpc_health_probe against 127.0.0.1:port. */
export function healthProbe(port: number, options: readonly string[] = []): Promise<ToolRun> {
  return runGoTool("grpc-health-probe", [`-addr=127.0.0.1:${port}`, ...options]);
}
