import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectedPercent, percentDone, summarise } from "./progress.js";

const evidence = (lessonsDone: number, minutes: number, sessions: number) => ({
  lessonsDone,
  lessonsTotal: 10,
  practiceMinutes: minutes,
  practiceSessions: sessions,
  requirement: { minutes: 120, sessions: 4 },
});

describe("progress", () => {
  it("averages the required parts, each capped at complete", () => {
    expect(percentDone(evidence(10, 0, 0))).toBe(33);
    expect(percentDone(evidence(5, 60, 2))).toBe(50);
    expect(percentDone(evidence(10, 999, 99))).toBe(100);
    expect(percentDone({ ...evidence(0, 0, 0), lessonsTotal: 0, requirement: { minutes: 0, sessions: 0 } })).toBe(100);
  });

  it("stays within 0..100 and never falls when evidence grows", () => {
    fc.assert(
      fc.property(fc.nat(20), fc.nat(500), fc.nat(20), fc.nat(5), fc.nat(50), (lessons, minutes, sessions, more, moreMinutes) => {
        const before = percentDone(evidence(Math.min(lessons, 10), minutes, sessions));
        const after = percentDone(evidence(Math.min(lessons + more, 10), minutes + moreMinutes, sessions + 1));
        expect(before).toBeGreaterThanOrEqual(0);
        expect(after).toBeLessThanOrEqual(100);
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it("expects progress along the cohort's calendar days in China time", () => {
    expect(expectedPercent("2026-12-01", "2026-12-10", Date.parse("2026-11-30T23:00:00+08:00"))).toBe(0);
    expect(expectedPercent("2026-12-01", "2026-12-10", Date.parse("2026-12-06T00:00:00+08:00"))).toBe(50);
    expect(expectedPercent("2026-12-01", "2026-12-10", Date.parse("2026-12-11T00:00:00+08:00"))).toBe(100);
  });

  it("flags a learner more than 20 points behind the calendar, not one just behind", () => {
    const dates = { startDate: "2026-12-01", endDate: "2026-12-10" };
    const midway = Date.parse("2026-12-06T00:00:00+08:00");
    expect(summarise(evidence(5, 60, 2), dates, midway).behind).toBe(false);
    expect(summarise(evidence(4, 50, 1), dates, midway).behind).toBe(false);
    expect(summarise(evidence(1, 0, 0), dates, midway).behind).toBe(true);
    expect(summarise(evidence(0, 0, 0), dates, Date.parse("2026-11-20T00:00:00+08:00")).behind).toBe(false);
  });
});
