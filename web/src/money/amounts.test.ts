import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { yuanInput } from "../market/money";
import { checkMonths, checkRate, checkReference, checkTopUp, MAX_PLATFORM_FEE_BPS, MAX_SHARE_BPS, MAX_TOP_UP_FEN } from "./amounts";

describe("a top-up's amount", () => {
  it("reads yuan as typed into integer fen, by string", () => {
    expect(checkTopUp("2000")).toEqual({ ok: true, value: 200_000 });
    expect(checkTopUp("1,500.50")).toEqual({ ok: true, value: 150_050 });
    expect(checkTopUp("¥0.01")).toEqual({ ok: true, value: 1 });
    expect(checkTopUp("２０００．５")).toEqual({ ok: true, value: 200_050 });
    expect(checkTopUp("1000000")).toEqual({ ok: true, value: MAX_TOP_UP_FEN });
  });

  it("says what is wrong with anything else", () => {
    expect(checkTopUp(" ")).toEqual({ ok: false, problem: "form.required" });
    expect(checkTopUp("0")).toEqual({ ok: false, problem: "money.check.topUpMin" });
    expect(checkTopUp("0.00")).toEqual({ ok: false, problem: "money.check.topUpMin" });
    expect(checkTopUp("1000000.01")).toEqual({ ok: false, problem: "money.check.topUpMax" });
    for (const bad of ["-5", "12.345", "abc", "1e3", "0x10"]) expect([bad, checkTopUp(bad)]).toEqual([bad, { ok: false, problem: "market.check.yuan" }]);
  });

  it("round-trips every amount it accepts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_TOP_UP_FEN }), (fen) => {
        const checked = checkTopUp(yuanInput(fen));
        return checked.ok && checked.value === fen;
      }),
    );
  });
});

describe("a payment reference", () => {
  it("is trimmed and kept to the API's shape", () => {
    expect(checkReference("  LBM3X0001 ")).toEqual({ ok: true, value: "LBM3X0001" });
    expect(checkReference("")).toEqual({ ok: false, problem: "form.required" });
    for (const bad of ["abc", "有中文的编号", "a b c d", "x".repeat(65)]) expect(checkReference(bad)).toEqual({ ok: false, problem: "money.check.reference" });
  });
});

describe("rates and months", () => {
  it("reads a share or a fee into basis points within its ceiling", () => {
    expect(checkRate("10", MAX_SHARE_BPS)).toEqual({ ok: true, value: 1000 });
    expect(checkRate("12.5%", MAX_SHARE_BPS)).toEqual({ ok: true, value: 1250 });
    expect(checkRate("0", MAX_SHARE_BPS)).toEqual({ ok: true, value: 0 });
    expect(checkRate("30.01", MAX_SHARE_BPS)).toEqual({ ok: false, problem: "money.check.shareMax" });
    expect(checkRate("50", MAX_PLATFORM_FEE_BPS)).toEqual({ ok: true, value: 5000 });
    expect(checkRate("51", MAX_PLATFORM_FEE_BPS)).toEqual({ ok: false, problem: "money.check.feeMax" });
    expect(checkRate("ten", MAX_SHARE_BPS)).toEqual({ ok: false, problem: "market.check.percent" });
    expect(checkRate("", MAX_SHARE_BPS)).toEqual({ ok: false, problem: "form.required" });
  });

  it("takes whole months from 1 to 36", () => {
    expect(checkMonths("12")).toEqual({ ok: true, value: 12 });
    expect(checkMonths(" １２ ")).toEqual({ ok: true, value: 12 });
    expect(checkMonths("1")).toEqual({ ok: true, value: 1 });
    expect(checkMonths("36")).toEqual({ ok: true, value: 36 });
    for (const bad of ["0", "37", "1.5", "-3", "twelve"]) expect([bad, checkMonths(bad)]).toEqual([bad, { ok: false, problem: "money.check.months" }]);
    expect(checkMonths("")).toEqual({ ok: false, problem: "form.required" });
  });
});
