import { inspectCms } from "./cms-inspection.js";
import { type PayloadFacts, payloadSha256 } from "./payload-facts.js";
import type { TrustAnchors } from "./trust-anchors.js";
import { inspectXml } from "./xml-inspection.js";

/**
 * Reads a payload as the service takes it: an XML document (its first
 * non-blank character is "<") or a CMS SignedData (base64 of DER or BER, or
 * PEM). Throws PayloadError when it is neither, naming the problem.
 */
export function inspectPayload(payload: string, trustAnchors?: TrustAnchors): PayloadFacts {
  return payload.trimStart().startsWith("<") ? inspectXml(payload, trustAnchors) : inspectCms(payload, undefined, trustAnchors);
}

/** The facts of a payload that is not a recognised signature, stored as given when the service accepts such payloads. */
export function unrecognisedPayloadFacts(payload: string): PayloadFacts {
  return { format: "unknown", detached: false, sha256: payloadSha256(payload), signers: [] };
}
