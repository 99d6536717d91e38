import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project's launcher of mongo-java-server (scripts/mongo-wire-server), built with Maven. */
function launcherDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "scripts", "mongo-wire-server", "pom.xml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`scripts/mongo-wire-server not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return path.join(dir, "scripts", "mongo-wire-server");
}

/** The newest modification time of the launcher's sources (pom.xml and src/). */
function sourcesChangedAt(dir: string): number {
  let newest = statSync(path.join(dir, "pom.xml")).mtimeMs;
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else newest = Math.max(newest, statSync(file).mtimeMs);
    }
  };
  walk(path.join(dir, "src"));
  return newest;
}

/**
 * The launcher's jar, built with Maven on first use and rebuilt when its
 * sources are newer (a checkout that changed the launcher must not keep running
 * the old one). Maven's output is captured: it is only shown, in the error,
 * when the build fails.
 */
export function localWireServerJar(log: (message: string) => void = () => undefined): string {
  const dir = launcherDir();
  const jar = path.join(dir, "target", "mongo-wire-server.jar");
  if (existsSync(jar) && statSync(jar).mtimeMs >= sourcesChangedAt(dir)) return jar;
  log("building the local MongoDB-wire server with Maven");
  const build = spawnSync("mvn", ["-q", "-B", "-Dstyle.color=never", "package", "-DskipTests"], {
    cwd: dir,
    encoding: "utf8",
  });
  if (build.error !== undefined || build.status !== 0) {
    const output = `${build.stdout ?? ""}${build.stderr ?? ""}`
      .replace(/\x1b\[[0-9;]*m/g, "")
      .trim()
      .split("\n")
      .slice(-5)
      .join(" | ");
    throw new Error(
      `building the local MongoDB-wire server with Maven failed (${build.error?.message ?? `exit ${build.status}`}): ${output}`,
    );
  }
  return jar;
}
