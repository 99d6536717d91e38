import type { Locale } from "./locales.js";

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
    en: "Version provided is not equal to actual signature version (current version is {current_version})",
    ru: "Указанная версия не совпадает с актуальной версией подписи (текущая версия {current_version})",
    kz: "Көрсетілген нұсқа қолтаңбаның өзекті нұсқасына сәйкес келмейді (ағымдағы нұсқа {current_version})",
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
  parentCycle: {
    en: "parent {parent} already follows this signature: the chain of parents would become a cycle",
    ru: "parent {parent} уже следует за этой подписью: цепочка родителей стала бы циклом",
    kz: "parent {parent} осы қолтаңбадан кейін тұр: ата-аналар тізбегі циклге айналар еді",
  },
  parentChainTooLong: {
    en: "parent {parent} starts a chain of more than {max} signatures",
    ru: "parent {parent} начинает цепочку длиннее {max} подписей",
    kz: "parent {parent} {max} қолтаңбадан ұзын тізбекті бастайды",
  },
  invalidUnicode: {
    en: "{field} must be valid Unicode text (it holds an unpaired surrogate)",
    ru: "Поле {field} должно быть корректным текстом Unicode (в нём непарный суррогат)",
    kz: "{field} өрісі жарамды Unicode мәтіні болуы керек (онда жұпсыз суррогат бар)",
  },
  badFormat: {
    en: "{field} must be {format}",
    ru: "Поле {field} должно быть в формате: {format}",
    kz: "{field} өрісінің пішімі: {format}",
  },
  notASignature: {
    en: "{field} is neither a CMS signature (base64 or PEM) nor an XML document",
    ru: "Поле {field} не является ни подписью CMS (base64 или PEM), ни XML-документом",
    kz: "{field} өрісі CMS қолтаңбасы да (base64 немесе PEM), XML құжаты да емес",
  },
  malformedCms: {
    en: "{field} is not a well-formed CMS SignedData ({detail})",
    ru: "Поле {field} не является корректной структурой CMS SignedData ({detail})",
    kz: "{field} өрісі дұрыс CMS SignedData құрылымы емес ({detail})",
  },
  noSigner: {
    en: "{field} is a CMS SignedData without any signer",
    ru: "Поле {field} содержит CMS SignedData без подписантов",
    kz: "{field} өрісіндегі CMS SignedData-да қол қоюшы жоқ",
  },
  signerCertificateMissing: {
    en: "{field}: the certificate of a signer is not in the CMS SignedData",
    ru: "Поле {field}: сертификат подписанта отсутствует в CMS SignedData",
    kz: "{field}: қол қоюшының сертификаты CMS SignedData ішінде жоқ",
  },
  malformedXml: {
    en: "{field} is not well-formed XML ({detail})",
    ru: "Поле {field} не является корректным XML ({detail})",
    kz: "{field} өрісі дұрыс XML емес ({detail})",
  },
  xmlWithoutSignature: {
    en: "{field} is an XML document without a ds:Signature",
    ru: "Поле {field} является XML-документом без ds:Signature",
    kz: "{field} өрісі ds:Signature жоқ XML құжаты",
  },
  tooManySigners: {
    en: "{field} has too many signers ({detail})",
    ru: "В поле {field} слишком много подписантов ({detail})",
    kz: "{field} өрісінде қол қоюшылар тым көп ({detail})",
  },
  offsetWithPageToken: {
    en: "offset must be 0 when page_token is given",
    ru: "offset должен быть 0, если передан page_token",
    kz: "page_token берілгенде offset 0 болуы керек",
  },
  pageTokenInvalid: {
    en: "page_token is not a page token of this query (take next_page_token from the previous page of the same query)",
    ru: "page_token не является токеном страницы этого запроса (возьмите next_page_token из предыдущей страницы того же запроса)",
    kz: "page_token бұл сұраудың бет токені емес (сол сұраудың алдыңғы бетінен next_page_token алыңыз)",
  },
  headMismatch: {
    en: "The record's head is no longer the expected one (version {current_version}, head {current_head})",
    ru: "Голова цепочки записи уже не та, что ожидалась (версия {current_version}, хеш {current_head})",
    kz: "Жазба тізбегінің басы күтілгендей емес (нұсқа {current_version}, хеш {current_head})",
  },
  integrityBroken: {
    en: "Version {version} of this record no longer matches its hash: the stored data was altered",
    ru: "Версия {version} этой записи не совпадает со своим хешем: сохранённые данные изменены",
    kz: "Бұл жазбаның {version} нұсқасы өз хешіне сәйкес келмейді: сақталған деректер өзгертілген",
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
  invalidJson: {
    en: "Request body is not valid JSON",
    ru: "Тело запроса не является корректным JSON",
    kz: "Сұраныс денесі жарамды JSON емес",
  },
  unsupportedContentType: {
    en: "Content type {type} is not supported: send application/json or application/x-www-form-urlencoded",
    ru: "Тип содержимого {type} не поддерживается: используйте application/json или application/x-www-form-urlencoded",
    kz: "{type} мазмұн түріне қолдау жоқ: application/json немесе application/x-www-form-urlencoded жіберіңіз",
  },
  bodyTooLarge: {
    en: "Request body is larger than {max} bytes",
    ru: "Тело запроса больше {max} байт",
    kz: "Сұраныс денесі {max} байттан үлкен",
  },
  notText: {
    en: "{field} must be a string",
    ru: "Поле {field} должно быть строкой",
    kz: "{field} өрісі жол болуы керек",
  },
  notInteger: {
    en: "{field} must be an integer",
    ru: "Поле {field} должно быть целым числом",
    kz: "{field} өрісі бүтін сан болуы керек",
  },
  notBoolean: {
    en: "{field} must be true or false",
    ru: "Поле {field} должно быть true или false",
    kz: "{field} өрісі true немесе false болуы керек",
  },
  notTextList: {
    en: "{field} must be an array of strings",
    ru: "Поле {field} должно быть массивом строк",
    kz: "{field} өрісі жолдар массиві болуы керек",
  },
  unknownPath: {
    en: "Unknown path {path}",
    ru: "Неизвестный путь {path}",
    kz: "Белгісіз жол {path}",
  },
  methodNotAllowed: {
    en: "Method {method} is not allowed on {path}; use {allowed}",
    ru: "Метод {method} не разрешён для {path}; используйте {allowed}",
    kz: "{path} үшін {method} әдісіне рұқсат жоқ; {allowed} пайдаланыңыз",
  },
  unauthenticated: {
    en: "A valid bearer token is required",
    ru: "Требуется действительный bearer-токен",
    kz: "Жарамды bearer-токен қажет",
  },
  permissionDenied: {
    en: "The token does not grant the {scope} scope",
    ru: "Токен не даёт права {scope}",
    kz: "Токен {scope} құқығын бермейді",
  },
  encryptionKeyMissing: {
    en: "Version {version} is encrypted under key {key_id}, which this service does not have",
    ru: "Версия {version} зашифрована ключом {key_id}, которого у сервиса нет",
    kz: "{version} нұсқасы {key_id} кілтімен шифрланған, ол кілт қызметте жоқ",
  },
  decryptionFailed: {
    en: "Version {version} cannot be decrypted with key {key_id}: the key or the stored data is not the one it was saved with",
    ru: "Версию {version} не удаётся расшифровать ключом {key_id}: ключ или сохранённые данные не те, с которыми она сохранялась",
    kz: "{version} нұсқасын {key_id} кілтімен шифрын ашу мүмкін емес: кілт немесе сақталған деректер сақталғандағыдай емес",
  },
  internal: {
    en: "Internal error",
    ru: "Внутренняя ошибка",
    kz: "Ішкі қате",
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof catalog;

/** Every message key, for tests that check all languages agree. */
export const messageKeys = Object.keys(catalog) as MessageKey[];
export type MessageParams = Readonly<Record<string, string | number>>;

/** The message for key in locale, with {name} placeholders filled from params. */
export function message(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return catalog[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
