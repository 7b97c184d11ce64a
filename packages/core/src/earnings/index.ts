import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { forbidden } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Ledger } from "../ledger/index.js";
import type { Fen } from "../money/index.js";
import { Page } from "../page/index.js";
import { Payee } from "../payee/index.js";
import { Payout } from "../payout/index.js";
import { bookingMoneyEntity, type Money } from "../sale/index.js";
import { Tenant } from "../tenant/index.js";
import { movementOf } from "../wallet/index.js";

export * as Earnings from "./index.js";

/*
 * What payees see of their money: balances from their ledger accounts, per booking from the
 * bookings' money records, movements from the ledger lines, a series for the chart. Hosts see
 * their own, agency admins their agency's, ops the platform's.
 */

export interface Balances {
  pendingFen: Fen;
  /** May be negative: a clawback not yet recovered from later earnings. */
  availableFen: Fen;
  /** What later earnings will recover first (0 unless available is negative). */
  owedFen: Fen;
  /** Everything ever released or paid to the earned account (slot fees, commission). */
  earnedFen: Fen;
  clawedBackFen: Fen;
  /** On its way to the payee's Alipay (a payout run's transfer without its final answer yet). */
  inflightFen: Fen;
  paidOutFen: Fen;
}

async function balancesOf(payeeID: string): Promise<Balances> {
  const [pending, earned, inflight, paid] = await Promise.all([
    Ledger.balance(Payee.pendingOf(payeeID), { missing: "zero" }),
    Ledger.balance(Payee.earnedOf(payeeID), { missing: "zero" }),
    Ledger.balance(Payout.inflightOf(payeeID), { missing: "zero" }),
    Ledger.balance(Payout.paidOf(payeeID), { missing: "zero" }),
  ]);
  // earned's credits include payouts that failed and came back; its debits include payouts sent out
  const returned = inflight.debitsPosted - paid.creditsPosted;
  return {
    pendingFen: pending.available,
    availableFen: earned.available,
    owedFen: Math.max(0, -earned.available),
    earnedFen: earned.creditsPosted - returned,
    clawedBackFen: earned.debitsPosted - inflight.creditsPosted,
    inflightFen: inflight.available,
    paidOutFen: paid.available,
  };
}

/** A booking's money as one payee sees it: its own share pending and released, the slot fee's part. */
function rowOf(m: Money, payee: "host" | "agency") {
  return {
    bookingID: m.bookingID,
    title: m.title,
    startsAt: m.startsAt,
    hostID: m.hostID,
    hostName: m.hostName,
    gmvFen: m.gmvFen,
    refundedFen: m.refundedFen,
    commissionFen: m.commissionFen,
    pendingFen: m.pending[payee],
    releasedFen: m.released[payee],
    slotFeeFen: m.slotFee?.[payee] ?? 0,
    nextReleaseAt: m.nextReleaseAt,
    lines: m.lines,
  };
}

const cursor = Page.cursor;

/** The signed-in host's earnings: balances, and its bookings' money newest first. */
export const mine = fn(z.object({ cursor }), async (input) => {
  const hostID = Actor.person().personID;
  const q = Page.query("earnings.mine", hostID);
  const page = await (await bookingMoneyEntity()).query.ofHost({ hostID }).go({ order: "desc", limit: 50, cursor: Page.open(q, input.cursor) });
  return { balances: await balancesOf(hostID), items: (page.data as Money[]).map((m) => rowOf(m, "host")), cursor: Page.seal(q, page.cursor) };
});

const agencyID = Id.schema("agency", "agency");

/** An agency's share: balances, and per host and booking what it earned. Agency admins (and ops). */
export const ofAgency = fn(z.object({ agencyID, cursor }), async (input) => {
  Tenant.assert("agency.not_found", { kind: "agency", id: input.agencyID }, { roles: ["admin"], ops: true });
  const q = Page.query("earnings.ofAgency", input.agencyID);
  const page = await (await bookingMoneyEntity()).query
    .ofAgency({ agencyID: input.agencyID })
    .go({ order: "desc", limit: 50, cursor: Page.open(q, input.cursor) });
  return { balances: await balancesOf(input.agencyID), items: (page.data as Money[]).map((m) => rowOf(m, "agency")), cursor: Page.seal(q, page.cursor) };
});

/** Whose money the caller asks about: its own (a host), an agency it administers, or the platform (ops). */
function payeeFor(who: { agencyID?: string; platform?: boolean }): string {
  if (who.platform) {
    if (!Actor.isOps()) throw forbidden("ops.only", "Only platform ops see the platform's money");
    return Payee.PLATFORM;
  }
  if (who.agencyID) {
    Tenant.assert("agency.not_found", { kind: "agency", id: who.agencyID }, { roles: ["admin"], ops: true });
    return who.agencyID;
  }
  return Actor.person().personID;
}

const Who = { agencyID: z.optional(agencyID), platform: z.optional(z.boolean()) };

/** Every movement of a payee's earned account (releases, slot fees, clawbacks …), newest first. */
export const movements = fn(z.object({ ...Who, cursor }), async (input) => {
  const payee = payeeFor(input);
  const q = Page.query("earnings.movements", payee);
  const page = await Ledger.lines(Payee.earnedOf(payee), { cursor: Page.open(q, input.cursor), limit: 50 });
  return { items: page.items.map(movementOf), cursor: Page.seal(q, page.cursor) };
});

/**
 * Earnings over time for the chart: per China day of the last `days`, what was released or paid
 * to the earned account and what was clawed back (from its ledger lines; one Query).
 */
export const series = fn(z.object({ ...Who, days: z.optional(z.int().check(z.minimum(7), z.maximum(366))) }), async (input) => {
  const payee = payeeFor(input);
  const days = input.days ?? 90;
  const since = new Date(Clock.now() - days * 86_400_000).toISOString();
  const byDay = new Map<string, { earnedFen: Fen; clawedBackFen: Fen }>();
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof Ledger.lines>> = await Ledger.lines(Payee.earnedOf(payee), { since, cursor, limit: 500 });
    for (const l of page.items) {
      const day = new Date(Date.parse(l.at) + 8 * 3_600_000).toISOString().slice(0, 10);
      const d = byDay.get(day) ?? { earnedFen: 0, clawedBackFen: 0 };
      if (l.side === "credit") d.earnedFen += l.amount;
      else if (l.memo === "clawback") d.clawedBackFen += l.amount;
      byDay.set(day, d);
    }
    cursor = page.cursor;
  } while (cursor);
  return { days: [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, d]) => ({ day, ...d })) };
});

/** The platform's money for ops: fee revenue (pending and earned), wallets, escrow, provider clearing. */
export const overview = fn(z.object({}), async () => {
  if (!Actor.isOps()) throw forbidden("ops.only", "Only platform ops see the platform's money");
  const accounts = await Ledger.accounts();
  const sum = (kind: string) => accounts.filter((a) => a.kind === kind).reduce((s, a) => s + a.available, 0);
  return {
    platform: await balancesOf(Payee.PLATFORM),
    walletsFen: sum("brand_wallet"),
    wallets: accounts.filter((a) => a.kind === "brand_wallet").length,
    heldFen: accounts.filter((a) => a.kind === "brand_wallet").reduce((s, a) => s + a.debitsPending, 0),
    hostsPendingFen: sum("host_pending"),
    hostsAvailableFen: sum("host_earned"),
    agenciesAvailableFen: sum("agency_earned"),
    clearingFen: sum("provider_clearing"),
    accounts: accounts.length,
  };
});

/** Ops run the ledger check: every balance recomputed from its lines, every difference named. */
export const check = fn(z.object({}), async () => {
  if (!Actor.isOps()) throw forbidden("ops.only", "Only platform ops run the ledger check");
  const checked = await Ledger.check();
  return {
    ...checked,
    balanced: checked.total.debitsPosted === checked.total.creditsPosted && checked.total.debitsPending === checked.total.creditsPending,
    at: Clock.iso(),
  };
});
