import type { MatchReason } from "../api/types";
import { formatMoney } from "../i18n/format";
import { isMessageKey, type Locale, translate } from "../i18n/translate";
import { percent } from "./money";

/** The reasons that count against a match: said, but toned down beside the ones that count for it. */
const against = new Set<MatchReason["code"]>(["missing_certification", "other_city", "missing_language", "unavailable", "over_budget", "commission_low"]);

export const isAgainst = (r: Pick<MatchReason, "code">) => against.has(r.code);

function named(locale: Locale, prefix: "city" | "category" | "marketLanguage", value: string): string {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? translate(locale, key) : value;
}

/**
 * One reason of a match score in words ("食品带货主播（初级）认证 L1", "同城（徐州）", "4.8★（12 条）").
 * `certName` names a required certification the host lacks (the reason carries only its id).
 */
export function reasonText(r: MatchReason, locale: Locale, certName?: (definitionID: string) => string | undefined): string {
  const fee = (fen: number) => formatMoney(fen, locale, "short");
  switch (r.code) {
    case "certified":
      return translate(locale, "reason.certified", { name: r.name, level: r.level });
    case "missing_certification": {
      const name = certName?.(r.definitionID);
      return name ? translate(locale, "reason.missingCertification", { name }) : translate(locale, "reason.missingSomeCertification");
    }
    case "category":
      return translate(locale, "reason.category", { category: named(locale, "category", r.category) });
    case "sessions":
      return translate(locale, "reason.sessions", { count: r.sessions });
    case "same_city":
      return translate(locale, "reason.sameCity", { city: named(locale, "city", r.city) });
    case "other_city":
      return translate(locale, "reason.otherCity", { city: named(locale, "city", r.city) });
    case "languages":
      return translate(locale, "reason.languages");
    case "missing_language":
      return translate(locale, "reason.missingLanguage", { language: named(locale, "marketLanguage", r.language) });
    case "available":
      return translate(locale, "reason.available");
    case "unavailable":
      return translate(locale, "reason.unavailable");
    case "within_budget":
      return translate(locale, "reason.withinBudget", { fee: fee(r.feeFen) });
    case "over_budget":
      return translate(locale, "reason.overBudget", { fee: fee(r.feeFen), over: fee(r.overFen) });
    case "commission_ok":
      return translate(locale, "reason.commissionOk");
    case "commission_low":
      return translate(locale, "reason.commissionLow", { min: percent(r.minBps) });
    case "rating":
      return translate(locale, "reason.rating", { stars: stars(r.tenths), count: r.count });
    case "show_up":
      return translate(locale, "reason.showUp", { percent: r.percent });
    default:
      // A reason a newer API added: its code, rather than nothing.
      return (r as { code: string }).code;
  }
}

const stars = (tenths: number) => `${Math.floor(tenths / 10)}.${tenths % 10}`;

/** A card's average rating like the API rounds it (tenths of a star, integer maths): "4.8★（12 条）". */
export function ratingText(sum: number, count: number, locale: Locale): string {
  const tenths = count > 0 ? Math.round((sum * 10) / count) : 0;
  return translate(locale, "reason.rating", { stars: stars(tenths), count });
}

/** The compact line under a candidate or a gig: "食品带货主播（初级）认证 L1 · 同城（徐州） · 该时段有空 · 坑位费 ¥1,600，在预算内". */
export function reasonLine(reasons: readonly MatchReason[], locale: Locale, certName?: (definitionID: string) => string | undefined): string {
  return reasons.map((r) => reasonText(r, locale, certName)).join(" · ");
}
