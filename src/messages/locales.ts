/** The languages of the error messages: the original service's locale names ("kz" for Kazakh). */
export const locales = ["en", "ru", "kz"] as const;
export type Locale = (typeof locales)[number];

/** The locale an "api-locale" header value asks for, or fallback when it names none we have. */
export function localeOf(header: string | null | undefined, fallback: Locale): Locale {
  const wanted = header?.trim().toLowerCase().slice(0, 2);
  // "kk" is the ISO 639-1 code of Kazakh; the original service called it "kz".
  const normalised = wanted === "kk" ? "kz" : wanted;
  return locales.find((l) => l === normalised) ?? fallback;
}
