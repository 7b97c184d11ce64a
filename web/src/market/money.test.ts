import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePercent, parseYuan, percent, percentInput, slotFee, yuanInput } from "./money";

describe("typed money and rates", () => {
  it("reads yuan into integer fen by string, never through a float", () => {
    expect(parseYuan("800")).toBe(80_000);
    expect(parseYuan("0.1")).toBe(10);
    expect(parseYuan("0.29")).toBe(29);
    expect(parseYuan("1,600.5")).toBe(160_050);
    expect(parseYuan(" ¥12.30 ")).toBe(1230);
    expect(parseYuan("８００．５")).toBe(80_050);
    expect(parseYuan("12.")).toBe(1200);
    expect(parseYuan("999999999.99")).toBe(99_999_999_999);
  });

  it("refuses what isn't a non-negative amount to the fen", () => {
    for (const bad of ["", " ", "-5", "1.234", "abc", "1e3", ".5", "12a", "1.2.3", "Infinity", "0x10"]) expect([bad, parseYuan(bad)]).toEqual([bad, undefined]);
  });

  it("reads percentages into integer basis points", () => {
    expect(parsePercent("15")).toBe(1500);
    expect(parsePercent("12.5")).toBe(1250);
    expect(parsePercent("12.55")).toBe(1255);
    expect(parsePercent("0.01")).toBe(1);
    expect(parsePercent("100%")).toBe(10_000);
    expect(parsePercent("１５％")).toBe(1500);
    expect(parsePercent("150")).toBe(15_000);
    for (const bad of ["", "-1", "12.555", "x", "1/2"]) expect([bad, parsePercent(bad)]).toEqual([bad, undefined]);
  });

  it("shows fen and basis points back as they would be typed, and round-trips", () => {
    expect(yuanInput(80_000)).toBe("800");
    expect(yuanInput(160_050)).toBe("1600.50");
    expect(yuanInput(5)).toBe("0.05");
    expect(percentInput(1500)).toBe("15");
    expect(percentInput(1250)).toBe("12.5");
    expect(percentInput(1205)).toBe("12.05");
    expect(percentInput(0)).toBe("0");
    expect(percent(1000)).toBe("10%");
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (fen) => parseYuan(yuanInput(fen)) === fen));
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), (bps) => parsePercent(percentInput(bps)) === bps));
  });

  it("prices a session at an hourly rate like the API, rounding up to the fen", () => {
    expect(slotFee(80_000, 120)).toBe(160_000);
    expect(slotFee(80_000, 45)).toBe(60_000);
    expect(slotFee(100, 7)).toBe(12);
  });
});
