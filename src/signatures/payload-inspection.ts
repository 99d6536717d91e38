import { inspectCms } from "./cms-inspection.js";
import type { PayloadFacts } from "./payload-facts.js";
import { inspectXml } from "./xml-inspection.js";

/**
 * Reads a payload as the service takes it: an XML document (its first
 * non-blank character is "<") or a CMS SignedData (base64 of DER or BER, or
 * PEM). Throws PayloadError when it is neither, naming the problem.
 */
export function inspectPayload(payload: string): PayloadFacts {
  return payload.trimStart().startsWith("<") ? inspectXml(payload) : inspectCms(payload);
}
