import { isCategory, isCity } from "../api/catalog";
import type { Category, Gig, GigInput, MarketLanguage } from "../api/types";
import type { MessageKey } from "../i18n/translate";
import { addDays, isDay, isTime } from "../training/dates";
import { parsePercent, parseYuan, percentInput, yuanInput } from "./money";
import { MAX_BPS, MAX_FEN } from "./terms";

export interface GigDraft {
  title: string;
  products: { name: string; price: string }[];
  category: Category | "";
  mode: "onsite" | "remote";
  city: string;
  venue: string;
  date: string;
  startTime: string;
  minutes: string;
  requiredCertifications: string[];
  languages: MarketLanguage[];
  budget: string;
  commission: string;
}

export type GigFields = Omit<GigInput, "brandID">;

export const MIN_MINUTES = 30;
export const MAX_MINUTES = 12 * 60;
export const MAX_CERTIFICATIONS = 3;

/** A new gig: a week ahead at 19:00 for two hours, on site in the brand's city — the usual evening session. */
export function emptyGig(today: string, brand?: { city?: string; category?: string }): GigDraft {
  return {
    title: "",
    products: [{ name: "", price: "" }],
    category: brand?.category && isCategory(brand.category) ? brand.category : "",
    mode: "onsite",
    city: brand?.city ?? "",
    venue: "",
    date: addDays(today, 7),
    startTime: "19:00",
    minutes: "120",
    requiredCertifications: [],
    languages: [],
    budget: "",
    commission: "",
  };
}

export function gigDraft(g: Gig): GigDraft {
  return {
    title: g.title,
    products: g.products.map((p) => ({ name: p.name, price: yuanInput(p.priceFen) })),
    category: isCategory(g.category) ? g.category : "",
    mode: g.mode,
    city: g.city ?? "",
    venue: g.venue ?? "",
    date: g.date,
    startTime: g.startTime,
    minutes: String(g.minutes),
    requiredCertifications: [...g.requiredCertifications],
    languages: [...(g.languages as MarketLanguage[])],
    budget: yuanInput(g.budgetFen),
    commission: percentInput(g.commissionBps),
  };
}

const whole = (value: string) => (/^\s*\d{1,5}\s*$/.test(value) ? Number(value) : undefined);

/** Problems by the API's field paths; a start in the past today is the API's to say (its clock). */
export function checkGig(d: GigDraft, today: string): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {};
  const need = (path: string, ok: boolean, key: MessageKey) => {
    if (!ok) out[path] ??= key;
  };
  const title = d.title.trim();
  need("title", title.length >= 2 && title.length <= 80, "fieldHint.gigTitle");
  need("products", d.products.length > 0, "fieldHint.products");
  d.products.forEach((p, i) => {
    need(`products.${i}.name`, p.name.trim().length >= 1 && p.name.trim().length <= 80, "fieldHint.products.name");
    const price = parseYuan(p.price);
    need(`products.${i}.priceFen`, price !== undefined, "market.check.yuan");
    need(`products.${i}.priceFen`, price === undefined || price <= MAX_FEN, "market.check.yuanMax");
  });
  need("category", d.category !== "", "fieldHint.category");
  if (d.mode === "onsite") {
    need("city", isCity(d.city), "fieldHint.city");
    need("venue", d.venue.trim().length > 0, "fieldHint.venue");
  }
  need("venue", d.venue.trim().length <= 200, "fieldHint.venue");
  need("date", isDay(d.date), "market.check.date");
  need("date", !isDay(d.date) || d.date >= today, "fieldHint.date");
  need("startTime", isTime(d.startTime), "market.check.time");
  const minutes = whole(d.minutes);
  need("minutes", minutes !== undefined && minutes >= MIN_MINUTES && minutes <= MAX_MINUTES, "fieldHint.gigMinutes");
  need("requiredCertifications", d.requiredCertifications.length <= MAX_CERTIFICATIONS, "fieldHint.requiredCertifications");
  const budget = parseYuan(d.budget);
  need("budgetFen", budget !== undefined, "market.check.yuan");
  need("budgetFen", budget === undefined || budget <= MAX_FEN, "market.check.yuanMax");
  const bps = parsePercent(d.commission);
  need("commissionBps", bps !== undefined, "market.check.percent");
  need("commissionBps", bps === undefined || bps <= MAX_BPS, "market.check.percentMax");
  return out;
}

/** The API's fields for a draft that passed checkGig (remote gigs send no city or venue). */
export function toGigFields(d: GigDraft): GigFields {
  const onsite = d.mode === "onsite";
  return {
    title: d.title.trim(),
    products: d.products.map((p) => ({ name: p.name.trim(), priceFen: parseYuan(p.price) ?? 0 })),
    category: d.category as Category,
    mode: d.mode,
    ...(onsite && isCity(d.city) ? { city: d.city } : {}),
    ...(onsite ? { venue: d.venue.trim() } : {}),
    date: d.date,
    startTime: d.startTime,
    minutes: whole(d.minutes) ?? 0,
    requiredCertifications: d.requiredCertifications,
    languages: d.languages,
    budgetFen: parseYuan(d.budget) ?? 0,
    commissionBps: parsePercent(d.commission) ?? 0,
  };
}
