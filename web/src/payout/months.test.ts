import { describe, expect, it } from "vitest";
import { defaultMonth, monthLabel, monthOf, monthsUpTo, periodDays, pickMonth, shiftMonth } from "./months";

const china = (iso: string) => Date.parse(`${iso}+08:00`);

describe("statement months", () => {
  it("are China-time months: 16:30 UTC on the last day is already the next month", () => {
    expect(monthOf(Date.parse("2026-11-30T16:30:00Z"))).toBe("2026-12");
    expect(monthOf(Date.parse("2026-11-30T15:59:59Z"))).toBe("2026-11");
  });

  it("shift across years", () => {
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2025-12", 1)).toBe("2026-01");
    expect(shiftMonth("2026-03", -15)).toBe("2024-12");
  });

  it("are offered newest first, up to this month and never before the first statement month", () => {
    expect(monthsUpTo(china("2026-02-10T09:00:00"), 4)).toEqual(["2026-02", "2026-01", "2025-12", "2025-11"]);
    expect(monthsUpTo(china("2024-02-01T00:00:00"))).toEqual(["2024-02", "2024-01"]);
  });

  it("default to last month, the first one that is over", () => {
    expect(defaultMonth(china("2026-12-01T00:10:00"))).toBe("2026-11");
    expect(defaultMonth(china("2026-01-15T12:00:00"))).toBe("2025-12");
    expect(defaultMonth(china("2024-01-15T12:00:00"))).toBe("2024-01");
  });

  it("take a month from the address only when the API would answer for it", () => {
    const now = china("2026-11-20T10:00:00");
    expect(pickMonth("2026-11", now)).toBe("2026-11");
    expect(pickMonth("2025-03", now)).toBe("2025-03");
    for (const bad of [undefined, "2026-12", "2023-12", "2026-13", "2026-1", "x"]) expect([bad, pickMonth(bad, now)]).toEqual([bad, "2026-10"]);
  });

  it("are named in the reader's language", () => {
    expect(monthLabel("2026-11", "zh-CN")).toBe("2026年11月");
    expect(monthLabel("2026-11", "en")).toBe("November 2026");
  });

  it("run from the first to the last China day of the month", () => {
    expect(periodDays("2026-10-31T16:00:00.000Z", "2026-11-30T16:00:00.000Z")).toEqual({ first: "2026-11-01", last: "2026-11-30" });
    expect(periodDays("2028-01-31T16:00:00.000Z", "2028-02-29T16:00:00.000Z")).toEqual({ first: "2028-02-01", last: "2028-02-29" });
  });
});
