/**
 * Whether the database answers: a ping every intervalMs, and on demand. One
 * ping at a time; a ping that takes longer than timeoutMs counts as
 * unreachable.
 */
export interface DatabaseMonitor {
  /** The last ping's result; undefined before the first one ends. */
  readonly reachable: boolean | undefined;
  /** Increases with every change of `reachable`, and on close. */
  readonly version: number;
  /** After close() every check says unreachable: the server is going away. */
  readonly closed: boolean;
  /**
   * Pings now (or joins the ping in flight) and resolves with its result;
   * false when it does not answer within timeoutMs or within budgetMs,
   * whichever is shorter.
   */
  check(budgetMs?: number): Promise<boolean>;
  /** Resolves once `version` differs from the one given, the monitor closes or the signal aborts. */
  changed(sinceVersion: number, signal: AbortSignal): Promise<void>;
  /** Stops the periodic ping. */
  close(): void;
}

export interface DatabaseMonitorOptions {
  /** One round trip to the database, e.g. `() => db.command({ ping: 1 })`. */
  readonly ping: () => Promise<unknown>;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

export function createDatabaseMonitor(options: DatabaseMonitorOptions): DatabaseMonitor {
  let reachable: boolean | undefined;
  let version = 0;
  let closed = false;
  let inFlight: Promise<boolean> | undefined;
  const waiters = new Set<() => void>();

  const changedNow = (): void => {
    version += 1;
    for (const wake of [...waiters]) wake();
  };

  const ping = (): Promise<boolean> => {
    inFlight ??= within(Promise.resolve().then(options.ping), options.timeoutMs).then((ok) => {
      inFlight = undefined;
      if (!closed && ok !== reachable) {
        reachable = ok;
        changedNow();
      }
      return ok;
    });
    return inFlight;
  };

  const timer = setInterval(() => void ping(), options.intervalMs);
  timer.unref();
  void ping();

  return {
    get reachable() {
      return reachable;
    },
    get version() {
      return version;
    },
    get closed() {
      return closed;
    },
    check: async (budgetMs) => {
      if (closed) return false;
      const answer = ping();
      return budgetMs === undefined || budgetMs >= options.timeoutMs ? answer : within(answer, budgetMs, (ok) => ok);
    },
    changed: (sinceVersion, signal) =>
      new Promise<void>((resolve) => {
        if (version !== sinceVersion || closed || signal.aborted) return resolve();
        const wake = (): void => {
          waiters.delete(wake);
          signal.removeEventListener("abort", wake);
          resolve();
        };
        waiters.add(wake);
        signal.addEventListener("abort", wake, { once: true });
      }),
    close: () => {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      changedNow();
    },
  };
}

/**
 * Resolves with `result(value)` when the promise fulfils within ms, and with
 * false when it rejects or takes longer (it is then left to settle unobserved).
 */
function within<T>(promise: Promise<T>, ms: number, result: (value: T) => boolean = () => true): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(result(value));
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });
}
