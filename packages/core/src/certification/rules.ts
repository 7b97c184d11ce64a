import { z } from "zod/mini";

/**
 * The rules of certification as pure functions of the evidence and the clock's time: who is
 * eligible, what a certificate's status is, when a holder is told it is expiring, and when fresh
 * practice renews it. The module's verbs, the learner's checklist and the instructor's roster all
 * call these, so they always agree.
 */

export const RequirementsSchema = z.object({
  /** Share of the course's lessons completed, 0–100 %. */
  lessonsPercent: z.int().check(z.minimum(0, "0 to 100"), z.maximum(100, "0 to 100")),
  practiceMinutes: z.int().check(z.minimum(0, "Not negative"), z.maximum(10_000, "At most 10,000 minutes")),
  practiceSessions: z.int().check(z.minimum(0, "Not negative"), z.maximum(500, "At most 500 sessions")),
  /** Minimum weighted rubric average in hundredths of a point (250 = 2.50 of 4). */
  rubricAverage: z.int().check(z.minimum(0, "0 to 400 (hundredths of a point)"), z.maximum(400, "0 to 400 (hundredths of a point)")),
  /** No criterion of the latest review below this score (0–4). */
  criterionFloor: z.int().check(z.minimum(0, "Scores run 0 to 4"), z.maximum(4, "Scores run 0 to 4")),
});
export type Requirements = z.output<typeof RequirementsSchema>;

/** What a learner has done in the cohort that counts towards a certification. */
export interface Evidence {
  lessonsDone: number;
  lessonsTotal: number;
  practiceMinutes: number;
  practiceSessions: number;
  /** criterionID → 0..4 from the latest scored review; absent before the first review. */
  scores?: Record<string, number>;
  /** The learner's rubric: weights are integers summing to 100. */
  rubric: { criterionID: string; weight: number }[];
}

export type RequirementName = keyof Requirements;

export interface Check {
  requirement: RequirementName;
  met: boolean;
  /** What the learner has, in the requirement's unit; null when there is nothing to measure yet (no review). */
  have: number | null;
  need: number;
}

/** Weighted average of the scores in hundredths (weights sum to 100, so Σ score × weight); null without a full review. */
export function rubricAverage(scores: Record<string, number> | undefined, rubric: Evidence["rubric"]): number | null {
  if (!scores || rubric.length === 0 || rubric.some((c) => scores[c.criterionID] === undefined)) return null;
  const total = rubric.reduce((n, c) => n + c.weight, 0);
  const sum = rubric.reduce((n, c) => n + (scores[c.criterionID] as number) * c.weight, 0);
  // Weights sum to 100 for every course; the division only guards a malformed snapshot (integer hundredths, rounded down).
  return total === 100 ? sum : Math.floor((sum * 100) / total);
}

export function lowestScore(scores: Record<string, number> | undefined, rubric: Evidence["rubric"]): number | null {
  if (!scores || rubric.length === 0 || rubric.some((c) => scores[c.criterionID] === undefined)) return null;
  return Math.min(...rubric.map((c) => scores[c.criterionID] as number));
}

export function lessonsPercent(e: Pick<Evidence, "lessonsDone" | "lessonsTotal">): number {
  if (e.lessonsTotal <= 0) return 100;
  return Math.floor((Math.min(Math.max(e.lessonsDone, 0), e.lessonsTotal) * 100) / e.lessonsTotal);
}

/** Each requirement, met or not, with what the learner has against what is needed (in requirement order). */
export function checks(req: Requirements, e: Evidence): Check[] {
  const average = rubricAverage(e.scores, e.rubric);
  const floor = lowestScore(e.scores, e.rubric);
  const lessons = lessonsPercent(e);
  return [
    { requirement: "lessonsPercent", met: lessons >= req.lessonsPercent, have: lessons, need: req.lessonsPercent },
    { requirement: "practiceMinutes", met: e.practiceMinutes >= req.practiceMinutes, have: e.practiceMinutes, need: req.practiceMinutes },
    { requirement: "practiceSessions", met: e.practiceSessions >= req.practiceSessions, have: e.practiceSessions, need: req.practiceSessions },
    // A requirement of 0 asks for no review at all.
    { requirement: "rubricAverage", met: req.rubricAverage === 0 || (average ?? -1) >= req.rubricAverage, have: average, need: req.rubricAverage },
    { requirement: "criterionFloor", met: req.criterionFloor === 0 || (floor ?? -1) >= req.criterionFloor, have: floor, need: req.criterionFloor },
  ];
}

export function eligible(req: Requirements, e: Evidence): boolean {
  return checks(req, e).every((c) => c.met);
}

export type Status = "active" | "expired" | "revoked";

/** Revoked stays revoked; otherwise active until the expiry instant, expired from then on. */
export function statusAt(cert: { revokedAt?: string; expiresAt: string }, nowMs: number): Status {
  if (cert.revokedAt) return "revoked";
  return nowMs < Date.parse(cert.expiresAt) ? "active" : "expired";
}

/** Holders are told this many days before expiry. */
export const NOTICE_DAYS = 30;
const DAY = 86_400_000;

/** The in-app notice for a certificate: expiring within NOTICE_DAYS, or expired; none otherwise. */
export function noticeAt(cert: { revokedAt?: string; expiresAt: string }, nowMs: number): { kind: "expiring"; days: number } | { kind: "expired" } | undefined {
  const status = statusAt(cert, nowMs);
  if (status === "expired") return { kind: "expired" };
  if (status !== "active") return undefined;
  const left = Date.parse(cert.expiresAt) - nowMs;
  return left <= NOTICE_DAYS * DAY ? { kind: "expiring", days: Math.ceil(left / DAY) } : undefined;
}

/** `iso` plus whole calendar months (UTC), the day clamped to the month's last day (Jan 31 + 1 → Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const d = new Date(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString();
}

/**
 * Renewal: a certificate that isn't revoked renews once it is within the notice window or
 * expired, when the holder practised within the definition's last `withinMonths`. The new
 * validity runs from the later of now and the old expiry, so renewing early loses nothing.
 */
export function renewal(
  cert: { revokedAt?: string; expiresAt: string },
  rule: { validityMonths: number; renewalWithinMonths: number },
  lastPracticeAt: string | undefined,
  nowMs: number,
): { expiresAt: string } | undefined {
  const status = statusAt(cert, nowMs);
  if (status === "revoked") return undefined;
  if (status === "active" && Date.parse(cert.expiresAt) - nowMs > NOTICE_DAYS * DAY) return undefined;
  const now = new Date(nowMs).toISOString();
  if (!lastPracticeAt || Date.parse(lastPracticeAt) < Date.parse(addMonths(now, -rule.renewalWithinMonths)) || Date.parse(lastPracticeAt) > nowMs)
    return undefined;
  const from = Math.max(nowMs, Date.parse(cert.expiresAt));
  return { expiresAt: addMonths(new Date(from).toISOString(), rule.validityMonths) };
}
