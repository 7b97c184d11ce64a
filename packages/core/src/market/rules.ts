import { z } from "zod/mini";
import { Calendar } from "../calendar/index.js";

/**
 * Matching as pure functions: when a host is available, what a gig costs at a host's rate, and
 * the explainable score — each point with its reason — that ranks candidates for a gig and gigs
 * for a host. The module's queries only decide which hosts are read (from indexes); these decide
 * the order and the words.
 */

export const languages = ["mandarin", "wu", "jianghuai", "zhongyuan", "cantonese", "english"] as const;
export type Language = (typeof languages)[number];

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const TimeSchema = z.string().check(z.regex(HHMM, "A time like 19:30"));
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const WeeklySchema = z
  .array(
    z
      .object({ day: z.int().check(z.minimum(1, "Monday is 1"), z.maximum(7, "Sunday is 7")), from: TimeSchema, to: TimeSchema })
      .check(z.refine((w) => minutesOf(w.to) > minutesOf(w.from), { message: "Ends after it starts", path: ["to"] })),
  )
  .check(z.maxLength(42, "At most 42 windows"));
export type Weekly = z.output<typeof WeeklySchema>;

export const ExceptionsSchema = z
  .array(
    z.object({
      date: Calendar.Day,
      /** Without hours the whole day is off; with them, only those hours are available that day. */
      from: z.optional(TimeSchema),
      to: z.optional(TimeSchema),
    }),
  )
  .check(z.maxLength(120, "At most 120 exceptions"));
export type Exceptions = z.output<typeof ExceptionsSchema>;

const CHINA = 8 * 3_600_000;
/** China-time calendar date, ISO weekday (1 = Monday) and minute of day of an instant. */
export function chinaTime(ms: number): { date: string; day: number; minute: number } {
  const local = new Date(ms + CHINA);
  const day = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  return { date: local.toISOString().slice(0, 10), day, minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** A gig's start in China time → epoch ms. */
export function startOf(date: string, time: string): number {
  return Date.parse(`${date}T${time}:00+08:00`);
}

/** Whether the host's availability covers [start, end): weekly hours, or that day's exception. Same China day only. */
export function available(host: { weekly: Weekly; exceptions: Exceptions }, startMs: number, endMs: number): boolean {
  const s = chinaTime(startMs);
  const e = chinaTime(endMs - 1);
  if (s.date !== e.date) return false;
  const from = s.minute;
  const to = e.minute + 1;
  const exception = host.exceptions.find((x) => x.date === s.date);
  if (exception) return Boolean(exception.from && exception.to && minutesOf(exception.from) <= from && minutesOf(exception.to) >= to);
  return host.weekly.some((w) => w.day === s.day && minutesOf(w.from) <= from && minutesOf(w.to) >= to);
}

/** The slot fee for a session of `minutes` at an hourly rate, in fen (rounded up to the fen; integers only). */
export function slotFee(perHourFen: number, minutes: number): number {
  return Math.ceil((perHourFen * minutes) / 60);
}

export interface HostFacts {
  hostID: string;
  city: string;
  categories: string[];
  languages: string[];
  slotFeePerHourFen: number;
  minCommissionBps: number;
  weekly: Weekly;
  exceptions: Exceptions;
  /** Certificates as listed: active until `expiresAt`. */
  certs: { definitionID: string; name: string; level: number; category: string; expiresAt: string }[];
  sessions: number;
  noShows: number;
  ratingSum: number;
  ratingCount: number;
}

export interface GigFacts {
  category: string;
  mode: "onsite" | "remote";
  city?: string;
  startsAt: number;
  endsAt: number;
  requiredCertifications: string[];
  languages: string[];
  budgetFen: number;
  commissionBps: number;
}

export type Reason =
  | { code: "certified"; name: string; level: number; points: number }
  | { code: "missing_certification"; definitionID: string; points: 0 }
  | { code: "category"; category: string; points: number }
  | { code: "sessions"; sessions: number; points: number }
  | { code: "same_city"; city: string; points: number }
  | { code: "other_city"; city: string; points: 0 }
  | { code: "languages"; points: number }
  | { code: "missing_language"; language: string; points: 0 }
  | { code: "available"; points: number }
  | { code: "unavailable"; points: 0 }
  | { code: "within_budget"; feeFen: number; points: number }
  | { code: "over_budget"; feeFen: number; overFen: number; points: 0 }
  | { code: "commission_ok"; points: number }
  | { code: "commission_low"; minBps: number; points: 0 }
  | { code: "rating"; tenths: number; count: number; points: number }
  | { code: "show_up"; percent: number; points: number };

export interface Scored {
  score: number;
  /** Hard requirements unmet (a required certification not active then, a required language): not a candidate. */
  eligible: boolean;
  reasons: Reason[];
}

/** Average rating in tenths of a star (48 = 4.8★), integer maths; 0 without ratings. */
export function ratingTenths(sum: number, count: number): number {
  return count > 0 ? Math.round((sum * 10) / count) : 0;
}

/**
 * The explainable score of a host for a gig, 0–100: certification 20, category 10 + experience up
 * to 10, city 15 (on-site), languages 5, availability 15, budget 10, commission 5, rating up to 5,
 * show-up record up to 5. Every point comes with its reason.
 */
export function score(gig: GigFacts, host: HostFacts): Scored {
  const reasons: Reason[] = [];
  let eligible = true;
  const at = new Date(gig.startsAt).toISOString();
  for (const id of gig.requiredCertifications) {
    const cert = host.certs.find((c) => c.definitionID === id && c.expiresAt > new Date(gig.endsAt).toISOString() && c.expiresAt > at);
    if (cert) reasons.push({ code: "certified", name: cert.name, level: cert.level, points: Math.floor(20 / gig.requiredCertifications.length) });
    else {
      eligible = false;
      reasons.push({ code: "missing_certification", definitionID: id, points: 0 });
    }
  }
  if (gig.requiredCertifications.length === 0) {
    const best = host.certs.filter((c) => c.category === gig.category && c.expiresAt > new Date(gig.endsAt).toISOString()).sort((a, b) => b.level - a.level)[0];
    if (best) reasons.push({ code: "certified", name: best.name, level: best.level, points: 20 });
  }
  if (host.categories.includes(gig.category)) reasons.push({ code: "category", category: gig.category, points: 10 });
  if (host.sessions > 0) reasons.push({ code: "sessions", sessions: host.sessions, points: Math.min(10, Math.floor(host.sessions / 5)) });
  if (gig.mode === "onsite" && gig.city) {
    reasons.push(host.city === gig.city ? { code: "same_city", city: host.city, points: 15 } : { code: "other_city", city: host.city, points: 0 });
  }
  const missing = gig.languages.filter((l) => !host.languages.includes(l));
  for (const language of missing) reasons.push({ code: "missing_language", language, points: 0 });
  if (missing.length) eligible = false;
  else if (gig.languages.length) reasons.push({ code: "languages", points: 5 });
  reasons.push(available(host, gig.startsAt, gig.endsAt) ? { code: "available", points: 15 } : { code: "unavailable", points: 0 });
  const feeFen = slotFee(host.slotFeePerHourFen, Math.round((gig.endsAt - gig.startsAt) / 60_000));
  reasons.push(
    feeFen <= gig.budgetFen ? { code: "within_budget", feeFen, points: 10 } : { code: "over_budget", feeFen, overFen: feeFen - gig.budgetFen, points: 0 },
  );
  reasons.push(
    gig.commissionBps >= host.minCommissionBps ? { code: "commission_ok", points: 5 } : { code: "commission_low", minBps: host.minCommissionBps, points: 0 },
  );
  const tenths = ratingTenths(host.ratingSum, host.ratingCount);
  if (host.ratingCount > 0) reasons.push({ code: "rating", tenths, count: host.ratingCount, points: Math.floor(tenths / 10) });
  if (host.sessions > 0) {
    const percent = Math.floor(((host.sessions - host.noShows) * 100) / host.sessions);
    reasons.push({ code: "show_up", percent, points: Math.floor(percent / 20) });
  }
  return { score: reasons.reduce((n, r) => n + r.points, 0), eligible, reasons };
}

/**
 * A host's standing independent of any gig (the index order): certification levels, rating,
 * show-up record, experience. 0–999999, higher first.
 */
export function standing(host: Pick<HostFacts, "certs" | "ratingSum" | "ratingCount" | "sessions" | "noShows">): number {
  const level = Math.max(0, ...host.certs.map((c) => c.level));
  const tenths = ratingTenths(host.ratingSum, host.ratingCount);
  const showUp = host.sessions > 0 ? Math.floor(((host.sessions - host.noShows) * 9) / host.sessions) : 5;
  return Math.min(999_999, level * 100_000 + tenths * 1_000 + showUp * 100 + Math.min(99, host.sessions));
}
