import { locales, type Locale } from "../config.js";

/**
 * Human-readable error messages in every supported language. The English
 * "Version must be set" and "Version provided is not equal to actual signature
 * version" are the original service's words, which its clients match on.
 */
const catalog = {
  required: {
    en: "{field} is required",
    ru: "Поле {field} обязательно",
    kz: "{field} өрісі міндетті",
  },
  tooLong: {
    en: "{field} must be at most {max} characters",
    ru: "Поле {field} должно содержать не более {max} символов",
    kz: "{field} өрісі {max} таңбадан аспауы керек",
  },
  tooManyItems: {
    en: "{field} must have at most {max} items",
    ru: "Поле {field} должно содержать не более {max} элементов",
    kz: "{field} өрісінде {max} элементтен аспауы керек",
  },
  emptyItem: {
    en: "{field} must not contain empty values",
    ru: "Поле {field} не должно содержать пустых значений",
    kz: "{field} өрісінде бос мәндер болмауы керек",
  },
  outOfRange: {
    en: "{field} must be from {min} to {max}",
    ru: "Поле {field} должно быть от {min} до {max}",
    kz: "{field} өрісі {min} мен {max} аралығында болуы керек",
  },
  payloadTooLarge: {
    en: "{field} must be at most {max} bytes",
    ru: "Поле {field} должно быть не более {max} байт",
    kz: "{field} өрісі {max} байттан аспауы керек",
  },
  clearTagsWithTags: {
    en: "clear_tags cannot be combined with tags",
    ru: "clear_tags нельзя указывать вместе с tags",
    kz: "clear_tags пен tags бірге көрсетілмейді",
  },
  versionMustBeSet: {
    en: "Version must be set",
    ru: "Версия должна быть указана",
    kz: "Нұсқа көрсетілуі керек",
  },
  versionMismatch: {
    en: "Version provided is not equal to actual signature version (current version is {current})",
    ru: "Указанная версия не совпадает с актуальной версией подписи (текущая версия {current})",
    kz: "Көрсетілген нұсқа қолтаңбаның өзекті нұсқасына сәйкес келмейді (ағымдағы нұсқа {current})",
  },
  signatureNotFound: {
    en: "Signature not found",
    ru: "Подпись не найдена",
    kz: "Қолтаңба табылмады",
  },
  versionNotFound: {
    en: "Signature version {version} not found",
    ru: "Версия подписи {version} не найдена",
    kz: "Қолтаңбаның {version} нұсқасы табылмады",
  },
  parentNotFound: {
    en: "parent {parent} does not name an existing signature",
    ru: "parent {parent} не указывает на существующую подпись",
    kz: "parent {parent} бар қолтаңбаны көрсетпейді",
  },
  parentIsSelf: {
    en: "parent must name another signature",
    ru: "parent должен указывать на другую подпись",
    kz: "parent басқа қолтаңбаны көрсетуі керек",
  },
  historyTooLarge: {
    en: "Signature history is too large for another version ({size} of {max} bytes used)",
    ru: "История подписи слишком велика для новой версии (занято {size} из {max} байт)",
    kz: "Қолтаңба тарихы жаңа нұсқа үшін тым үлкен ({max} байттың {size} байты пайдаланылған)",
  },
  unavailable: {
    en: "Database is unavailable, try again later",
    ru: "База данных недоступна, повторите попытку позже",
    kz: "Дерекқор қолжетімсіз, кейінірек қайталап көріңіз",
  },
  internal: {
    en: "Internal error",
    ru: "Внутренняя ошибка",
    kz: "Ішкі қате",
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof catalog;
export type MessageParams = Readonly<Record<string, string | number>>;

/** The message for key in locale, with {name} placeholders filled from params. */
export function message(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return catalog[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The locale an "api-locale" header value asks for, or fallback when it names none we have. */
export function localeOf(header: string | null | undefined, fallback: Locale): Locale {
  const wanted = header?.trim().toLowerCase().slice(0, 2);
  // "kk" is the ISO 639-1 code of Kazakh; the original service called it "kz".
  const normalised = wanted === "kk" ? "kz" : wanted;
  return locales.find((l) => l === normalised) ?? fallback;
}
