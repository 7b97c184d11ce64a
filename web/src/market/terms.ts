import type { Offer, Terms } from "../api/types";
import type { MessageKey } from "../i18n/translate";
import type { Side } from "./calendar";
import { parsePercent, parseYuan, percentInput, slotFee, yuanInput } from "./money";

/** The terms form as typed: yuan and percent strings, read into fen and basis points on submit. */
export interface TermsDraft {
  slotFee: string;
  commission: string;
  tiers: { above: string; commission: string }[];
}

export const MAX_FEN = 100_000_000;
export const MAX_BPS = 10_000;
export const MAX_TIERS = 5;

export function termsDraft(t: Terms): TermsDraft {
  return {
    slotFee: yuanInput(t.slotFeeFen),
    commission: percentInput(t.commissionBps),
    tiers: t.tiers.map((x) => ({ above: yuanInput(x.aboveFen), commission: percentInput(x.commissionBps) })),
  };
}

/** Problems by the API's field paths (`terms.slotFeeFen`, `terms.tiers.0.aboveFen` …). */
export function checkTerms(d: TermsDraft): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {};
  const fee = parseYuan(d.slotFee);
  if (fee === undefined) out["terms.slotFeeFen"] = "market.check.yuan";
  else if (fee > MAX_FEN) out["terms.slotFeeFen"] = "market.check.yuanMax";
  const bps = parsePercent(d.commission);
  if (bps === undefined) out["terms.commissionBps"] = "market.check.percent";
  else if (bps > MAX_BPS) out["terms.commissionBps"] = "market.check.percentMax";
  let previous = 0;
  d.tiers.forEach((tier, i) => {
    const above = parseYuan(tier.above);
    if (above === undefined || above < 1) out[`terms.tiers.${i}.aboveFen`] = "market.check.yuan";
    else if (above <= previous) out[`terms.tiers.${i}.aboveFen`] = "market.check.tiersUp";
    else previous = above;
    const rate = parsePercent(tier.commission);
    if (rate === undefined) out[`terms.tiers.${i}.commissionBps`] = "market.check.percent";
    else if (rate > MAX_BPS) out[`terms.tiers.${i}.commissionBps`] = "market.check.percentMax";
  });
  return out;
}

/** The API's terms from a draft that passed checkTerms. */
export function toTerms(d: TermsDraft): Terms {
  return {
    slotFeeFen: parseYuan(d.slotFee) ?? 0,
    commissionBps: parsePercent(d.commission) ?? 0,
    tiers: d.tiers.map((x) => ({ aboveFen: parseYuan(x.above) ?? 0, commissionBps: parsePercent(x.commission) ?? 0 })),
  };
}

type GigMoney = { budgetFen: number; commissionBps: number; minutes: number };
type HostRate = { slotFeePerHourFen: number; minCommissionBps: number };

/** What a brand offers a candidate first: the host's fee for the session, up to the gig's budget, at the gig's commission. */
export function inviteTerms(gig: GigMoney, host: HostRate): Terms {
  return { slotFeeFen: Math.min(gig.budgetFen, slotFee(host.slotFeePerHourFen, gig.minutes)), commissionBps: gig.commissionBps, tiers: [] };
}

/** What a host asks first: their own fee for the session and at least their minimum commission; without a card, the gig's terms. */
export function applyTerms(gig: GigMoney, host: HostRate | null | undefined): Terms {
  if (!host) return { slotFeeFen: gig.budgetFen, commissionBps: gig.commissionBps, tiers: [] };
  return { slotFeeFen: slotFee(host.slotFeePerHourFen, gig.minutes), commissionBps: Math.max(gig.commissionBps, host.minCommissionBps), tiers: [] };
}

/**
 * Whose move an offer waits for, seen from `side`: the side that didn't set the current terms
 * answers (accept, counter, decline); the other waits (and may withdraw).
 */
export function offerTurn(offer: Pick<Offer, "status" | "termsBy">, side: Side): "yours" | "theirs" | "closed" {
  if (offer.status !== "open") return "closed";
  return offer.termsBy === side ? "theirs" : "yours";
}
