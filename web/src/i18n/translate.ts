import { en } from "./messages-en";
import { type MessageKey, zh } from "./messages-zh";

export type { MessageKey } from "./messages-zh";
export type Locale = "zh-CN" | "en";
export const locales: readonly Locale[] = ["zh-CN", "en"];
export type Params = Record<string, string | number>;

export const dictionaries: Record<Locale, Record<MessageKey, string>> = { "zh-CN": zh, en };

/** Chinese unless English was chosen explicitly: most users are in Jiangsu. */
export function parseLocale(raw: string | null | undefined): Locale {
  return raw === "en" ? "en" : "zh-CN";
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zh, key);
}

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();
}

export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return interpolate(dictionaries[locale][key], params);
}
