import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { EmbeddedEngine } from "./embedded-engine.js";

const startTimeoutMs = 60_000;

/** The project's launcher of mongo-java-server (scripts/mongo-wire-server), built with Maven. */
function launcherDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "scripts", "mongo-wire-server", "pom.xml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("scripts/mongo-wire-server not found above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return path.join(dir, "scripts", "mongo-wire-server");
}

/** The launcher's jar, built with Maven on first use. */
export function localWireServerJar(): string {
  const dir = launcherDir();
  const jar = path.join(dir, "target", "mongo-wire-server.jar");
  if (!existsSync(jar)) {
    const build = spawnSync("mvn", ["-q", "-B", "package", "-DskipTests"], { cwd: dir, stdio: "inherit" });
    if (build.error !== undefined || build.status !== 0) {
      throw new Error(`building the local MongoDB-wire server with Maven failed (${build.error?.message ?? `exit ${build.status}`})`);
    }
  }
  return jar;
}

/**
 * Starts the local MongoDB-wire server (mongo-java-server with its memory
 * backend, or its H2 backend with a data file under dataDir) on a free port.
 * It exits with this process: it stops when its stdin closes.
 */
export async function startLocalWireServer(dataDir: string | undefined, port = 0): Promise<EmbeddedEngine> {
  const jar = localWireServerJar();
  const args = ["-jar", jar, "--host", "127.0.0.1", "--port", String(port), "--exit-on-stdin-eof"];
  let where = "in memory";
  if (dataDir !== undefined) {
    const folder = path.resolve(dataDir, "mongo-wire");
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, "signatures.mv");
    args.push("--h2", file);
    where = `data in ${file}`;
  }
  const child = spawn("java", args, { stdio: ["pipe", "pipe", "inherit"] });
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("local MongoDB-wire server did not start in time")), startTimeoutMs);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`local MongoDB-wire server exited with code ${code}`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = /^listening (\S+)$/.exec(line);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  }).catch((error: unknown) => {
    child.kill("SIGKILL");
    throw error;
  });
  child.removeAllListeners("exit");
  return {
    uri: `mongodb://${address}/?directConnection=true`,
    description: `local MongoDB-wire server (mongo-java-server 1.47.0, ${where}) at ${address}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
