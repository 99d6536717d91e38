import { describe, expect, it } from "vitest";
import { genesisHash, type HashedContent, versionHash } from "../../src/integrity/version-hash.js";
import type { PayloadFacts } from "../../src/signatures/payload-facts.js";

const facts = {
  format: "cms",
  detached: false,
  sha256: "ab".repeat(32),
  signers: [
    {
      subject: { commonName: "ТЕСТОВ ТЕСТ", iin: "123456789011", email: undefined },
      notBefore: new Date("2022-01-18T04:45:35Z"),
      roles: ["legal_entity", "ceo"],
      verification: { status: "valid", reason: undefined, revocationChecked: false },
    },
  ],
} as unknown as PayloadFacts;

const content: HashedContent = {
  document: "doc_12",
  thread: "ticket_42",
  version: 1,
  cms: "MIIB",
  createdBy: "clerk",
  comment: undefined,
  createdAt: new Date("2026-12-01T09:00:00.123Z"),
  facts,
};

describe("The version hash (docs/integrity.md)", () => {
  it("is stable: stored hashes must verify after any change to the code", () => {
    expect(versionHash(content, genesisHash)).toBe("614c340af35a8966e07561118d4e9f00925105af682bc59c679778be20d34204");
  });

  it("does not depend on the order of the facts' keys or on absent members", () => {
    const reordered = {
      signers: [
        {
          verification: { revocationChecked: false, status: "valid" },
          roles: ["legal_entity", "ceo"],
          notBefore: new Date("2022-01-18T04:45:35Z"),
          subject: { iin: "123456789011", commonName: "ТЕСТОВ ТЕСТ" },
        },
      ],
      sha256: "ab".repeat(32),
      detached: false,
      format: "cms",
    } as unknown as PayloadFacts;
    expect(versionHash({ ...content, facts: reordered }, genesisHash)).toBe(versionHash(content, genesisHash));
  });

  it("changes with any field, and keeps field boundaries apart", () => {
    const base = versionHash(content, genesisHash);
    for (const change of [
      { document: "doc_1" },
      { thread: "2ticket_42" },
      { version: 2 },
      { cms: "MIIC" },
      { createdBy: undefined },
      { comment: "x" },
      { createdAt: new Date("2026-12-01T09:00:00.124Z") },
      { facts: undefined },
    ]) {
      expect(versionHash({ ...content, ...change }, genesisHash), JSON.stringify(change)).not.toBe(base);
    }
    expect(versionHash(content, "1".repeat(64))).not.toBe(base);
    expect(versionHash({ ...content, document: "ab", thread: "c" }, genesisHash)).not.toBe(
      versionHash({ ...content, document: "a", thread: "bc" }, genesisHash),
    );
  });
});
