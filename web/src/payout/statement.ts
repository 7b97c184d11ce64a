import type { MessageKey } from "../i18n/translate";

/** A statement line's type, by the ledger memo it carries (core's statement `LABELS`, in the app's languages). */
const MEMOS: Record<string, MessageKey> = {
  slot_fee: "statement.memo.slot_fee",
  slot_fee_hold: "statement.memo.slot_fee_hold",
  commission: "statement.memo.commission",
  refund: "statement.memo.refund",
  release: "statement.memo.release",
  clawback: "statement.memo.clawback",
  payout: "statement.memo.payout",
  payout_paid: "statement.memo.payout_paid",
  payout_returned: "statement.memo.payout_returned",
  top_up: "statement.memo.top_up",
};

export const memoLabel = (memo: string): MessageKey => MEMOS[memo] ?? "statement.memo.other";

export const ROLE_LABELS: Record<"available" | "pending" | "wallet", MessageKey> = {
  available: "statement.role.available",
  pending: "statement.role.pending",
  wallet: "statement.role.wallet",
};

/** The booking a line is about, when its reference is one. */
export const bookingOf = (ref: string | undefined) => (ref?.startsWith("bkg_") ? ref : undefined);

export interface LineView {
  label: MessageKey;
  /** In (+) or out (−) of the balance, or neither (a hold placed or released). */
  direction: "in" | "out" | "none";
  /** Always positive: the direction says which way. */
  amountFen: number;
  /** A hold's change, signed (+ placed, − released or paid). */
  heldFen: number;
  tone: "in" | "out" | "held" | "clawback";
}

export function lineView(m: { memo: string; amountFen: number; heldFen: number }): LineView {
  const direction = m.amountFen > 0 ? "in" : m.amountFen < 0 ? "out" : "none";
  const tone = m.memo === "clawback" ? "clawback" : direction === "none" ? "held" : direction;
  return { label: memoLabel(m.memo), direction, amountFen: Math.abs(m.amountFen), heldFen: m.heldFen, tone };
}

/** Where the print view of a statement lives (an address of its own, so it can be opened in a new tab and printed). */
export const printHref = (ownerID: string, month: string) => `/statements/print?owner=${encodeURIComponent(ownerID)}&month=${encodeURIComponent(month)}`;
