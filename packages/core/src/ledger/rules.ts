import type { Fen } from "../money/index.js";

/*
 * The ledger's arithmetic, after TigerBeetle's account/transfer model: an account keeps posted and
 * pending debits and credits; a transfer moves an amount from one account's debit side to
 * another's credit side, either posted at once or pending (later posted or voided, at most once).
 * Pure functions: the store (./index.ts) turns their deltas into conditional updates.
 */

/** A credit-normal account (a wallet, a payee) holds what its credits exceed its debits by; a debit-normal one (cash at the provider) the reverse. */
export type Normal = "credit" | "debit";

export interface Balance {
  debitsPosted: Fen;
  creditsPosted: Fen;
  debitsPending: Fen;
  creditsPending: Fen;
}

export const ZERO: Balance = { debitsPosted: 0, creditsPosted: 0, debitsPending: 0, creditsPending: 0 };

/** What the account may spend: posted on its normal side, minus posted and pending on the other. */
export function available(b: Balance, normal: Normal): Fen {
  return normal === "credit" ? b.creditsPosted - b.debitsPosted - b.debitsPending : b.debitsPosted - b.creditsPosted - b.creditsPending;
}

/** How a transfer (or the settling of a pending one) changes the two sides. */
export type Movement = "post" | "hold" | "post_pending" | "void_pending";

export interface Leg {
  debit: string;
  credit: string;
  amount: Fen;
  movement: Movement;
}

export interface Delta extends Balance {
  /** Change of `available` for the account's normal side. */
  available: Fen;
}

/** One side of one leg, for an account of the given normal side. */
export function sideDelta(side: "debit" | "credit", amount: Fen, movement: Movement, normal: Normal): Delta {
  const d: Delta = { ...ZERO, available: 0 };
  const posted = side === "debit" ? "debitsPosted" : "creditsPosted";
  const pending = side === "debit" ? "debitsPending" : "creditsPending";
  if (movement === "post") d[posted] = amount;
  if (movement === "hold") d[pending] = amount;
  if (movement === "post_pending") {
    d[pending] = -amount;
    d[posted] = amount;
  }
  if (movement === "void_pending") d[pending] = -amount;
  const before = available(ZERO, normal);
  d.available = available(d, normal) - before;
  return d;
}

export function plus(a: Delta, b: Delta): Delta {
  return {
    debitsPosted: a.debitsPosted + b.debitsPosted,
    creditsPosted: a.creditsPosted + b.creditsPosted,
    debitsPending: a.debitsPending + b.debitsPending,
    creditsPending: a.creditsPending + b.creditsPending,
    available: a.available + b.available,
  };
}

/** The net change per account of a set of legs (one update per account: DynamoDB can't touch an item twice in a transaction). */
export function deltas(legs: Leg[], normals: Map<string, Normal>): Map<string, Delta> {
  const out = new Map<string, Delta>();
  const addTo = (account: string, d: Delta) => {
    out.set(account, plus(out.get(account) ?? { ...ZERO, available: 0 }, d));
  };
  for (const leg of legs) {
    const dn = normals.get(leg.debit);
    const cn = normals.get(leg.credit);
    if (!dn || !cn) throw new Error(`unknown account in ${leg.debit} → ${leg.credit}`);
    addTo(leg.debit, sideDelta("debit", leg.amount, leg.movement, dn));
    addTo(leg.credit, sideDelta("credit", leg.amount, leg.movement, cn));
  }
  return out;
}

/** Every posting's debits equal its credits, posted and pending alike: summed over accounts, each side's delta cancels. */
export function sumsToZero(changes: Iterable<Delta>): boolean {
  let posted = 0;
  let pending = 0;
  for (const d of changes) {
    posted += d.debitsPosted - d.creditsPosted;
    pending += d.debitsPending - d.creditsPending;
  }
  return posted === 0 && pending === 0;
}

/** A leg's problem, if any: amounts are positive safe integers of fen, and money moves between two accounts. */
export function legProblem(leg: Pick<Leg, "debit" | "credit" | "amount">): string | undefined {
  if (!Number.isSafeInteger(leg.amount) || leg.amount <= 0) return "An amount is a positive whole number of fen";
  if (leg.debit === leg.credit) return "Money moves between two different accounts";
  return undefined;
}
