import type { ApiError } from "../api/errors";
import { isMessageKey, type Locale, translate } from "./translate";

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
    const specific = `error.${err.code}.${path}`;
    const hint = `fieldHint.${path}`;
    if (isMessageKey(specific)) fields[path] = translate(locale, specific);
    else if (locale === "en") fields[path] = message;
    else fields[path] = translate(locale, isMessageKey(hint) ? hint : "form.check");
  }
  return { form: formMessage(err, locale), fields };
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
