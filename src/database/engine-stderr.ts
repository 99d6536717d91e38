import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { EngineLog, EngineLogLevel } from "./engine-log.js";

/** slf4j-simple's line as the launcher configures it (simplelogger.properties): "LEVEL Logger - message". */
const headerLine = /^(TRACE|DEBUG|INFO|WARN|ERROR) (\S+) - (.*)$/;
const ansiEscape = /\x1b\[[0-9;?]*[A-Za-z]/g;
/** A stack trace arrives in one burst; this much silence ends the entry it belongs to. */
const burstEndMs = 20;

/**
 * mongo-java-server's warnings name features it lacks and ignores (secondary
 * indexes, some options), which docs/database.md documents: nothing an operator acts on,
 * so they are debug. Its errors stay errors.
 */
const levels: Readonly<Record<string, EngineLogLevel>> = { TRACE: "debug", DEBUG: "debug", INFO: "debug", WARN: "debug", ERROR: "error" };

/**
 * Turns the Java engine's stderr into log entries: one per logged event, a
 * stack trace kept with the line that introduced it (as `detail`). A line
 * that is not slf4j's is the launcher's own complaint (bad argument, port
 * taken): an error.
 */
export function forwardEngineStderr(stderr: Readable, log: EngineLog): void {
  let pending: { level: EngineLogLevel; message: string; logger: string | undefined; detail: string[] } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    clearTimeout(timer);
    if (pending === undefined) return;
    const { level, message, logger, detail } = pending;
    pending = undefined;
    log(level, `local MongoDB-wire server: ${message}`, {
      ...(logger === undefined ? {} : { engineLogger: logger }),
      ...(detail.length === 0 ? {} : { detail: detail.join("\n") }),
    });
  };
  createInterface({ input: stderr })
    .on("line", (raw) => {
      const line = raw.replace(ansiEscape, "").trimEnd();
      if (line.trim() === "") return;
      const header = headerLine.exec(line);
      if (header === null && pending !== undefined) {
        pending.detail.push(line.trim());
      } else {
        flush();
        pending =
          header === null
            ? { level: "error", message: line.trim(), logger: undefined, detail: [] }
            : { level: levels[header[1]!] ?? "error", message: header[3]!, logger: header[2], detail: [] };
      }
      clearTimeout(timer);
      timer = setTimeout(flush, burstEndMs);
      timer.unref();
    })
    .on("close", flush);
}
