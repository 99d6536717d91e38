import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface ServiceProcess {
  readonly baseUrl: string;
  /** Every log line the process printed on stdout so far, parsed. */
  readonly logs: Record<string, unknown>[];
  /** Every line the process printed so far, on stdout or stderr, as printed. */
  readonly lines: string[];
  /** Resolves with the exit code once the process ends, by itself or by stop(). */
  readonly exited: Promise<number | null>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts src/main.ts as `npm start` would (through tsx instead of a build), with
 * the given environment on top of this one, and waits until it listens.
 */
export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    // Stand-in payloads, as in the in-process tests.
    env: { ...process.env, PORT: "0", ACCEPT_UNRECOGNISED_PAYLOADS: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  createInterface({ input: child.stderr! }).on("line", (line) => {
    lines.push(line);
    process.stderr.write(`${line}\n`);
  });
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("service did not start in 90 s")), 90_000);
    void exited.then((code) => reject(new Error(`service exited with code ${code} before listening`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(line);
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // not a log line: kept in `lines` for tests that hunt for such output
      }
      logs.push(entry);
      if (typeof entry["address"] === "string") {
        clearTimeout(timer);
        resolve(entry["address"]);
      }
    });
  });
  return {
    baseUrl: `http://${address}`,
    logs,
    lines,
    exited,
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}
