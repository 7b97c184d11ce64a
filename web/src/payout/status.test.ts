import { describe, expect, it } from "vitest";
import { chipOf, isLive, progressOf, reasonOf } from "./status";

const run = {
  phase: "paying" as const,
  chunks: 4,
  chunksPaid: 1,
  planned: 80,
  paid: 20,
  failed: 3,
  skipped: 1,
  plannedFen: 300_000,
  paidFen: 100_000,
};

describe("payout status", () => {
  it("tells a payee 'processing' for every step before an answer", () => {
    expect(["planned", "reserved", "submitted"].map((s) => chipOf(s as "planned"))).toEqual(["processing", "processing", "processing"]);
    expect(chipOf("paid")).toBe("paid");
    expect(chipOf("failed")).toBe("failed");
    expect(chipOf("skipped")).toBe("skipped");
  });

  it("explains known failure codes in our words and keeps the provider's text for the rest", () => {
    expect(reasonOf({ status: "failed", code: "PAYEE_NOT_EXIST", reason: "收款账号不存在" })).toEqual({ key: "payout.reason.PAYEE_NOT_EXIST" });
    expect(reasonOf({ status: "failed", code: "EXCEED_LIMIT_PERSONAL_SM_AMOUNT" })).toEqual({ key: "payout.reason.EXCEED_LIMIT_PERSONAL_SM_AMOUNT" });
    expect(reasonOf({ status: "failed", code: "CARD_BIN_ERROR", reason: " 卡号错误 " })).toEqual({ text: "卡号错误" });
    expect(reasonOf({ status: "failed", code: "CARD_BIN_ERROR" })).toEqual({ text: "CARD_BIN_ERROR" });
    expect(reasonOf({ status: "skipped", code: "balance_changed", reason: "The balance…" })).toEqual({ key: "payout.reason.balance_changed" });
    // an unknown outcome's detail is no reason to show the payee while it is still processing
    expect(reasonOf({ status: "submitted", reason: "timeout: no answer" })).toBeUndefined();
    expect(reasonOf({ status: "failed" })).toBeUndefined();
  });
});

describe("run progress", () => {
  it("counts chunks while paying, answers of those planned, and fen paid, rounding down", () => {
    expect(progressOf(run)).toEqual({
      chunks: { done: 1, total: 4, percent: 25 },
      decided: { done: 24, total: 80, percent: 30 },
      amount: { done: 100_000, total: 300_000, percent: 33 },
    });
    expect(progressOf({ ...run, paid: 79, failed: 0, skipped: 0 }).decided.percent).toBe(98);
    expect(progressOf({ ...run, planned: 3, paid: 2, failed: 0, skipped: 0 }).decided.percent).toBe(66);
  });

  it("shows every chunk sent once paying is over, and an empty run as done only when it is", () => {
    expect(progressOf({ ...run, phase: "settling" }).chunks).toEqual({ done: 4, total: 4, percent: 100 });
    const empty = { ...run, chunks: 0, chunksPaid: 0, planned: 0, paid: 0, failed: 0, skipped: 0, plannedFen: 0, paidFen: 0 };
    expect(progressOf({ ...empty, phase: "planning" }).decided.percent).toBe(0);
    expect(progressOf({ ...empty, phase: "done" })).toEqual({
      chunks: { done: 0, total: 0, percent: 100 },
      decided: { done: 0, total: 0, percent: 100 },
      amount: { done: 0, total: 0, percent: 100 },
    });
  });

  it("never shows more than 100 % nor less than 0", () => {
    expect(progressOf({ ...run, paid: 90 }).decided.percent).toBe(100);
    expect(progressOf({ ...run, paidFen: -5 }).amount.percent).toBe(0);
  });

  it("keeps polling a run until it is done", () => {
    expect(isLive("planning")).toBe(true);
    expect(isLive("settling")).toBe(true);
    expect(isLive("done")).toBe(false);
    expect(isLive(undefined)).toBe(false);
  });
});
