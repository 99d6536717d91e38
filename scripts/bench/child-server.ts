import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type {
  AppendCommandCounts,
  ChildMessage,
  DriverGetRequest,
  ParentMessage,
  ServerPorts,
  StartServerMessage,
} from "./ipc-messages.js";

const startTimeoutMs = 60_000;
const replyTimeoutMs = 10_000;

/** A server running in a child process of the bench. */
export interface ChildServer {
  /** The main port (ports.main). */
  readonly port: number;
  /** Every port the child serves on. */
  readonly ports: ServerPorts;
  /** The child's cumulative CPU time (process.cpuUsage() inside it). */
  cpuUsage(): Promise<NodeJS.CpuUsage>;
  /** Signature service only: the store's Get query with the driver alone, run inside the child. */
  driverGet(request: Omit<DriverGetRequest, "type">): Promise<{ calls: number; cpuMicros: number }>;
  /** Signature service started with countAppendCommands only: the store's appends and head reads so far. */
  appendCommands(): Promise<AppendCommandCounts>;
  stop(): Promise<void>;
}

/** Every child still alive, so that no exit path of the bench leaves one behind. */
const running = new Set<ChildProcess>();

/** Kills every child server at once; safe to call from an "exit" handler (synchronous). */
export function killChildServers(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

/**
 * Forks server-process.js (the compiled sibling of this file), asks it to
 * start a server, and resolves once it listens.
 */
export async function startChildServer(start: StartServerMessage): Promise<ChildServer> {
  const entry = fileURLToPath(new URL("./server-process.js", import.meta.url));
  // No inherited --inspect or loader flags: the child runs plain compiled JS.
  const child = fork(entry, [], { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv: [] });
  running.add(child);
  child.once("exit", () => running.delete(child));

  try {
    send(child, start);
    const ports = await nextMessage(child, startTimeoutMs, `start ${start.kind}`, (message) => {
      if (message.type === "failed") throw new Error(`${start.kind} server failed to start: ${message.message}`);
      return message.type === "listening" ? message.ports : undefined;
    });
    return {
      port: ports.main,
      ports,
      cpuUsage: async () => {
        send(child, { type: "cpu-usage" });
        return nextMessage(child, replyTimeoutMs, "cpu usage", (message) => (message.type === "cpu-usage" ? message.usage : undefined));
      },
      driverGet: async (request) => {
        send(child, { type: "driver-get", ...request });
        return nextMessage(child, replyTimeoutMs + request.seconds * 1000 + 1000, "driver get", (message) => {
          if (message.type === "failed") throw new Error(`driver get failed: ${message.message}`);
          return message.type === "driver-get" ? { calls: message.calls, cpuMicros: message.cpuMicros } : undefined;
        });
      },
      appendCommands: async () => {
        send(child, { type: "append-commands" });
        return nextMessage(child, replyTimeoutMs, "append commands", (message) => {
          if (message.type === "failed") throw new Error(`append commands: ${message.message}`);
          return message.type === "append-commands" ? message.counts : undefined;
        });
      },
      stop: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

function send(child: ChildProcess, message: ParentMessage): void {
  child.send(message);
}

/** Waits for the first message `pick` accepts (returns a value for); fails if the child dies or stays silent. */
function nextMessage<T>(child: ChildProcess, timeoutMs: number, what: string, pick: (message: ChildMessage) => T | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    const onMessage = (message: ChildMessage): void => {
      try {
        const value = pick(message);
        if (value === undefined) return;
        cleanup();
        resolve(value);
      } catch (error) {
        cleanup();
        reject(error);
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      cleanup();
      reject(new Error(`server child exited (${signal ?? `code ${code}`}) while waiting for ${what}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`server child did not answer in ${timeoutMs} ms (${what})`));
    }, timeoutMs);
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    // A benchmark server holds nothing worth a graceful shutdown.
    child.kill("SIGKILL");
  });
}
