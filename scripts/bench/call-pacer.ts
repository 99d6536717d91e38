import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Hands out call start times evenly spaced at `callsPerSecond`, counted from
 * the pacer's creation, to any number of concurrent callers: each awaits its
 * slot before calling. A caller whose slot has passed starts at once, so a
 * server slower than the rate sees a closed loop. Without a rate it never waits.
 *
 * Why pace: on this machine the CPU a server spends per call falls as its load
 * rises (an idle process pays a wake-up for each event; a busy one serves
 * several per wake-up), so two costs compare fairly only at the same calls/s.
 */
export function createCallPacer(callsPerSecond: number | undefined): () => Promise<void> {
  if (callsPerSecond === undefined) return async () => {};
  const started = performance.now();
  const gapMs = 1000 / callsPerSecond;
  let slots = 0;
  return async () => {
    const wait = started + slots++ * gapMs - performance.now();
    if (wait > 0) await sleep(wait);
  };
}
