import { addDays, chinaDay, chinaParts, classStart } from "../training/dates";

/**
 * Practice slots are whole quarter hours on the China (UTC+8) clock. The API takes a start on
 * :00/:15/:30/:45 that hasn't passed (the current quarter hour still counts) and 15–120 minutes;
 * the stream key opens EARLY_MINUTES before the start and closes at the end.
 */
export const QUARTER_MS = 15 * 60_000;
export const EARLY_MINUTES = 10;
export const LENGTHS = [15, 30, 45, 60, 90, 120] as const;
/** How many China days ahead the day picker offers, today included. */
export const BOOKING_DAYS = 7;

/** The start of the quarter hour `nowMs` falls in. */
export function currentQuarter(nowMs: number): number {
  return Math.floor(nowMs / QUARTER_MS) * QUARTER_MS;
}

/** Today and the following days on the China calendar. */
export function dayOptions(nowMs: number, count = BOOKING_DAYS): string[] {
  const today = chinaDay(nowMs);
  return Array.from({ length: count }, (_, i) => addDays(today, i));
}

/** Every quarter hour ("HH:MM") of a China day that can still be booked at `nowMs`. */
export function timeOptions(day: string, nowMs: number): string[] {
  const earliest = currentQuarter(nowMs);
  const out: string[] = [];
  for (let m = 0; m < 24 * 60; m += 15) {
    const time = `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
    if (Date.parse(classStart(day, time)) >= earliest) out.push(time);
  }
  return out;
}

/** The instant the API wants for a China day and wall time, as UTC ISO ("2026-12-01T11:30:00.000Z"). */
export function slotStart(day: string, time: string): string {
  return new Date(Date.parse(classStart(day, time))).toISOString();
}

/** The first bookable day and time: now's quarter hour on today, else the next day's first. */
export function firstSlot(nowMs: number): { day: string; time: string } {
  return chinaParts(new Date(currentQuarter(nowMs)).toISOString()) ?? { day: chinaDay(nowMs), time: "00:00" };
}

export type SlotPhase = "live" | "upcoming" | "past" | "cancelled";

/** Where a lease stands at `nowMs`: "live" from EARLY_MINUTES before its start until its end. */
export function slotPhase(lease: { startsAt: string; endsAt: string; status: string }, nowMs: number): SlotPhase {
  if (lease.status === "cancelled") return "cancelled";
  const end = Date.parse(lease.endsAt);
  if (lease.status !== "booked" || nowMs >= end) return "past";
  return nowMs >= Date.parse(lease.startsAt) - EARLY_MINUTES * 60_000 ? "live" : "upcoming";
}

/** Whether the learner may still give a slot back: booked and not started (the early-open window still counts). */
export function cancellable(lease: { startsAt: string; status: string }, nowMs: number): boolean {
  return lease.status === "booked" && nowMs < Date.parse(lease.startsAt);
}

/** Whole minutes between two instants. */
export function lengthMinutes(startsAt: string, endsAt: string): number {
  return Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000);
}

/** A lease's China wall-clock end ("20:15"). */
export function endTime(endsAt: string): string {
  return chinaParts(endsAt)?.time ?? "";
}

/** Upcoming and live slots soonest first; past and cancelled ones newest first. */
export function splitSlots<L extends { startsAt: string; endsAt: string; status: string }>(leases: readonly L[], nowMs: number) {
  const ahead = leases.filter((l) => ["live", "upcoming"].includes(slotPhase(l, nowMs))).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const behind = leases.filter((l) => ["past", "cancelled"].includes(slotPhase(l, nowMs))).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return { ahead, behind };
}
