import { Calendar } from "@zhubo/core/calendar";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const leap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysIn = (y: number, m: number) => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

const impossibleDays = [
  "2027-02-30",
  "2026-02-29",
  "2026-13-01",
  "2027-99-99",
  "2026-1-1",
  "",
  "2026-00-10",
  "2026-04-31",
  "2100-02-29",
  "26-12-01",
  "2026-12-01T00:00Z",
  " 2026-12-01",
  "2026/12/01",
];

describe("Calendar.Day", () => {
  it.each(impossibleDays)("refuses %j", (s) => {
    expect(Calendar.isDay(s)).toBe(false);
    expect(Calendar.Day.safeParse(s).success).toBe(false);
  });

  it.each(["2028-02-29", "2000-02-29", "2026-12-31", "2027-01-01", "2026-04-30"])("accepts %s", (s) => {
    expect(Calendar.Day.parse(s)).toBe(s);
  });

  it("accepts exactly the days the Gregorian calendar has (leap years by the 4/100/400 rule)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
        expect(Calendar.isDay(s)).toBe(m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m));
      }),
      { numRuns: 2000 },
    );
  });

  it("every accepted day round-trips through a calendar date unchanged", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          fc
            .date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
        ),
        (s) => {
          fc.pre(Calendar.isDay(s));
          const [y, m, d] = s.split("-").map(Number) as [number, number, number];
          const date = new Date(0);
          date.setUTCFullYear(y, m - 1, d);
          expect(date.toISOString().slice(0, 10)).toBe(s);
          expect([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]).toEqual([y, m, d]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("Calendar.Instant", () => {
  it.each([
    "2027-02-30T10:00:00Z",
    "2026-13-01T19:30+08:00",
    "2026-12-01T24:00:00Z",
    "2026-12-01T10:60Z",
    "2026-12-01T10:00:60Z",
    "2026-12-01T10:00",
    "2026-12-01 10:00Z",
    "December 1, 2026",
    "2026-12-01T10:00+15:00",
    "",
  ])("refuses %j", (s) => {
    expect(Calendar.Instant.safeParse(s).success).toBe(false);
  });

  it.each(["2026-12-01T19:30+08:00", "2026-12-01T11:30:00.000Z", "2028-02-29T23:59:59Z", "2026-12-01T00:00:00-05:00"])("accepts %s", (s) => {
    expect(Calendar.Instant.parse(s)).toBe(s);
  });

  it("accepts what Date#toISOString writes, for any date", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }), (d) => {
        expect(Calendar.isInstant(d.toISOString())).toBe(true);
      }),
    );
  });
});
