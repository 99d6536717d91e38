import { setTimeout as delay } from "node:timers/promises";
import type { EmbeddedEngine } from "./embedded-engine.js";
import { type LocalWireServer, type LocalWireServerOptions, startLocalWireServer } from "./local-wire-server.js";

export interface SupervisionOptions {
  /** Start attempts after an unexpected exit before the engine counts as failed. Default 3. */
  readonly attempts?: number;
  /** Wait before the first attempt, doubled before each next one. Default 250 ms. */
  readonly firstDelayMs?: number;
  /** More unexpected exits than this within a minute count as failed (a crash loop). Default 5. */
  readonly maxExitsPerMinute?: number;
}

/**
 * The local MongoDB-wire server, restarted when its Java process exits
 * without being asked to (killed, crashed): on the same port and data file,
 * so the driver's monitor reconnects by itself and no acknowledged write is
 * lost (the launcher commits before it answers). When it cannot be brought
 * back, the engine has failed for good and `onFailure` listeners hear why:
 * the service cannot serve without it.
 */
export async function startSupervisedLocalWireServer(
  options: LocalWireServerOptions & SupervisionOptions,
): Promise<EmbeddedEngine & { readonly pid: number }> {
  const log = options.log ?? (() => undefined);
  const attempts = options.attempts ?? 3;
  const firstDelayMs = options.firstDelayMs ?? 250;
  const maxExitsPerMinute = options.maxExitsPerMinute ?? 5;
  let current = await startLocalWireServer(options);
  const { port } = current;
  let stopping = false;
  let failure: Error | undefined;
  const failureListeners: ((error: Error) => void)[] = [];
  const exits: number[] = [];

  const fail = (error: Error): void => {
    failure = error;
    for (const listener of failureListeners) listener(error);
  };

  const restart = async (): Promise<LocalWireServer | Error> => {
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      await delay(firstDelayMs * 2 ** attempt);
      if (stopping) break;
      try {
        return await startLocalWireServer({ ...options, port });
      } catch (error) {
        lastError = error;
        log("error", "restarting the local MongoDB-wire server failed", { attempt: attempt + 1, port, err: String(error) });
      }
    }
    return new Error(`the local MongoDB-wire server could not be restarted on port ${port}: ${String(lastError)}`);
  };

  const watch = (server: LocalWireServer): void => {
    void server.exited.then(async ({ code, signal }) => {
      if (stopping) return;
      const now = Date.now();
      exits.push(now);
      while (exits[0]! < now - 60_000) exits.shift();
      if (exits.length > maxExitsPerMinute) {
        return fail(new Error(`the local MongoDB-wire server exited ${exits.length} times within a minute`));
      }
      const next = await restart();
      if (stopping) {
        if (!(next instanceof Error)) await next.stop();
        return;
      }
      if (next instanceof Error) return fail(next);
      log("warn", "local MongoDB-wire server exited unexpectedly and was restarted", {
        exitCode: code,
        signal,
        pid: next.pid,
        previousPid: server.pid,
        port,
      });
      current = next;
      watch(next);
    });
  };
  watch(current);

  return {
    uri: current.uri,
    description: current.description,
    get pid() {
      return current.pid;
    },
    onFailure: (listener) => {
      if (failure !== undefined) listener(failure);
      else failureListeners.push(listener);
    },
    stop: async () => {
      stopping = true;
      await current.stop();
    },
  };
}
