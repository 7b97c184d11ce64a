import { TIME_ZONE } from "../i18n/format";
import type { Locale } from "../i18n/translate";

/*
 * Statement months are China-time calendar months ("2026-11"), as the API cuts them: the month
 * list and its default are computed here from a moment, never from the device's own time zone.
 */

const CHINA = 8 * 3_600_000;
/** The API has no statements before this month. */
export const FIRST_MONTH = "2024-01";
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (value: string | undefined): value is string => !!value && MONTH.test(value);

/** The China-time month a moment falls in. */
export const monthOf = (ms: number) => new Date(ms + CHINA).toISOString().slice(0, 7);

/** The month `by` months after `month` (negative: before). */
export function shiftMonth(month: string, by: number): string {
  const [, y, m] = MONTH.exec(month) as RegExpExecArray;
  const index = Number(y) * 12 + (Number(m) - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The months one may pick, newest first: this one back to `count` months ago, never before the first. */
export function monthsUpTo(nowMs: number, count = 24): string[] {
  const out: string[] = [];
  for (let month = monthOf(nowMs); month >= FIRST_MONTH && out.length < count; month = shiftMonth(month, -1)) out.push(month);
  return out;
}

/** Last month, which is the first finished one (this one if there is no earlier statement). */
export function defaultMonth(nowMs: number): string {
  const last = shiftMonth(monthOf(nowMs), -1);
  return last < FIRST_MONTH ? monthOf(nowMs) : last;
}

/** A month asked for in the address, if it is one the API would answer for. */
export function pickMonth(asked: string | undefined, nowMs: number): string {
  return isMonth(asked) && asked >= FIRST_MONTH && asked <= monthOf(nowMs) ? asked : defaultMonth(nowMs);
}

/** "2026年11月" / "November 2026". */
export function monthLabel(month: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: TIME_ZONE }).format(new Date(`${month}-01T00:00:00+08:00`));
}

/** The China calendar day of an instant ("2026-11-30"). */
export const chinaDay = (ms: number) => new Date(ms + CHINA).toISOString().slice(0, 10);

/** A statement's first and last day, from its [from, to) instants. */
export function periodDays(from: string, to: string): { first: string; last: string } {
  return { first: chinaDay(Date.parse(from)), last: chinaDay(Date.parse(to) - 1) };
}
