import { describe, expect, it } from "vitest";
import { addDays, chinaDay, chinaParts, classStart, daysBetween, isDay, isTime, phaseOf } from "./dates";

describe("cohort dates on the China calendar", () => {
  it("takes today's date in UTC+8, not the device's zone", () => {
    expect(chinaDay(Date.UTC(2026, 0, 15, 15, 59))).toBe("2026-01-15");
    expect(chinaDay(Date.UTC(2026, 0, 15, 16, 0))).toBe("2026-01-16");
  });

  it("accepts only real calendar days and 24-hour times", () => {
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2028-02-29")).toBe(true);
    for (const bad of ["2026-02-29", "2026-13-01", "2026-1-01", "", "soon"]) expect(isDay(bad), bad).toBe(false);
    expect(isTime("19:30")).toBe(true);
    expect(isTime("00:00")).toBe(true);
    for (const bad of ["24:00", "7:30", "19:60", ""]) expect(isTime(bad), bad).toBe(false);
  });

  it("adds days across months, years and leap days", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-12-01", "2027-01-01")).toBe(31);
    expect(daysBetween("2026-12-02", "2026-12-01")).toBe(-1);
  });

  it("writes live-class starts with the +08:00 offset and reads any offset back as China wall time", () => {
    expect(classStart("2026-12-01", "19:30")).toBe("2026-12-01T19:30+08:00");
    expect(chinaParts("2026-12-01T19:30+08:00")).toEqual({ day: "2026-12-01", time: "19:30" });
    expect(chinaParts("2026-12-01T20:30:00.000Z")).toEqual({ day: "2026-12-02", time: "04:30" });
    expect(chinaParts("later")).toBeUndefined();
  });

  it("knows whether a cohort is upcoming, running (ends inclusive) or over", () => {
    const dates = { startDate: "2026-12-01", endDate: "2026-12-20" };
    expect(phaseOf(dates, "2026-11-30")).toBe("upcoming");
    expect(phaseOf(dates, "2026-12-01")).toBe("running");
    expect(phaseOf(dates, "2026-12-20")).toBe("running");
    expect(phaseOf(dates, "2026-12-21")).toBe("ended");
  });
});
