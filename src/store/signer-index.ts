import { createHmac } from "node:crypto";
import type { PayloadFacts } from "../signatures/payload-facts.js";
import { type SignerIndexFields, signerIndexFields } from "./signature-doc.js";

/** The index fields that hold who signed; payload_sha256s stays as it is (a digest of the payload reveals no person). */
type SignerField = "signer_iins" | "signer_bins" | "certificate_serials";

/**
 * How the List index stores signers. Without an index key, as they are. With
 * one (encryption at rest), as HMAC-SHA-256 under that key in lower-case hex,
 * so that no IIN or BIN is in the database in clear and a filter still matches
 * by computing the same HMAC. An IIN has few enough possible values to be
 * found from an unkeyed hash: the key is what makes the hash irreversible.
 */
export interface SignerIndex {
  /** The index fields of one payload, as stored. */
  fields(facts: PayloadFacts): SignerIndexFields;
  /**
   * What a filter on one field matches: the stored form of the value, and with
   * hashing on also the clear value, which records saved before encryption hold
   * until `npm run reencrypt` has rewritten them.
   */
  matching(field: SignerField, value: string): string | { $in: string[] };
}

export function createSignerIndex(indexKey: Buffer | undefined): SignerIndex {
  if (indexKey === undefined) {
    return { fields: signerIndexFields, matching: (_field, value) => value };
  }
  // The field's name is hashed with the value: an IIN and a BIN with the same digits hash apart.
  const hash = (field: SignerField, value: string) => createHmac("sha256", indexKey).update(`${field}\0${value}`).digest("hex");
  return {
    fields(facts) {
      const clear = signerIndexFields(facts);
      return {
        signer_iins: clear.signer_iins.map((value) => hash("signer_iins", value)),
        signer_bins: clear.signer_bins.map((value) => hash("signer_bins", value)),
        certificate_serials: clear.certificate_serials.map((value) => hash("certificate_serials", value)),
        payload_sha256s: clear.payload_sha256s,
      };
    },
    matching: (field, value) => ({ $in: [hash(field, value), value] }),
  };
}
