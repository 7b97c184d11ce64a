/** Pure rules of notifications: which kinds also go by SMS/email, and quiet hours in China time (UTC+8, no DST). */

export const KINDS = [
  "invitation_received",
  "offer_received",
  "offer_countered",
  "offer_declined",
  "offer_withdrawn",
  "offer_accepted",
  "booking_cancelled",
  "booking_no_show",
  "review_received",
  "certificate_issued",
  "certificate_renewed",
  "certificate_revoked",
] as const;
export type Kind = (typeof KINDS)[number];

/** What someone would want on their phone even with the app closed. */
export const IMPORTANT: ReadonlySet<Kind> = new Set<Kind>([
  "invitation_received",
  "offer_received",
  "offer_accepted",
  "booking_cancelled",
  "booking_no_show",
  "certificate_issued",
  "certificate_revoked",
]);

export type MessagePreference = "important" | "all" | "none";

export function wantsMessage(pref: MessagePreference, kind: Kind): boolean {
  return pref === "all" || (pref === "important" && IMPORTANT.has(kind));
}

const CHINA_OFFSET_MIN = 8 * 60;
const DAY_MIN = 24 * 60;

/** "HH:MM" (00:00–23:59) as minutes after midnight, or undefined. */
export function minutesOf(hhmm: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Minutes since China midnight at `ms`. */
export function chinaMinute(ms: number): number {
  return (((Math.floor(ms / 60_000) + CHINA_OFFSET_MIN) % DAY_MIN) + DAY_MIN) % DAY_MIN;
}

/** Whether `ms` falls in the quiet hours [from, to) (China time; from > to spans midnight; from = to: none). */
export function isQuiet(ms: number, from: string, to: string): boolean {
  const f = minutesOf(from);
  const t = minutesOf(to);
  if (f === undefined || t === undefined || f === t) return false;
  const m = chinaMinute(ms);
  return f < t ? m >= f && m < t : m >= f || m < t;
}

/** When the quiet hours around `ms` end (the next China-time `to` at or after `ms`), in epoch ms. */
export function quietEnds(ms: number, to: string): number {
  const t = minutesOf(to) ?? 0;
  const startOfMinute = Math.floor(ms / 60_000) * 60_000;
  const wait = (t - chinaMinute(ms) + DAY_MIN) % DAY_MIN;
  return startOfMinute + wait * 60_000;
}
