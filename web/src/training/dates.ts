/**
 * Cohort dates are calendar days in China ("2026-12-01") and live classes are instants sent with
 * a +08:00 offset. These helpers do that arithmetic on the UTC+8 calendar, whatever the device's zone.
 */
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

export function chinaDay(nowMs: number): string {
  return new Date(nowMs + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

export function isTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A live class's start as the API wants it: "2026-12-01T19:30+08:00". */
export function classStart(day: string, time: string): string {
  return `${day}T${time}+08:00`;
}

/** The China calendar day and wall-clock time of an instant (any offset). */
export function chinaParts(iso: string): { day: string; time: string } | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const shifted = new Date(ms + CHINA_OFFSET_MS).toISOString();
  return { day: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

export type Phase = "upcoming" | "running" | "ended";

/** Where a cohort stands on `today`'s calendar; its end day still counts as running. */
export function phaseOf(dates: { startDate: string; endDate: string }, today: string): Phase {
  if (today < dates.startDate) return "upcoming";
  if (today > dates.endDate) return "ended";
  return "running";
}
