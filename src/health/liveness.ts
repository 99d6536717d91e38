/**
 * Whether this process can still do its job (liveness, as opposed to the
 * database being reachable right now, which is readiness). It is a property of
 * the process, so it lives here once: whatever finds the process broken for
 * good (an embedded engine that cannot be restarted) reports it, the
 * `/healthz` probe answers 503 from then on, and main stops the process so a
 * supervisor starts a fresh one.
 */
let failure: Error | undefined;
const listeners: ((error: Error) => void)[] = [];

/** Marks the process as unable to recover; only the first report counts. */
export function reportUnrecoverable(error: Error): void {
  if (failure !== undefined) return;
  failure = error;
  for (const listener of listeners) listener(error);
}

/** Why the process cannot recover; undefined while it is alive. */
export function unrecoverableFailure(): Error | undefined {
  return failure;
}

/** Calls listener once the process is reported unrecoverable (at once if it already is). */
export function onUnrecoverable(listener: (error: Error) => void): void {
  if (failure !== undefined) listener(failure);
  else listeners.push(listener);
}
