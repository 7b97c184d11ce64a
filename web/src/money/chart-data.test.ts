import { describe, expect, it } from "vitest";
import { activeDays, chartData } from "./chart-data";

describe("the earnings chart's data", () => {
  const days = [
    { day: "2026-11-20", earnedFen: 0, clawedBackFen: 287 },
    { day: "2026-11-18", earnedFen: 6_912, clawedBackFen: 0 },
    { day: "2026-10-01", earnedFen: 999, clawedBackFen: 0 },
  ];

  it("lays the days with money on every day of the span, gaps as zero, in order", () => {
    const d = chartData(days, "2026-11-21", 7);
    expect(d.days).toEqual(["2026-11-15", "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21"]);
    expect(d.earnedFen).toEqual([0, 0, 0, 6_912, 0, 0, 0]);
    expect(d.clawedBackFen).toEqual([0, 0, 0, 0, 0, 287, 0]);
  });

  it("keeps a running net (earned − clawed back) and the span's totals, leaving out days before it", () => {
    const d = chartData(days, "2026-11-21", 7);
    expect(d.cumulativeFen).toEqual([0, 0, 0, 6_912, 6_912, 6_625, 6_625]);
    expect(d.totalEarnedFen).toBe(6_912);
    expect(d.totalClawedBackFen).toBe(287);
    expect([...d.earnedFen, ...d.cumulativeFen].every(Number.isSafeInteger)).toBe(true);
  });

  it("puts each day at its China midnight on the time axis", () => {
    const d = chartData([], "2026-11-21", 2);
    expect(d.x).toEqual([Date.parse("2026-11-19T16:00:00Z") / 1000, Date.parse("2026-11-20T16:00:00Z") / 1000]);
  });

  it("reads out only the days with money", () => {
    expect(activeDays(chartData(days, "2026-11-21", 7))).toEqual([
      { day: "2026-11-18", earnedFen: 6_912, clawedBackFen: 0 },
      { day: "2026-11-20", earnedFen: 0, clawedBackFen: 287 },
    ]);
  });
});
