import { isCategory, isCity } from "../api/catalog";
import type { Category, HostCard, HostCardInput, MarketLanguage } from "../api/types";
import type { MessageKey } from "../i18n/translate";
import { isDay, isTime } from "../training/dates";
import { parsePercent, parseYuan, percentInput, yuanInput } from "./money";
import { MAX_BPS } from "./terms";

export interface Window {
  day: number;
  from: string;
  to: string;
}

export interface ExceptionDraft {
  date: string;
  /** The whole day off; otherwise only `from`–`to` that day. */
  off: boolean;
  from: string;
  to: string;
}

export type Clip = HostCardInput["clips"][number];

export interface CardDraft {
  city: string;
  categories: Category[];
  languages: MarketLanguage[];
  headline: string;
  slotFee: string;
  minCommission: string;
  weekly: Window[];
  exceptions: ExceptionDraft[];
  clips: Clip[];
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const MAX_CLIPS = 6;
export const MAX_LISTINGS = 21;
const MAX_FEE_PER_HOUR_FEN = 10_000_000;

/** A first card: the person's city, Mandarin, and evenings to fill in. */
export function emptyCard(city = ""): CardDraft {
  return { city, categories: [], languages: ["mandarin"], headline: "", slotFee: "", minCommission: "", weekly: [], exceptions: [], clips: [] };
}

export function cardDraft(c: HostCard): CardDraft {
  return {
    city: c.city,
    categories: c.categories.filter(isCategory),
    languages: [...(c.languages as MarketLanguage[])],
    headline: c.headline ?? "",
    slotFee: yuanInput(c.slotFeePerHourFen),
    minCommission: percentInput(c.minCommissionBps),
    weekly: c.weekly.map((w) => ({ ...w })),
    exceptions: c.exceptions.map((x) => ({ date: x.date, off: !(x.from && x.to), from: x.from ?? "", to: x.to ?? "" })),
    clips: c.clips.map((x) => ({ ...x })),
  };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHHMM = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** A new window on a day: the evening most live sales happen in, or the three hours after that day's last window. */
export function nextWindow(weekly: readonly Window[], day: number): Window {
  const ends = weekly.filter((w) => w.day === day && isTime(w.to)).map((w) => toMinutes(w.to));
  if (!ends.length) return { day, from: "19:00", to: "22:00" };
  const from = Math.max(...ends);
  return from >= 23 * 60 ? { day, from: "09:00", to: "12:00" } : { day, from: toHHMM(from), to: toHHMM(Math.min(from + 180, 23 * 60 + 59)) };
}

const overlaps = (a: Window, b: Window) => a.day === b.day && a.from < b.to && b.from < a.to;

/** Problems by the API's field paths (`weekly.2.to`, `exceptions.0.date` …). */
export function checkCard(d: CardDraft): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {};
  const need = (path: string, ok: boolean, key: MessageKey) => {
    if (!ok) out[path] ??= key;
  };
  need("city", isCity(d.city), "fieldHint.city");
  need("categories", d.categories.length > 0, "market.check.categories");
  need("languages", d.languages.length > 0, "market.check.languages");
  // The API lists a card under each category × language, and takes at most 21 of those.
  need("languages", d.categories.length * d.languages.length <= MAX_LISTINGS, "market.check.combinations");
  need("headline", d.headline.trim().length <= 200, "fieldHint.headline");
  const fee = parseYuan(d.slotFee);
  need("slotFeePerHourFen", fee !== undefined, "market.check.yuan");
  need("slotFeePerHourFen", fee === undefined || fee <= MAX_FEE_PER_HOUR_FEN, "market.check.feePerHourMax");
  const bps = parsePercent(d.minCommission);
  need("minCommissionBps", bps !== undefined, "market.check.percent");
  need("minCommissionBps", bps === undefined || bps <= MAX_BPS, "market.check.percentMax");
  d.weekly.forEach((w, i) => {
    need(`weekly.${i}.from`, isTime(w.from), "market.check.time");
    need(`weekly.${i}.to`, isTime(w.to), "market.check.time");
    need(`weekly.${i}.to`, !isTime(w.from) || !isTime(w.to) || w.to > w.from, "fieldHint.weekly.to");
    need(`weekly.${i}.from`, !d.weekly.some((o, j) => j < i && overlaps(o, w)), "fieldHint.weekly");
  });
  d.exceptions.forEach((x, i) => {
    need(`exceptions.${i}.date`, isDay(x.date), "market.check.date");
    need(`exceptions.${i}.date`, !d.exceptions.some((o, j) => j < i && o.date === x.date), "market.check.sameDate");
    if (x.off) return;
    need(`exceptions.${i}.from`, isTime(x.from), "market.check.time");
    need(`exceptions.${i}.to`, isTime(x.to), "market.check.time");
    need(`exceptions.${i}.to`, !isTime(x.from) || !isTime(x.to) || x.to > x.from, "fieldHint.weekly.to");
  });
  need("clips", d.clips.length <= MAX_CLIPS, "fieldHint.clips");
  return out;
}

/** The API's input for a draft that passed checkCard; `version` is the one loaded (0 for a first card). */
export function toCardInput(d: CardDraft, version: number): HostCardInput {
  const headline = d.headline.trim();
  return {
    city: d.city as HostCardInput["city"],
    categories: d.categories,
    languages: d.languages,
    ...(headline ? { headline } : {}),
    slotFeePerHourFen: parseYuan(d.slotFee) ?? 0,
    minCommissionBps: parsePercent(d.minCommission) ?? 0,
    // In the draft's order, so the API's field paths (`weekly.2.to`) point at the rows on screen.
    weekly: d.weekly.map((w) => ({ ...w })),
    exceptions: d.exceptions.map((x) => (x.off ? { date: x.date } : { date: x.date, from: x.from, to: x.to })),
    clips: d.clips.map((c) => ({ ...c, title: c.title.trim().slice(0, 80) })),
    version,
  };
}
