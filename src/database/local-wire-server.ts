import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import type { EngineLog } from "./engine-log.js";
import { forwardEngineStderr } from "./engine-stderr.js";
import { localWireServerJar } from "./local-wire-server-jar.js";

const startTimeoutMs = 60_000;

export interface LocalWireServerOptions {
  /** Folder for the H2 data file (DATA_DIR/mongo-wire/signatures.mv); undefined: the memory backend. */
  readonly dataDir: string | undefined;
  /** Port to listen on; default 0 (a free port). A restart passes the port it had. */
  readonly port?: number;
  /** Receives the engine's own log lines and the build's. Default: dropped. */
  readonly log?: EngineLog;
}

/** One running Java process of the local MongoDB-wire server. */
export interface LocalWireServer {
  /** Connection string for the driver. */
  readonly uri: string;
  /** What runs, for the log. */
  readonly description: string;
  /** The Java process's id. */
  readonly pid: number;
  readonly port: number;
  /** Settles when the Java process ends, however it ends. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops the process (it commits and closes its data file) and resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts the local MongoDB-wire server (mongo-java-server with its memory
 * backend, or its H2 backend with a data file under dataDir). It exits with
 * this process: it stops when its stdin closes.
 */
export async function startLocalWireServer(options: LocalWireServerOptions): Promise<LocalWireServer> {
  const log = options.log ?? (() => undefined);
  const jar = localWireServerJar((message) => log("info", message));
  const args = ["-jar", jar, "--host", "127.0.0.1", "--port", String(options.port ?? 0), "--exit-on-stdin-eof"];
  let where = "in memory";
  if (options.dataDir !== undefined) {
    const folder = path.resolve(options.dataDir, "mongo-wire");
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, "signatures.mv");
    args.push("--h2", file);
    where = `data in ${file}`;
  }
  const child = spawn("java", args, { stdio: ["pipe", "pipe", "pipe"] });
  forwardEngineStderr(child.stderr, log);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal })),
  );
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("local MongoDB-wire server did not start in time")), startTimeoutMs);
    child.once("error", reject);
    void exited.then(({ code, signal }) => reject(new Error(`local MongoDB-wire server exited with ${signal ?? `code ${code}`}`)));
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
  const pid = child.pid!;
  return {
    uri: `mongodb://${address}/?directConnection=true`,
    description: `local MongoDB-wire server (mongo-java-server 1.47.0, ${where}) at ${address}, pid ${pid}`,
    pid,
    port: Number(address.slice(address.lastIndexOf(":") + 1)),
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
