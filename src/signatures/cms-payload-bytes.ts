import { PayloadError } from "./payload-facts.js";

const pem = /^-----BEGIN ([A-Z0-9 #]+)-----([^-]*)-----END \1-----$/;
const base64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The bytes of a CMS payload: base64 (whitespace and line breaks allowed) or
 * PEM (`CMS`, `PKCS7`, …). Text that is neither is not a signature at all.
 */
export function decodeCmsPayload(payload: string): Buffer {
  const trimmed = payload.trim();
  const body = trimmed.startsWith("-----BEGIN ") ? pem.exec(trimmed)?.[2] : trimmed;
  if (body === undefined) throw new PayloadError("not-a-signature", "a PEM block that does not end with its END line");
  const text = body.replace(/\s+/g, "");
  if (text.length % 4 === 1 || !base64.test(text)) throw new PayloadError("not-a-signature", "neither base64 nor PEM");
  return Buffer.from(text, "base64");
}
