import { describe, expect, it } from "vitest";
import { message, messageKeys } from "../../src/messages/catalog.js";
import { localeOf, locales } from "../../src/messages/locales.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("Message catalog", () => {
  it.each(messageKeys)("%s has the same placeholders in every language", (key) => {
    const english = placeholders(message("en", key));
    for (const locale of locales) expect(placeholders(message(locale, key))).toEqual(english);
  });

  it("fills placeholders and keeps the original English wording clients match on", () => {
    expect(message("en", "versionMustBeSet")).toBe("Version must be set");
    expect(message("en", "versionMismatch", { current_version: 3 })).toBe(
      "Version provided is not equal to actual signature version (current version is 3)",
    );
  });

  it.each([
    ["ru", "ru"],
    ["RU-ru", "ru"],
    ["kz", "kz"],
    ["kk", "kz"],
    ["de", "en"],
    [undefined, "en"],
  ] as const)("reads api-locale %s as %s", (header, locale) => {
    expect(localeOf(header, "en")).toBe(locale);
  });
});
