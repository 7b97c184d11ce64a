import { TIME_ZONE } from "../i18n/format";
import type { Locale } from "../i18n/translate";
import { endTime } from "./slots";

/** "12月1日周二 19:30–20:00" / "Tue, Dec 1, 19:30–20:00": a slot in Beijing time. */
export function slotLabel(lease: { startsAt: string; endsAt: string }, locale: Locale): string {
  const d = new Date(lease.startsAt);
  if (Number.isNaN(d.getTime())) return "";
  const start = new Intl.DateTimeFormat(locale, {
    month: "short",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: TIME_ZONE,
  }).format(d);
  return `${start}–${endTime(lease.endsAt)}`;
}

/** "12月1日周二" / "Tue, Dec 1": a China calendar day for the day picker. */
export function dayLabel(day: string, locale: Locale): string {
  const d = new Date(`${day}T12:00:00+08:00`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", weekday: "short", timeZone: TIME_ZONE }).format(d);
}
