import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chinaMinute, isQuiet, minutesOf, quietEnds, wantsMessage } from "./rules.js";

const china = (iso: string) => Date.parse(`${iso}+08:00`);

describe("quiet hours (China time)", () => {
  it("spans midnight when from is after to, and is empty when they are equal", () => {
    expect(isQuiet(china("2026-12-01T22:00:00"), "22:00", "08:00")).toBe(true);
    expect(isQuiet(china("2026-12-01T03:10:00"), "22:00", "08:00")).toBe(true);
    expect(isQuiet(china("2026-12-01T08:00:00"), "22:00", "08:00")).toBe(false);
    expect(isQuiet(china("2026-12-01T21:59:00"), "22:00", "08:00")).toBe(false);
    expect(isQuiet(china("2026-12-01T13:00:00"), "12:30", "14:00")).toBe(true);
    expect(isQuiet(china("2026-12-01T14:00:00"), "12:30", "14:00")).toBe(false);
    expect(isQuiet(china("2026-12-01T03:00:00"), "08:00", "08:00")).toBe(false);
  });

  it("ends at the next `to` in China time", () => {
    expect(quietEnds(china("2026-12-01T23:00:00"), "08:00")).toBe(china("2026-12-02T08:00:00"));
    expect(quietEnds(china("2026-12-02T03:15:30"), "08:00")).toBe(china("2026-12-02T08:00:00"));
  });

  it("property: the end is never before the moment, within a day, and outside the quiet hours", () => {
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
    fc.assert(
      fc.property(fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }), hhmm, hhmm, (ms, from, to) => {
        fc.pre(from !== to);
        const end = quietEnds(ms, to);
        expect(end).toBeGreaterThanOrEqual(ms - 60_000);
        expect(end - ms).toBeLessThan(86_400_000);
        expect(chinaMinute(end)).toBe(minutesOf(to));
        expect(isQuiet(end, from, to)).toBe(false);
      }),
    );
  });

  it("reads only real 24-hour times", () => {
    expect(minutesOf("00:00")).toBe(0);
    expect(minutesOf("23:59")).toBe(1439);
    for (const bad of ["24:00", "7:00", "12:60", "noon", ""]) expect(minutesOf(bad)).toBeUndefined();
  });
});

describe("which notifications also go by SMS/email", () => {
  it("sends the important ones by default, everything or nothing as preferred", () => {
    expect(wantsMessage("important", "offer_received")).toBe(true);
    expect(wantsMessage("important", "offer_countered")).toBe(false);
    expect(wantsMessage("all", "offer_countered")).toBe(true);
    expect(wantsMessage("none", "certificate_issued")).toBe(false);
  });
});
