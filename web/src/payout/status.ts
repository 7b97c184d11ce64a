import type { MessageKey } from "../i18n/translate";
import type { PayoutRunPhase, PayoutStatus } from "./types";

/** What a payee is told about a payout: the run's inner steps (planned, reserved, submitted) are all "processing" to them. */
export type Chip = "processing" | "paid" | "failed" | "skipped";

export function chipOf(status: PayoutStatus): Chip {
  return status === "paid" || status === "failed" || status === "skipped" ? status : "processing";
}

export const CHIP_LABELS: Record<Chip, MessageKey> = {
  processing: "payout.status.processing",
  paid: "payout.status.paid",
  failed: "payout.status.failed",
  skipped: "payout.status.skipped",
};

/** The app's badge classes (styles.css): amber while waiting, green when paid, red when it came back. */
export const CHIP_BADGES: Record<Chip, string> = {
  processing: "badge-pending",
  paid: "badge-active",
  failed: "badge-rejected",
  skipped: "badge-muted",
};

/** Alipay's sub_codes we can explain in the payee's language (the rest keep the provider's own text). */
const REASONS: Record<string, MessageKey> = {
  PAYEE_NOT_EXIST: "payout.reason.PAYEE_NOT_EXIST",
  PAYEE_USER_INFO_ERROR: "payout.reason.PAYEE_USER_INFO_ERROR",
  PAYEE_ACCOUNT_STATUS_ERROR: "payout.reason.PAYEE_ACCOUNT_STATUS_ERROR",
  EXCEED_LIMIT_PERSONAL_SM_AMOUNT: "payout.reason.EXCEED_LIMIT_PERSONAL_SM_AMOUNT",
  balance_changed: "payout.reason.balance_changed",
};

export type Reason = { key: MessageKey } | { text: string };

/** Why a payout failed or was skipped: our words for a known code, else what the provider said. */
export function reasonOf(p: { status: PayoutStatus; code?: string; reason?: string }): Reason | undefined {
  if (p.status !== "failed" && p.status !== "skipped") return undefined;
  const key = p.code ? REASONS[p.code] : undefined;
  if (key) return { key };
  const text = p.reason?.trim() || p.code;
  return text ? { text } : undefined;
}

export const PHASE_LABELS: Record<PayoutRunPhase, MessageKey> = {
  planning: "opsPayouts.phase.planning",
  paying: "opsPayouts.phase.paying",
  settling: "opsPayouts.phase.settling",
  done: "opsPayouts.phase.done",
};

export const PHASE_BADGES: Record<PayoutRunPhase, string> = {
  planning: "badge-info",
  paying: "badge-info",
  settling: "badge-pending",
  done: "badge-active",
};

interface RunCounts {
  phase: PayoutRunPhase;
  chunks: number;
  chunksPaid: number;
  planned: number;
  paid: number;
  failed: number;
  skipped: number;
  plannedFen: number;
  paidFen: number;
}

export interface Progress {
  /** Chunks sent, while paying (after it every chunk was). */
  chunks: { done: number; total: number; percent: number };
  /** Payouts with a final answer (paid, failed or skipped) of those planned. */
  decided: { done: number; total: number; percent: number };
  /** Fen paid of fen planned. */
  amount: { done: number; total: number; percent: number };
}

/** Whole percent, rounded down so 99.6 % never shows as done; nothing to do counts as done once the run is. */
function percentOf(done: number, total: number, finished: boolean): number {
  if (total <= 0) return finished ? 100 : 0;
  return Math.min(100, Math.max(0, Math.floor((done * 100) / total)));
}

export function progressOf(run: RunCounts): Progress {
  const finished = run.phase === "done";
  const pastPaying = run.phase === "settling" || finished;
  const chunksDone = pastPaying ? run.chunks : run.chunksPaid;
  const decided = run.paid + run.failed + run.skipped;
  return {
    chunks: { done: chunksDone, total: run.chunks, percent: percentOf(chunksDone, run.chunks, pastPaying) },
    decided: { done: decided, total: run.planned, percent: percentOf(decided, run.planned, finished) },
    amount: { done: run.paidFen, total: run.plannedFen, percent: percentOf(run.paidFen, run.plannedFen, finished) },
  };
}

/** A run page keeps asking while the run still has steps to take. */
export const isLive = (phase: PayoutRunPhase | undefined) => phase !== undefined && phase !== "done";
