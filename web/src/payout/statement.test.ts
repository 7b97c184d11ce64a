import { describe, expect, it } from "vitest";
import { bookingOf, lineView, memoLabel, printHref } from "./statement";

describe("statement lines", () => {
  it("are named by their memo, unknown ones as 'other'", () => {
    expect(memoLabel("slot_fee")).toBe("statement.memo.slot_fee");
    expect(memoLabel("payout_returned")).toBe("statement.memo.payout_returned");
    expect(memoLabel("something_new")).toBe("statement.memo.other");
    expect(memoLabel("")).toBe("statement.memo.other");
  });

  it("say which way the money went, a clawback marked as one and a hold as neither in nor out", () => {
    expect(lineView({ memo: "release", amountFen: 3_192, heldFen: 0 })).toEqual({
      label: "statement.memo.release",
      direction: "in",
      amountFen: 3_192,
      heldFen: 0,
      tone: "in",
    });
    expect(lineView({ memo: "payout", amountFen: -48_000, heldFen: 0 })).toMatchObject({ direction: "out", amountFen: 48_000, tone: "out" });
    expect(lineView({ memo: "clawback", amountFen: -398, heldFen: 0 })).toMatchObject({ direction: "out", tone: "clawback" });
    expect(lineView({ memo: "slot_fee_hold", amountFen: 0, heldFen: 80_000 })).toMatchObject({ direction: "none", heldFen: 80_000, tone: "held" });
  });

  it("link to their booking only when the reference is one", () => {
    expect(bookingOf("bkg_01JABC")).toBe("bkg_01JABC");
    expect(bookingOf("prn_01JABC")).toBeUndefined();
    expect(bookingOf(undefined)).toBeUndefined();
  });

  it("print from an address of their own", () => {
    expect(printHref("agy_01J", "2026-11")).toBe("/statements/print?owner=agy_01J&month=2026-11");
  });
});
