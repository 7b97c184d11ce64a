import type { MessageKey } from "../i18n/translate";

/** A ledger line as the wallet and earnings statements give it (wallet/index.ts `Movement`). */
export interface MovementLine {
  amountFen: number;
  kind: "posted" | "held" | "hold_posted" | "hold_released";
  memo?: string;
}

export interface MovementView {
  label: MessageKey;
  /** What the line did to the money available: added, took, or nothing (a held fee paid from the hold). */
  sign: "+" | "-" | "";
  /** Always positive: the sign says which way. */
  amountFen: number;
  tone: "in" | "out" | "held" | "neutral" | "clawback";
}

const memoLabels: Record<string, MessageKey> = {
  top_up: "money.memo.top_up",
  slot_fee: "money.memo.slot_fee",
  commission: "money.memo.commission",
  refund: "money.memo.refund",
  release: "money.memo.release",
  clawback: "money.memo.clawback",
};

/**
 * One statement row in words. A slot fee's hold is three lines over the booking's life: held
 * (taken from available, kept aside), then paid when the session completed (available doesn't
 * move again) or released when it was cancelled (back to available).
 */
export function movementView(m: MovementLine): MovementView {
  const amountFen = Math.abs(m.amountFen);
  if (m.memo === "slot_fee_hold" || m.kind !== "posted") {
    if (m.kind === "held") return { label: "money.memo.slot_fee_hold", sign: "-", amountFen, tone: "held" };
    if (m.kind === "hold_posted") return { label: "money.memo.slot_fee_paid", sign: "", amountFen, tone: "neutral" };
    if (m.kind === "hold_released") return { label: "money.memo.slot_fee_released", sign: "+", amountFen, tone: "in" };
  }
  const label = (m.memo && memoLabels[m.memo]) || "money.memo.other";
  const sign = m.amountFen > 0 ? "+" : m.amountFen < 0 ? "-" : "";
  const tone = m.memo === "clawback" ? "clawback" : m.amountFen >= 0 ? "in" : "out";
  return { label, sign, amountFen, tone };
}
