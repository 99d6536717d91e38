/**
 * The Merkle tree that lets one Ed25519 signature cover a batch of receipts
 * (docs/integrity.md): each statement is a leaf, every receipt carries the
 * path from its leaf to the signed root. Leaves and inner nodes are hashed
 * with different prefixes (as RFC 9162 §2.1.1 does), so that no leaf can pose
 * as an inner node.
 */
import { createHash } from "node:crypto";

/** One step from a node towards the root: its sibling, and which side the sibling is on. */
export interface ProofStep {
  readonly sibling: Uint8Array;
  readonly siblingLeft: boolean;
}

/** SHA-256(0x00 ‖ statement). */
export function leafHash(statement: Uint8Array): Buffer {
  return createHash("sha256").update(leafPrefix).update(statement).digest();
}

/** SHA-256(0x01 ‖ left ‖ right). */
function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash("sha256").update(nodePrefix).update(left).update(right).digest();
}

const leafPrefix = Uint8Array.of(0);
const nodePrefix = Uint8Array.of(1);

/**
 * The root over these leaves and each leaf's path to it. Nodes are paired
 * level by level, left to right; an odd last node moves up a level as it is
 * (no step in its path). One leaf is its own root, with an empty path.
 */
export function merkleProofs(leaves: readonly Buffer[]): { root: Buffer; proofs: ProofStep[][] } {
  if (leaves.length === 0) throw new Error("a receipt tree needs a leaf");
  const levels: (readonly Buffer[])[] = [leaves];
  let level = leaves;
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let index = 0; index < level.length; index += 2) {
      const right = level[index + 1];
      next.push(right === undefined ? (level[index] as Buffer) : nodeHash(level[index] as Buffer, right));
    }
    levels.push(next);
    level = next;
  }
  // A node at position p has its sibling at p ^ 1 and its parent at p >> 1 (the promoted one too).
  const proofs = leaves.map((_, leaf) => {
    const steps: ProofStep[] = [];
    let position = leaf;
    for (const level of levels.slice(0, -1)) {
      const sibling = level[position ^ 1];
      if (sibling !== undefined) steps.push({ sibling, siblingLeft: (position & 1) === 1 });
      position >>= 1;
    }
    return steps;
  });
  return { root: level[0] as Buffer, proofs };
}
