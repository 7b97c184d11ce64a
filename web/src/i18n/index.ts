import { createRoot, createSignal } from "solid-js";
import { storage } from "../storage";
import { type DateStyle, formatDate, formatMoney, type MoneyStyle } from "./format";
import { type Locale, type MessageKey, type Params, parseLocale, translate } from "./translate";

export type { Locale, MessageKey } from "./translate";

const KEY = "zhubo.locale";

const [locale, setLocaleSignal] = createRoot(() => createSignal<Locale>(parseLocale(storage.get(KEY))));

export { locale };

export function t(key: MessageKey, params?: Params): string {
  return translate(locale(), key, params);
}

export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  storage.set(KEY, next);
  applyToDocument();
}

export function applyToDocument(): void {
  document.documentElement.lang = locale();
  document.title = t("app.name");
}

export const money = (fen: number, style?: MoneyStyle) => formatMoney(fen, locale(), style);
export const date = (value: string | number, style?: DateStyle) => formatDate(value, locale(), style);

window.addEventListener("storage", (e) => {
  if (e.key === KEY) {
    setLocaleSignal(parseLocale(e.newValue));
    applyToDocument();
  }
});
