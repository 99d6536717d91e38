/** Levels an engine's facts are logged at (pino's names). */
export type EngineLogLevel = "debug" | "info" | "warn" | "error" | "fatal";

/** Receives one fact about an embedded engine: one JSON log line each in the service. */
export type EngineLog = (level: EngineLogLevel, message: string, fields?: Readonly<Record<string, unknown>>) => void;

/** An EngineLog for plain-text consumers (test set-up, scripts): one line per fact of level info and above. */
export function engineLogLines(write: (line: string) => void): EngineLog {
  return (level, message, fields) => {
    if (level === "debug") return;
    const details = fields === undefined || Object.keys(fields).length === 0 ? "" : ` ${JSON.stringify(fields)}`;
    write(`${message}${details}`);
  };
}
