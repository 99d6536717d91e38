/**
 * The interop suite: starts a real service process (as `npm start` does, through
 * tsx) on a free port and runs the interop program of every language against it:
 * TypeScript (the exported client over Connect, gRPC and gRPC-Web), Go (connect-go
 * and grpc-go), Python (grpcio) and Java (grpc-java). Not part of `npm test`.
 *
 *   npm run interop                               # everything
 *   npm run interop -- --only=go,java             # some languages
 *   npm run interop -- --url=http://127.0.0.1:8080  # against a server already running
 *
 * The database is MONGODB_URI when set, else the tests' embedded engine (in memory).
 * Needs Node.js, Go, Python 3, Java and Maven; scripts/install-codegen-plugins.sh
 * (run first, quick when done) provides the Python runtime in .tools/codegen/venv.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type EmbeddedEngine, startEmbeddedEngine } from "../src/database/embedded-engine.js";
import { engineLogLines } from "../src/database/engine-log.js";

const root = fileURLToPath(new URL("..", import.meta.url));

interface Program {
  readonly language: string;
  readonly command: string;
  readonly args: (url: string) => string[];
  readonly cwd?: string;
}

const programs: readonly Program[] = [
  { language: "typescript", command: process.execPath, args: (url) => ["--import", "tsx", "test/interop/ts/interop.ts", url] },
  { language: "go", command: "go", args: (url) => ["run", ".", url], cwd: "test/interop/go" },
  {
    language: "python",
    command: ".tools/codegen/venv/bin/python",
    args: (url) => ["-B", "test/interop/python/interop.py", url],
  },
  {
    language: "java",
    command: "mvn",
    args: (url) => ["-q", "-B", "-Dstyle.color=never", "-f", "test/interop/java/pom.xml", "compile", "exec:java", `-Dexec.args=${url}`],
  },
];

const programTimeoutMs = 10 * 60_000;

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv
    .slice(2)
    .find((arg) => arg.startsWith(prefix))
    ?.slice(prefix.length);
}

function fail(message: string): never {
  console.error(`interop: ${message}`);
  process.exit(1);
}

/** Runs a command to completion in the repository, its output shown; true when it exited 0. */
function runSync(command: string, args: string[]): boolean {
  return spawnSync(command, args, { cwd: root, stdio: "inherit" }).status === 0;
}

/** Builds dist/ and checks that the package exports resolve to the client factories, with their types. */
async function checkPackageExports(): Promise<void> {
  if (!runSync("npm", ["run", "--silent", "build"])) fail("npm run build failed");
  for (const [specifier, types] of [
    ["ncanode-signature-store/client", "dist/src/client/create-signature-client.d.ts"],
    ["ncanode-signature-store/client/browser", "dist/src/client/browser.d.ts"],
  ] as const) {
    const module = (await import(specifier)) as Record<string, unknown>;
    if (typeof module["createSignatureClient"] !== "function") fail(`${specifier} exports no createSignatureClient`);
    if (!existsSync(`${root}/${types}`)) fail(`${specifier}: ${types} was not built`);
  }
  console.log("ok   package exports ./client and ./client/browser (dist, with types)");
}

interface Service {
  readonly url: string;
  readonly logs: string[];
  stop(): Promise<void>;
}

/** Starts src/main.ts on a free port of 127.0.0.1, plaintext and without auth, and waits until it listens. */
async function startService(mongoUri: string): Promise<Service> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(AUTH_|TLS_|GRPC_PORT$)/.test(name)) delete env[name];
  }
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: {
      ...env,
      PORT: "0",
      HOST: "127.0.0.1",
      MONGODB_URI: mongoUri,
      MONGODB_DB: `interop_${randomBytes(6).toString("hex")}`,
      // The client programs of every language save short stand-in payloads.
      ACCEPT_UNRECOGNISED_PAYLOADS: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  createInterface({ input: child.stderr! }).on("line", (line) => logs.push(line));
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the service did not listen within 120 s")), 120_000);
    void exited.then((code) => reject(new Error(`the service exited with code ${code} before listening`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      logs.push(line);
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        if (typeof entry["address"] === "string") {
          clearTimeout(timer);
          resolve(entry["address"]);
        }
      } catch {
        // not a log line of ours
      }
    });
  }).catch((error: unknown) => {
    child.kill("SIGKILL");
    console.error(logs.slice(-40).join("\n"));
    throw error;
  });
  return {
    url: `http://${address}`,
    logs,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Runs one program, its output shown as it comes; resolves with its exit code. */
function runProgram(program: Program, url: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(program.command, program.args(url), {
      cwd: program.cwd === undefined ? root : `${root}/${program.cwd}`,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const timer = setTimeout(() => {
      console.error(`interop: ${program.language} took over ${programTimeoutMs / 1000} s, stopping it`);
      child.kill("SIGKILL");
    }, programTimeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      console.error(`interop: cannot run ${program.command}: ${error.message}`);
      resolve(127);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal === null ? 1 : 128));
    });
  });
}

async function main(): Promise<void> {
  const only = option("only")
    ?.split(",")
    .map((name) => name.trim());
  const chosen = programs.filter((p) => only === undefined || only.includes(p.language));
  const unknown = only?.filter((name) => !programs.some((p) => p.language === name)) ?? [];
  if (unknown.length > 0 || chosen.length === 0) {
    fail(`unknown language ${unknown.join(", ")}; choose among ${programs.map((p) => p.language).join(", ")}`);
  }

  if (!runSync("bash", ["scripts/install-codegen-plugins.sh"])) fail("scripts/install-codegen-plugins.sh failed");
  if (chosen.some((p) => p.language === "typescript")) await checkPackageExports();

  let engine: EmbeddedEngine | undefined;
  let service: Service | undefined;
  let url = option("url");
  try {
    if (url === undefined) {
      let mongoUri = process.env["MONGODB_URI"];
      if (mongoUri === undefined || mongoUri === "") {
        engine = await startEmbeddedEngine({ dataDir: undefined, log: engineLogLines((line) => console.warn(`interop: ${line}`)) });
        mongoUri = engine.uri;
        console.log(`interop: database: ${engine.description}`);
      }
      const started = Date.now();
      service = await startService(mongoUri);
      url = service.url;
      console.log(`interop: service listening on ${url} (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }

    const results: { language: string; code: number; seconds: number }[] = [];
    for (const program of chosen) {
      const started = Date.now();
      console.log(`interop: ${program.language}`);
      const code = await runProgram(program, url);
      results.push({ language: program.language, code, seconds: (Date.now() - started) / 1000 });
    }

    console.log("\ninterop results:");
    for (const r of results) {
      console.log(
        `  ${r.code === 0 ? "pass" : "FAIL"}  ${r.language.padEnd(10)} ${r.seconds.toFixed(1)} s${r.code === 0 ? "" : ` (exit ${r.code})`}`,
      );
    }
    const failed = results.filter((r) => r.code !== 0).length;
    if (failed > 0 && service !== undefined) {
      console.error("\nlast lines of the service's log:");
      console.error(service.logs.slice(-30).join("\n"));
    }
    console.log(`interop: ${results.length - failed} passed, ${failed} failed`);
    process.exitCode = failed === 0 ? 0 : 1;
  } finally {
    await service?.stop();
    await engine?.stop();
  }
}

await main();
