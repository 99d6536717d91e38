import { pino, type Logger } from "pino";

/** Structured JSON logs on stdout; payloads (signatures) are never logged. */
export function createLogger(level = "info"): Logger {
  return pino({ level, base: { service: "signature-store" } });
}
