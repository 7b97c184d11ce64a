import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkAccount, checkMinimum, checkName, MAX_MINIMUM_FEN, serverProblem } from "./checks";

describe("an Alipay account", () => {
  it("is a mainland mobile number, however it was typed", () => {
    for (const typed of ["13912345678", " 139 1234 5678 ", "139-1234-5678", "+86 139 1234 5678", "8613912345678", "１３９１２３４５６７８"])
      expect([typed, checkAccount(typed)]).toEqual([typed, { ok: true, value: "13912345678" }]);
  });

  it("or an email address, lower-cased as the API keeps it", () => {
    expect(checkAccount(" Finance@Example.CN ")).toEqual({ ok: true, value: "finance@example.cn" });
  });

  it("is refused otherwise", () => {
    expect(checkAccount("  ")).toEqual({ ok: false, problem: "form.required" });
    for (const bad of ["12912345678", "1391234567", "139123456789", "me@host", "a b@c.cn", "@c.cn", `${"a".repeat(95)}@c.cn`])
      expect([bad, checkAccount(bad)]).toEqual([bad, { ok: false, problem: "payout.check.account" }]);
  });
});

describe("a real name", () => {
  it("is letters of any script, with a middle dot between names", () => {
    for (const name of ["李阿琳", " 王小明 ", "阿卜杜·热合曼", "Li Ming", "O'Neil"]) expect(checkName(name)).toEqual({ ok: true, value: name.trim() });
  });

  it("says which rule it broke", () => {
    expect(checkName("")).toEqual({ ok: false, problem: "form.required" });
    expect(checkName("李")).toEqual({ ok: false, problem: "payout.check.nameLength" });
    expect(checkName("李".repeat(41))).toEqual({ ok: false, problem: "payout.check.nameLength" });
    expect(checkName("李阿琳2")).toEqual({ ok: false, problem: "payout.check.nameDigits" });
    expect(checkName("李阿琳３")).toEqual({ ok: false, problem: "payout.check.nameDigits" });
    expect(checkName("李·")).toEqual({ ok: false, problem: "payout.check.nameLetters" });
    expect(checkName("Li_Ming")).toEqual({ ok: false, problem: "payout.check.nameLetters" });
  });
});

describe("the minimum payout", () => {
  it("reads yuan into whole fen by string, from ¥1 to ¥50,000", () => {
    expect(checkMinimum("1")).toEqual({ ok: true, value: 100 });
    expect(checkMinimum("¥88.8")).toEqual({ ok: true, value: 8_880 });
    expect(checkMinimum("50,000")).toEqual({ ok: true, value: MAX_MINIMUM_FEN });
    expect(checkMinimum("0.99")).toEqual({ ok: false, problem: "payout.check.minimum" });
    expect(checkMinimum("50000.01")).toEqual({ ok: false, problem: "payout.check.minimumMax" });
    expect(checkMinimum("1.005")).toEqual({ ok: false, problem: "market.check.yuan" });
    expect(checkMinimum("")).toEqual({ ok: false, problem: "form.required" });
  });

  it("is exact for every amount in cents (no float rounding)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: MAX_MINIMUM_FEN }), (fen) => {
        const typed = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
        expect(checkMinimum(typed)).toEqual({ ok: true, value: fen });
      }),
    );
  });
});

describe("the API's field messages", () => {
  it("are said in our words", () => {
    expect(serverProblem("An Alipay account is a mainland mobile number or an email address")).toBe("payout.check.account");
    expect(serverProblem("A real name has no digits")).toBe("payout.check.nameDigits");
    expect(serverProblem("At least ¥1")).toBe("payout.check.minimum");
    expect(serverProblem("Wrong password")).toBeUndefined();
    expect(serverProblem(undefined)).toBeUndefined();
  });
});
