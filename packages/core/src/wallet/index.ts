import { z } from "zod/mini";
import { Dynamo } from "../dynamo/index.js";
import { conflict } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Ledger } from "../ledger/index.js";
import { Money } from "../money/index.js";
import { Page } from "../page/index.js";
import { Payment } from "../payment/index.js";
import { Tenant } from "../tenant/index.js";

export * as Wallet from "./index.js";

/*
 * A brand's prepaid wallet: a credit-normal ledger account that never overdraws. Top-ups come
 * from the payment provider's clearing account, one posting per provider reference.
 */

const brandID = Id.schema("brand", "brand");
export const accountOf = (id: string) => `wallet:${id}`;
const walletOf = accountOf;
const clearingOf = (provider: string) => `clearing:${provider}`;
/** Where held slot fees sit between the booking and the session (one item: a fee is posted out of the shard it was held on, and bookings come at human pace). */
export const ESCROW = "escrow:slot_fee";

/** Opens a brand's wallet (idempotent; a conditional write the first time only). */
export async function ensure(id: string): Promise<string> {
  await Ledger.open({ accountID: walletOf(id), kind: "brand_wallet", ownerID: id, normal: "credit", overdraft: "never" });
  return walletOf(id);
}

/** Tables whose escrow account this process has opened (a process may serve several: tests, the simulation). */
const escrowOpen = new Set<string>();
async function escrow(): Promise<string> {
  if (!escrowOpen.has(Dynamo.table()))
    await Ledger.open({ accountID: ESCROW, kind: "slot_fee_escrow", ownerID: "zhubo", normal: "credit", overdraft: "never" });
  escrowOpen.add(Dynamo.table());
  return ESCROW;
}

async function view(id: string) {
  const b = await Ledger.balance(walletOf(id), { missing: "zero" });
  // spent = every posted debit (slot fees, commission); received = every credit (top-ups, commission refunded back)
  return { available: b.available, held: b.debitsPending, spent: b.debitsPosted, received: b.creditsPosted };
}

/** Available to spend, held for upcoming bookings, spent so far, and everything credited (top-ups, refunds): fen. Brand admins only. */
export const balance = fn(z.object({ brandID }), async (input) => {
  Tenant.assert("brand.not_found", { kind: "brand", id: input.brandID }, { roles: ["admin"] });
  return view(input.brandID);
});

/** Every movement of the wallet, newest first (its ledger lines). */
export const movements = fn(z.object({ brandID, cursor: Page.cursor }), async (input) => {
  Tenant.assert("brand.not_found", { kind: "brand", id: input.brandID }, { roles: ["admin"] });
  const q = Page.query("wallet.movements", input.brandID);
  const page = await Ledger.lines(walletOf(input.brandID), { cursor: Page.open(q, input.cursor), limit: 50 });
  return { items: page.items.map(movementOf), cursor: Page.seal(q, page.cursor) };
});

export interface Movement {
  at: string;
  transferID: string;
  /** Signed from the account's side: + credited, − debited; a hold's line shows what it reserved. */
  amountFen: number;
  kind: "posted" | "held" | "hold_posted" | "hold_released";
  memo?: string;
  ref?: string;
}

/** A credit-normal account's line as a statement row. */
export function movementOf(l: {
  at: string;
  transferID: string;
  side: "debit" | "credit";
  amount: number;
  movement: string;
  memo?: string;
  ref?: string;
}): Movement {
  const sign = l.side === "credit" ? 1 : -1;
  const kind = ({ post: "posted", hold: "held", post_pending: "hold_posted", void_pending: "hold_released" } as const)[l.movement as "post"];
  return { at: l.at, transferID: l.transferID, amountFen: sign * l.amount, kind, memo: l.memo, ref: l.ref };
}

/**
 * The slot fee's hold for a booking's contract version, ready to join the booking's transaction:
 * a pending transfer from the brand's wallet to escrow, and the previous version's hold voided in
 * the same command (a contract change moves the hold). Undefined when there is nothing to do.
 */
export async function prepareHold(h: {
  brandID: string;
  bookingID: string;
  version: number;
  amountFen: number;
  previous?: string;
}): Promise<Ledger.Prepared | undefined> {
  if (!h.amountFen && !h.previous) return undefined;
  const wallet = await ensure(h.brandID);
  return Ledger.prepare({
    commandID: `slot_fee:${h.bookingID}:v${h.version}`,
    ref: h.bookingID,
    settle: h.previous ? [{ pendingID: h.previous, action: "void" }] : [],
    transfers: h.amountFen ? [{ debit: wallet, credit: await escrow(), amount: h.amountFen, pending: true, memo: "slot_fee_hold" }] : [],
  });
}

/** Voids a booking's hold (cancelled before the cut-off, a no-show), ready to join the booking's transaction. */
export async function prepareRelease(r: { bookingID: string; holdID: string; why: "cancelled" | "no_show" }): Promise<Ledger.Prepared> {
  return Ledger.prepare({ commandID: `slot_fee:${r.bookingID}:${r.why}`, ref: r.bookingID, settle: [{ pendingID: r.holdID, action: "void" }] });
}

/** The error a booking change gets when the brand's wallet can't cover a hold. */
export function shortOf(amountFen: number) {
  return conflict("wallet.insufficient", `The brand's wallet can't cover the slot fee of ${Money.format(amountFen)}. Top up the wallet first.`, {
    slotFeeFen: "More than the brand's wallet has available",
  });
}

/**
 * A brand admin records a top-up by the provider's reference: credited once the provider confirms
 * it, exactly once however often it is recorded (the reference is the ledger command's id); a
 * reference already credited to another brand is a CONFLICT.
 */
export const topUp = fn(z.object({ brandID, reference: z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/, "Not a payment reference")) }), async (input) => {
  Tenant.assert("brand.not_found", { kind: "brand", id: input.brandID }, { roles: ["admin"] });
  const provider = Payment.current();
  const confirmed = await provider.confirm(input.reference);
  if (!confirmed) throw conflict("payment.unknown", "The provider knows no payment with this reference", { reference: "Unknown reference" });
  if (confirmed.currency !== "CNY") throw conflict("payment.currency", "Only CNY payments can fund a wallet", { reference: `A ${confirmed.currency} payment` });
  if (confirmed.status !== "succeeded")
    throw conflict(
      `payment.${confirmed.status}`,
      confirmed.status === "pending" ? "The provider hasn't confirmed this payment yet" : "The provider says this payment failed",
    );
  await Ledger.open({ accountID: clearingOf(provider.name), kind: "provider_clearing", ownerID: "zhubo", normal: "debit", overdraft: "always", shards: 4 });
  const wallet = await ensure(input.brandID);
  const command = {
    commandID: `topup:${provider.name}:${confirmed.reference}`,
    ref: input.brandID,
    transfers: [{ debit: clearingOf(provider.name), credit: wallet, amount: confirmed.amountFen, memo: "top_up" }],
  };
  let credited = confirmed.amountFen;
  try {
    // recorded before (or by a racing twin): nothing more is credited, and the answer says so
    const prepared = await Ledger.prepare(command);
    if (prepared.replayed) credited = 0;
    else {
      const rejected = await Dynamo.transact(await Ledger.anchor(), prepared.commits);
      if (rejected === 0) credited = 0;
      else if (rejected !== -1) throw prepared.explain(rejected) ?? new Error(`top-up failed on item ${rejected}`);
    }
  } catch (e) {
    if ((e as { code?: string }).code === "ledger.command_conflict")
      throw conflict("payment.used", "This payment was already credited to another wallet", { reference: "Already used" });
    throw e;
  }
  return { credited, ...(await view(input.brandID)) };
});
