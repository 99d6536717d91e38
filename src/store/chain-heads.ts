/**
 * The chain heads this instance last saw, per record: an append hashes its
 * new version onto the current head, and knowing it saves the read before the
 * conditional update. Only a hint: the update's filter names the version and
 * head it was hashed onto, so a head another instance moved on (or a record
 * deleted and created anew) fails that filter and the append reads the record
 * and tries again. Bounded; the oldest-used entries go first.
 */
import type { SignatureKey } from "./signature-store.js";

export interface ChainHead {
  readonly version: number;
  readonly headHash: string | undefined;
  /** The oldest version the record still embeds (see SignatureDoc.first_embedded). */
  readonly firstEmbedded: number;
}

export class ChainHeads {
  readonly #heads = new Map<string, ChainHead>();

  constructor(readonly capacity: number) {}

  recall(key: SignatureKey): ChainHead | undefined {
    const id = keyId(key);
    const head = this.#heads.get(id);
    if (head !== undefined) {
      // Map keeps insertion order: moving the entry to the end makes eviction least-recently-used.
      this.#heads.delete(id);
      this.#heads.set(id, head);
    }
    return head;
  }

  remember(key: SignatureKey, head: ChainHead): void {
    const id = keyId(key);
    this.#heads.delete(id);
    this.#heads.set(id, head);
    if (this.#heads.size > this.capacity) this.#heads.delete(this.#heads.keys().next().value as string);
  }

  forget(key: SignatureKey): void {
    this.#heads.delete(keyId(key));
  }
}

function keyId(key: SignatureKey): string {
  return `${key.document.length}:${key.document}${key.thread}`;
}
