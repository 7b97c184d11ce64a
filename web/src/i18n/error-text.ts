import type { ApiError } from "../api/errors";
import { isMessageKey, type Locale, type MessageKey, translate } from "./translate";

export interface ErrorText {
  form?: string;
  fields: Record<string, string>;
}

/**
 * Field messages: a translation for this code and field, else the API's English text in English,
 * else a per-field hint, else "check this". Form message: a translation of the code, else a generic line.
 */
export function describeError(err: ApiError, locale: Locale): ErrorText {
  const fields: Record<string, string> = {};
  for (const [path, message] of Object.entries(err.fields)) {
    const specific = firstKey(`error.${err.code}`, path);
    const hint = firstKey("fieldHint", path);
    const text = TEXT_MESSAGES[message];
    if (specific) fields[path] = translate(locale, specific);
    else if (text) fields[path] = translate(locale, text);
    else if (locale === "en") fields[path] = message;
    else fields[path] = translate(locale, hint ?? "form.check");
  }
  return { form: formMessage(err, locale), fields };
}

/** The API's messages about hidden or look-alike characters (core's Text and login checks), on any field. */
const TEXT_MESSAGES: Record<string, MessageKey> = {
  "Remove invisible characters": "text.invisible",
  "Remove characters that change the text's direction": "text.bidi",
  "Remove control characters": "text.control",
  "Contains a broken character": "text.surrogate",
  "Remove invisible or control characters": "text.loginHidden",
  "Uses letters from more than one alphabet (e.g. Latin and Cyrillic)": "text.loginMixed",
};

/** "modules.2.lessons.0.title" is described by a key for itself, else by "modules.lessons.title". */
function firstKey(prefix: string, path: string): MessageKey | undefined {
  const exact = `${prefix}.${path}`;
  const general = `${prefix}.${path.replace(/\.\d+(?=\.|$)/g, "")}`;
  return isMessageKey(exact) ? exact : isMessageKey(general) ? general : undefined;
}

function formMessage(err: ApiError, locale: Locale): string {
  if (err.network) return translate(locale, "error.network");
  const key = `error.${err.code}`;
  if (isMessageKey(key)) {
    const minutes = Math.max(1, Math.ceil((err.retryAfterSeconds ?? 60) / 60));
    return translate(locale, key, { minutes });
  }
  return err.requestId ? translate(locale, "error.genericWithID", { id: err.requestId }) : translate(locale, "error.generic");
}
