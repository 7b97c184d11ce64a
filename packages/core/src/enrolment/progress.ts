/**
 * Progress is a pure function of the enrolment's evidence and the cohort's dates, so the
 * learner's page, the instructor's roster and (later) certification agree on one number.
 */
export interface Evidence {
  lessonsDone: number;
  lessonsTotal: number;
  practiceMinutes: number;
  practiceSessions: number;
  requirement: { minutes: number; sessions: number };
}

export interface Progress extends Evidence {
  /** 0..100: the mean of each required part's completion, each capped at 100. */
  percent: number;
  /** 0..100: how far through the cohort's dates we are. */
  expectedPercent: number;
  /** More than BEHIND_MARGIN points below where the calendar says they should be. */
  behind: boolean;
}

export const BEHIND_MARGIN = 20;
const DAY = 86_400_000;

function part(done: number, required: number): number | undefined {
  if (required <= 0) return undefined;
  return Math.min(1, Math.max(0, done) / required);
}

export function percentDone(e: Evidence): number {
  const parts = [part(e.lessonsDone, e.lessonsTotal), part(e.practiceMinutes, e.requirement.minutes), part(e.practiceSessions, e.requirement.sessions)].filter(
    (p): p is number => p !== undefined,
  );
  if (parts.length === 0) return 100;
  return Math.floor((parts.reduce((a, b) => a + b, 0) / parts.length) * 100);
}

/** Dates are the cohort's local (UTC+8) calendar days, inclusive. */
export function expectedPercent(startDate: string, endDate: string, nowMs: number): number {
  const start = Date.parse(`${startDate}T00:00:00+08:00`);
  const end = Date.parse(`${endDate}T00:00:00+08:00`) + DAY;
  if (nowMs <= start) return 0;
  if (nowMs >= end) return 100;
  return Math.floor(((nowMs - start) / (end - start)) * 100);
}

export function summarise(e: Evidence, dates: { startDate: string; endDate: string }, nowMs: number): Progress {
  const percent = percentDone(e);
  const expected = expectedPercent(dates.startDate, dates.endDate, nowMs);
  return { ...e, percent, expectedPercent: expected, behind: percent + BEHIND_MARGIN < expected };
}
