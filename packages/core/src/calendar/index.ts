import { z } from "zod/mini";

export * as Calendar from "./index.js";

/**
 * The one way a date or a moment comes in. JavaScript's own parser is no check: it rolls
 * 2027-02-30 over to 2027-03-02, accepts "December 1, 2026" and 24:00, and gives NaN for month 13
 * (which then failed deep inside a verb as a 500). A day here is a real Gregorian calendar date;
 * an instant is an ISO 8601 date and time with its offset, every part of it in range.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;

/** Whether `s` is YYYY-MM-DD naming a date that exists: it comes back unchanged from a real calendar. */
export function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return date.toISOString().slice(0, 10) === s;
}

/** Whether `s` is an ISO 8601 instant on a real date ("2026-12-01T19:30+08:00", "2026-12-01T11:30:00.000Z"). */
export function isInstant(s: string): boolean {
  const m = INSTANT.exec(s);
  return Boolean(m?.[1] && isDay(m[1]) && !Number.isNaN(Date.parse(s)));
}

/** A calendar date, YYYY-MM-DD (China's calendar day where a verb says so). */
export const Day = z.string().check(z.refine(isDay, "Use a real date like 2026-12-01"));

/** A moment: an ISO 8601 date and time with Z or an offset. */
export const Instant = z.string().check(z.refine(isInstant, "Use a time like 2026-12-01T19:30+08:00"));
