import type { EncryptionKeys } from "./encryption-keys.js";
import { createSignerIndex, type SignerIndex } from "./signer-index.js";
import { createVersionCipher, type VersionCipher } from "./version-cipher.js";

/**
 * How versions and the signer index are written: sealed and hashed with
 * encryption at rest, as they are without. The store converts at the document
 * boundary only, so everything above it sees plaintext.
 */
export interface StoredForm {
  readonly cipher: VersionCipher;
  readonly index: SignerIndex;
}

/** The stored form of these keys; undefined keys: plaintext, today's documents. */
export function createStoredForm(keys: EncryptionKeys | undefined): StoredForm {
  return { cipher: createVersionCipher(keys), index: createSignerIndex(keys?.indexKey) };
}

/** No encryption: what the store does unless keys are configured. */
export const plainForm: StoredForm = createStoredForm(undefined);
