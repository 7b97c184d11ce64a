import type { MessageKey } from "../i18n/translate";
import { parsePercent, parseYuan } from "../market/money";

/*
 * What people type on the money pages, read into integers (fen, basis points, months) by string
 * arithmetic, with the API's own limits so a refusal shows before the request is sent.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: MessageKey };

/** One top-up at most ¥1,000,000: the simulated bank's ceiling, and more than a brand moves at once. */
export const MAX_TOP_UP_FEN = 100_000_000;
/** The API's ceiling for an agency's share (30 %) and for the platform fee (50 %). */
export const MAX_SHARE_BPS = 3_000;
export const MAX_PLATFORM_FEE_BPS = 5_000;
export const MIN_SHARE_MONTHS = 1;
export const MAX_SHARE_MONTHS = 36;

/** A top-up's amount in yuan ("2000", "1,500.50", "¥88") → fen: more than nothing, at most ¥1,000,000. */
export function checkTopUp(text: string): Checked<number> {
  if (!text.trim()) return { ok: false, problem: "form.required" };
  const fen = parseYuan(text);
  if (fen === undefined) return { ok: false, problem: "market.check.yuan" };
  if (fen < 1) return { ok: false, problem: "money.check.topUpMin" };
  if (fen > MAX_TOP_UP_FEN) return { ok: false, problem: "money.check.topUpMax" };
  return { ok: true, value: fen };
}

const REFERENCE = /^[A-Za-z0-9_-]{4,64}$/;

/** The bank's payment reference as pasted (spaces around it dropped), in the shape the API accepts. */
export function checkReference(text: string): Checked<string> {
  const value = text.trim();
  if (!value) return { ok: false, problem: "form.required" };
  return REFERENCE.test(value) ? { ok: true, value } : { ok: false, problem: "money.check.reference" };
}

/** A percentage up to `maxBps` → basis points. */
export function checkRate(text: string, maxBps: number): Checked<number> {
  if (!text.trim()) return { ok: false, problem: "form.required" };
  const bps = parsePercent(text);
  if (bps === undefined) return { ok: false, problem: "market.check.percent" };
  if (bps > maxBps) return { ok: false, problem: maxBps === MAX_SHARE_BPS ? "money.check.shareMax" : "money.check.feeMax" };
  return { ok: true, value: bps };
}

/** Whole months, 1 to 36 ("12", "１２"). */
export function checkMonths(text: string): Checked<number> {
  const value = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!value) return { ok: false, problem: "form.required" };
  if (!/^\d{1,3}$/.test(value)) return { ok: false, problem: "money.check.months" };
  const months = Number(value);
  return months >= MIN_SHARE_MONTHS && months <= MAX_SHARE_MONTHS ? { ok: true, value: months } : { ok: false, problem: "money.check.months" };
}
