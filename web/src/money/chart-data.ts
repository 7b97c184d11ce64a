import { addDays } from "../training/dates";

/** What the earnings chart draws, one entry per China day of the span: integers of fen, never floats. */
export interface ChartData {
  days: string[];
  /** Each day's China midnight, in Unix seconds (uPlot's time axis). */
  x: number[];
  earnedFen: number[];
  clawedBackFen: number[];
  /** Net of everything so far in the span: earned − clawed back, day by day. */
  cumulativeFen: number[];
  totalEarnedFen: number;
  totalClawedBackFen: number;
}

/**
 * The series API's days (only those with money, in any order) laid on every day of the last
 * `span` days up to `today`, gaps as zero; days outside the span are left out.
 */
export function chartData(days: readonly { day: string; earnedFen: number; clawedBackFen: number }[], today: string, span: number): ChartData {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const out: ChartData = { days: [], x: [], earnedFen: [], clawedBackFen: [], cumulativeFen: [], totalEarnedFen: 0, totalClawedBackFen: 0 };
  let net = 0;
  for (let i = span - 1; i >= 0; i--) {
    const day = addDays(today, -i);
    const d = byDay.get(day);
    const earned = d?.earnedFen ?? 0;
    const clawed = d?.clawedBackFen ?? 0;
    net += earned - clawed;
    out.days.push(day);
    out.x.push(Date.parse(`${day}T00:00:00+08:00`) / 1000);
    out.earnedFen.push(earned);
    out.clawedBackFen.push(clawed);
    out.cumulativeFen.push(net);
    out.totalEarnedFen += earned;
    out.totalClawedBackFen += clawed;
  }
  return out;
}

/** The days worth reading out to a screen reader (the canvas says nothing): those with money. */
export function activeDays(data: ChartData): { day: string; earnedFen: number; clawedBackFen: number }[] {
  return data.days
    .map((day, i) => ({ day, earnedFen: data.earnedFen[i] ?? 0, clawedBackFen: data.clawedBackFen[i] ?? 0 }))
    .filter((d) => d.earnedFen || d.clawedBackFen);
}
