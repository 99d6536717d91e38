import { type DestinationStream, type Logger, pino } from "pino";

/** Structured JSON logs (stdout unless a destination is given); payloads (signatures) are never logged. */
export function createLogger(level = "info", destination?: DestinationStream): Logger {
  const options = { level, base: { service: "signature-store" } };
  return destination === undefined ? pino(options) : pino(options, destination);
}
