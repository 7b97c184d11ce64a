import { describe, expect, it } from "vitest";
import { dictionaries } from "../i18n/translate";
import { movementView } from "./movements";

describe("statement rows in words", () => {
  it("names every memo the ledger writes", () => {
    expect(movementView({ amountFen: 200_000, kind: "posted", memo: "top_up" })).toEqual({
      label: "money.memo.top_up",
      sign: "+",
      amountFen: 200_000,
      tone: "in",
    });
    expect(movementView({ amountFen: -1_536, kind: "posted", memo: "commission" })).toMatchObject({ label: "money.memo.commission", sign: "-", tone: "out" });
    expect(movementView({ amountFen: 398, kind: "posted", memo: "refund" })).toMatchObject({ label: "money.memo.refund", sign: "+", tone: "in" });
    expect(movementView({ amountFen: 6_912, kind: "posted", memo: "release" })).toMatchObject({ label: "money.memo.release", sign: "+", tone: "in" });
    expect(movementView({ amountFen: 57_600, kind: "posted", memo: "slot_fee" })).toMatchObject({ label: "money.memo.slot_fee", sign: "+", tone: "in" });
    expect(movementView({ amountFen: 5, kind: "posted", memo: "nothing-known" })).toMatchObject({ label: "money.memo.other" });
  });

  it("marks a clawback as one, on the host's side (taken) and on the wallet's (given back)", () => {
    expect(movementView({ amountFen: -287, kind: "posted", memo: "clawback" })).toEqual({
      label: "money.memo.clawback",
      sign: "-",
      amountFen: 287,
      tone: "clawback",
    });
    expect(movementView({ amountFen: 398, kind: "posted", memo: "clawback" })).toMatchObject({ sign: "+", tone: "clawback" });
  });

  it("follows a slot fee's hold: reserved, then paid from the hold (available unchanged) or released back", () => {
    expect(movementView({ amountFen: -80_000, kind: "held", memo: "slot_fee_hold" })).toEqual({
      label: "money.memo.slot_fee_hold",
      sign: "-",
      amountFen: 80_000,
      tone: "held",
    });
    expect(movementView({ amountFen: -80_000, kind: "hold_posted", memo: "slot_fee_hold" })).toEqual({
      label: "money.memo.slot_fee_paid",
      sign: "",
      amountFen: 80_000,
      tone: "neutral",
    });
    expect(movementView({ amountFen: -80_000, kind: "hold_released", memo: "slot_fee_hold" })).toEqual({
      label: "money.memo.slot_fee_released",
      sign: "+",
      amountFen: 80_000,
      tone: "in",
    });
  });

  it("has words for every label in both languages", () => {
    for (const memo of ["top_up", "slot_fee", "commission", "refund", "release", "clawback", "x"]) {
      const { label } = movementView({ amountFen: 1, kind: "posted", memo });
      expect(dictionaries.en[label]).toBeTruthy();
      expect(dictionaries["zh-CN"][label]).toBeTruthy();
    }
  });
});
