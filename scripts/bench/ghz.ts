/**
 * ghz (a Go gRPC load generator) as a second opinion on our own load
 * generator: it finds the methods by server reflection, so it needs no .proto
 * files. Pinned in scripts/install-go-tools.sh, installed into .tools/bin.
 */
import { execFile, spawn } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** A usable ghz binary. */
export interface Ghz {
  readonly binary: string;
  /** The module version the Go toolchain recorded in the binary, or "version unknown". */
  readonly version: string;
}

/** What one ghz run reported (from its JSON output). */
export interface GhzReport {
  /** Calls made, successful or not. */
  readonly count: number;
  /** ghz's own calls per second: count ÷ its total time. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Calls that did not end with OK. */
  readonly errors: number;
  /** Status code → calls, e.g. "Aborted=3 OK=2950": the failures first. */
  readonly statuses: string;
  /** The most frequent error message, when any call failed. */
  readonly topError: string | undefined;
}

export interface GhzRun {
  readonly ghz: Ghz;
  readonly port: number;
  /** Fully qualified, e.g. "ncanode.signatures.v1.SignatureService/Get". */
  readonly call: string;
  /** The request as JSON, with ghz's template actions ({{.RequestNumber}}, {{randomInt a b}}). */
  readonly data: string;
  readonly concurrency: number;
  readonly seconds: number;
}

const installTimeoutMs = 10 * 60_000;
/** Beyond its duration, what a ghz run may take (reflection, connecting, waiting for calls in flight). */
const runSlackMs = 60_000;

/** The repository root: the nearest folder above this file with a package.json (works from dist/ and from sources). */
export function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("no package.json above the bench");
    dir = parent;
  }
  return dir;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * .tools/bin/ghz, installed by scripts/install-go-tools.sh when missing (needs
 * Go and the Go module proxy; a minute or so the first time). Resolves with
 * the reason when there is no ghz to be had: the bench goes on without it.
 */
export async function findOrInstallGhz(progress: (line: string) => void): Promise<Ghz | { readonly missing: string }> {
  const root = repositoryRoot();
  const binary = path.join(root, ".tools", "bin", "ghz");
  if (!isExecutable(binary)) {
    const installer = path.join(root, "scripts", "install-go-tools.sh");
    if (!existsSync(installer)) return { missing: `${binary} is missing and there is no scripts/install-go-tools.sh to install it` };
    progress("ghz is not in .tools/bin: installing it with scripts/install-go-tools.sh ghz");
    const failure = await runInstaller(installer, root);
    if (failure !== undefined || !isExecutable(binary)) {
      return { missing: `ghz is not installed and could not be installed (${failure ?? `${binary} still missing`})` };
    }
  }
  return { binary, version: await moduleVersion(binary) };
}

/** Runs the installer with its output on our stderr (stdout is the report's); resolves with a failure or undefined. */
function runInstaller(installer: string, cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn("bash", [installer, "ghz"], { cwd, stdio: ["ignore", process.stderr, process.stderr] });
    const kill = (): void => void child.kill("SIGKILL");
    process.once("exit", kill);
    const timer = setTimeout(kill, installTimeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      process.off("exit", kill);
      resolve(error.message);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      process.off("exit", kill);
      resolve(code === 0 ? undefined : `install-go-tools.sh ended with ${signal ?? `exit code ${code}`}`);
    });
  });
}

/** `go version -m` tells which module version a Go binary was built from (a plain `go install` build calls itself "dev"). */
function moduleVersion(binary: string): Promise<string> {
  return new Promise((resolve) => {
    execFile("go", ["version", "-m", binary], { timeout: 10_000 }, (error, stdout) => {
      const line = error === null ? stdout.split("\n").find((l) => /^\s*mod\s/.test(l)) : undefined;
      const version = line?.trim().split(/\s+/)[2];
      resolve(version ?? "version unknown");
    });
  });
}

/** Runs ghz once against 127.0.0.1:port with a constant concurrency over one connection, and reads its JSON report. */
export function runGhz(run: GhzRun): Promise<GhzReport> {
  const args = [
    "--insecure",
    "--call",
    run.call,
    "--data",
    run.data,
    "--concurrency",
    String(run.concurrency),
    // One HTTP/2 connection, as our load client has.
    "--connections",
    "1",
    "--duration",
    `${Math.max(1, Math.round(run.seconds * 1000))}ms`,
    // Calls in flight at the end are waited for, not cancelled into errors.
    "--duration-stop",
    "wait",
    "--format",
    "json",
    `127.0.0.1:${run.port}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(run.ghz.binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    const kill = (): void => void child.kill("SIGKILL");
    process.once("exit", kill);
    const timer = setTimeout(kill, run.seconds * 1000 + runSlackMs);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    const done = (): void => {
      clearTimeout(timer);
      process.off("exit", kill);
    };
    child.once("error", (error) => {
      done();
      reject(error);
    });
    child.once("close", (code, signal) => {
      done();
      const output = Buffer.concat(stdout).toString("utf8");
      const errorText = Buffer.concat(stderr).toString("utf8").trim();
      try {
        // ghz exits non-zero when some calls failed but still prints its report; no report is a real failure.
        resolve(parseGhzReport(output));
      } catch (error) {
        const why = errorText || (error instanceof Error ? error.message : String(error));
        reject(new Error(`ghz ended with ${signal ?? `exit code ${code}`}: ${why.split("\n").slice(0, 3).join(" / ")}`));
      }
    });
  });
}

/** The parts of ghz's JSON report we print; durations in it are Go time.Duration values, i.e. nanoseconds. */
interface GhzJson {
  count?: number;
  rps?: number;
  latencyDistribution?: { percentage: number; latency: number }[] | null;
  statusCodeDistribution?: Record<string, number> | null;
  errorDistribution?: Record<string, number> | null;
}

function parseGhzReport(output: string): GhzReport {
  const json = JSON.parse(output) as GhzJson;
  if (typeof json.count !== "number" || typeof json.rps !== "number") throw new Error("ghz printed no report");
  const percentile = (p: number): number => {
    const entry = json.latencyDistribution?.find((d) => d.percentage === p);
    return entry === undefined ? Number.NaN : entry.latency / 1e6;
  };
  const statuses = Object.entries(json.statusCodeDistribution ?? {}).sort(([a], [b]) =>
    a === "OK" ? 1 : b === "OK" ? -1 : a.localeCompare(b),
  );
  const errors = statuses.filter(([status]) => status !== "OK").reduce((sum, [, calls]) => sum + calls, 0);
  const [topError] = Object.entries(json.errorDistribution ?? {}).sort(([, a], [, b]) => b - a);
  return {
    count: json.count,
    rps: json.rps,
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    errors,
    statuses: statuses.map(([status, calls]) => `${status}=${calls}`).join(" ") || "none",
    topError: topError === undefined ? undefined : `${topError[0]} (${topError[1]}×)`,
  };
}
