import type { Booking } from "../api/types";
import { TIME_ZONE } from "../i18n/format";
import { type Locale, translate } from "../i18n/translate";
import { addDays, chinaDay, chinaParts } from "../training/dates";

export type Side = "brand" | "host";

/** The API's cut-off (CANCEL_CUTOFF_HOURS in core): either side may cancel up to this long before the start. */
export const CANCEL_CUTOFF_HOURS = 24;

/** The China calendar day an instant falls on. */
export const dayOf = (iso: string) => chinaParts(iso)?.day ?? iso.slice(0, 10);

/** Bookings (or anything with a start) as an agenda: China days in order, each day's items by start time. */
export function groupByDay<T extends { startsAt: string }>(items: readonly T[]): { day: string; items: T[] }[] {
  const sorted = [...items].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const days: { day: string; items: T[] }[] = [];
  for (const item of sorted) {
    const day = dayOf(item.startsAt);
    const last = days[days.length - 1];
    if (last?.day === day) last.items.push(item);
    else days.push({ day, items: [item] });
  }
  return days;
}

/** "19:00–21:00", Beijing time; a session past midnight says so ("23:00–次日 01:00"). */
export function timeRange(startsAt: string, endsAt: string, locale: Locale): string {
  const a = chinaParts(startsAt);
  const b = chinaParts(endsAt);
  if (!a || !b) return "";
  return a.day === b.day ? `${a.time}–${b.time}` : `${a.time}–${translate(locale, "calendar.nextDay", { time: b.time })}`;
}

/** A session's day and hours: "5月8日周五 19:00–21:00" / "Fri, May 8 19:00–21:00". */
export function sessionWhen(startsAt: string, endsAt: string, locale: Locale): string {
  const d = new Date(startsAt);
  if (Number.isNaN(d.getTime())) return "";
  const day = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", weekday: "short", timeZone: TIME_ZONE }).format(d);
  return `${day} ${timeRange(startsAt, endsAt, locale)}`;
}

/** When a gig ends: its start plus its minutes. */
export const gigEnd = (g: { startsAt: string; minutes: number }) => new Date(Date.parse(g.startsAt) + g.minutes * 60_000).toISOString();

/** An agenda day's heading: "今天 · 5月8日周五", "明天 · …", else the date and weekday. */
export function dayHeading(day: string, today: string, locale: Locale): string {
  const d = new Date(`${day}T12:00:00+08:00`);
  if (Number.isNaN(d.getTime())) return day;
  const label = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", weekday: "short", timeZone: TIME_ZONE }).format(d);
  const withYear = day.slice(0, 4) === today.slice(0, 4) ? label : `${day.slice(0, 4)} · ${label}`;
  if (day === today) return translate(locale, "calendar.today", { day: withYear });
  if (day === addDays(today, 1)) return translate(locale, "calendar.tomorrow", { day: withYear });
  return withYear;
}

export const chinaToday = (nowMs: number = Date.now()) => chinaDay(nowMs);

/** Which side of a booking (or offer) the signed-in person is on. */
export function sideOf(x: { hostID: string }, personID: string | undefined): Side {
  return x.hostID === personID ? "host" : "brand";
}

type BookingState = Pick<Booking, "status" | "startsAt" | "endsAt" | "brandReview" | "hostReview" | "proposal">;

/** What each side may do with a booking now — the API's rules, so the page offers only what will work. */
export function bookingActions(b: BookingState, side: Side, now: number) {
  const starts = Date.parse(b.startsAt);
  const ends = Date.parse(b.endsAt);
  const booked = b.status === "booked";
  const beforeCutoff = starts - now >= CANCEL_CUTOFF_HOURS * 3_600_000;
  const reviewed = side === "brand" ? Boolean(b.brandReview) : Boolean(b.hostReview);
  return {
    cancel: booked && beforeCutoff,
    /** Booked but inside the cut-off (and not started): say why there is no cancel button. */
    cancelClosed: booked && !beforeCutoff && now < starts,
    propose: booked && now < ends,
    acceptProposal: booked && Boolean(b.proposal) && b.proposal?.by !== side,
    waitingOnProposal: booked && b.proposal?.by === side,
    noShow: side === "brand" && booked && now >= starts,
    review: b.status !== "cancelled" && now >= ends && !reviewed,
  };
}
