// `npm start` runs this first. In a checkout with the dev dependencies it builds
// dist/ (so `npm ci && npm start` serves the current sources); in a production
// install (no TypeScript) it only checks that dist/ was built beforehand.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const root = new URL("..", import.meta.url);

function hasCompiler() {
  try {
    createRequire(root).resolve("typescript");
    return true;
  } catch {
    return false;
  }
}

if (hasCompiler()) {
  const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  process.exit(build.status ?? 1);
}
if (!existsSync(new URL("dist/src/main.js", root))) {
  console.error(
    "dist/src/main.js is missing and TypeScript is not installed (a production install).\n" +
      "Build first where the dev dependencies are: npm ci && npm run build && npm prune --omit=dev (see docs/operations.md, Production install).",
  );
  process.exit(1);
}
