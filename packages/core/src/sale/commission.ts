import { type Fen, Money } from "../money/index.js";

/*
 * Commission maths, pure: what a session's order lines earn under the contract in force when they
 * were paid, and how it splits. Integer fen and basis points only.
 */

export interface Tier {
  /** The rate applies to GMV above this amount (fen). */
  aboveFen: Fen;
  commissionBps: number;
}

export interface CommissionTerms {
  /** The rate up to the first tier. */
  commissionBps: number;
  /** Ascending thresholds. */
  tiers: Tier[];
}

/** What an order line's commission is computed on: paid minus refunded, never below zero. */
export function baseOf(line: { paidFen: Fen; refundedFen: Fen }): Fen {
  return Math.max(0, Money.assertFen(line.paidFen, "paidFen") - Money.assertFen(line.refundedFen, "refundedFen"));
}

/**
 * Commission on `gmv` (a session's base) with marginal tiers: each slice of GMV earns the rate of
 * the bracket it falls in, like income-tax brackets, so more GMV never earns less (whole-amount
 * tiers would make the step at a threshold a cliff). Summed exactly, rounded half to even once.
 */
export function commissionOn(gmv: Fen, terms: CommissionTerms): Fen {
  Money.assertFen(gmv, "gmv");
  if (gmv <= 0) return 0;
  const brackets = [{ from: 0, bps: terms.commissionBps }, ...terms.tiers.map((t) => ({ from: t.aboveFen, bps: t.commissionBps }))];
  let product = 0n;
  brackets.forEach((b, i) => {
    const to = Math.min(gmv, brackets[i + 1]?.from ?? gmv);
    if (to > b.from) product += BigInt(to - b.from) * BigInt(b.bps);
  });
  return roundHalfEven(product, 10_000n);
}

function roundHalfEven(numerator: bigint, divisor: bigint): number {
  let q = numerator / divisor;
  const twice = (numerator % divisor) * 2n;
  if (twice > divisor || (twice === divisor && q % 2n !== 0n)) q += 1n;
  return Number(q);
}

export interface Split {
  host: Fen;
  agency: Fen;
  platform: Fen;
}

/**
 * One split of a commission: the platform's fee first, then the agency's share of what is left
 * (0 when no agency is owed a share), the rest to the host — two-part `Money.allocate`s, so the
 * parts sum exactly to the commission, none is negative, and each part grows with the commission
 * (a single three-part largest-remainder can give a part a fen less when the total grows by one,
 * the Alabama paradox; pending = split(all) − split(released) must never go negative).
 */
export function split(commission: Fen, rates: { platformFeeBps: number; agencyShareBps: number }): Split {
  Money.assertFen(commission, "commission");
  if (commission < 0) throw new RangeError("commission must not be negative");
  for (const [k, v] of Object.entries(rates)) if (!Number.isSafeInteger(v) || v < 0 || v > 10_000) throw new RangeError(`${k} must be 0..10000 basis points`);
  if (commission === 0) return { host: 0, agency: 0, platform: 0 };
  const { platformFeeBps: p, agencyShareBps: a } = rates;
  const [platform, rest] = Money.allocate(commission, [p, 10_000 - p]) as [Fen, Fen];
  const [agency, host] = rest === 0 ? [0, 0] : (Money.allocate(rest, [a, 10_000 - a]) as [Fen, Fen]);
  return { host, agency, platform };
}
