import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Certification } from "../certification/index.js";
import { Clock } from "../clock/index.js";
import { Cohort } from "../cohort/index.js";
import { conflict, forbidden, isConditionFailure } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Ledger } from "../ledger/index.js";
import { Tenant } from "../tenant/index.js";
import { platformSettingEntity, shareEntity } from "./entity.js";

export * as Payee from "./index.js";

/*
 * Who earns from a session and on what terms: the host, the agency that trained the host (its
 * share, for some months after the certificate), and the platform (its fee). Each payee has two
 * ledger accounts: pending (commission inside an order's return window) and earned (available,
 * negative only through a clawback).
 */

/** The platform as a payee. */
export const PLATFORM = "zhubo";
/** The platform's fee in basis points of every commission and slot fee, until ops set another. */
export const DEFAULT_PLATFORM_FEE_BPS = 1_000;
/** The platform's accounts are touched by every posting: spread over shard items. */
export const PLATFORM_SHARDS = 8;

export type Kind = "host" | "agency" | "platform";

export const pendingOf = (payeeID: string) => `pending:${payeeID}`;
export const earnedOf = (payeeID: string) => `earned:${payeeID}`;

/**
 * Opens a payee's two accounts (idempotent; a write only the first time, by condition). The
 * platform's are sharded, and a shard may dip below zero while their sum can't (a posting takes
 * from a random shard): their guard is the recomputation's own arithmetic, which never plans a
 * pending balance below zero, and the ledger check.
 */
export async function open(payeeID: string, kind: Kind): Promise<void> {
  const platform = kind === "platform";
  const shards = platform ? PLATFORM_SHARDS : 1;
  await Ledger.open({
    accountID: pendingOf(payeeID),
    kind: `${kind}_pending`,
    ownerID: payeeID,
    normal: "credit",
    overdraft: platform ? "always" : "never",
    shards,
  });
  await Ledger.open({
    accountID: earnedOf(payeeID),
    kind: `${kind}_earned`,
    ownerID: payeeID,
    normal: "credit",
    overdraft: platform ? "always" : "clawback",
    shards,
    // a host's or agency's earnings are paid out: their credits put them on the payout run's index
    watch: !platform,
  });
}

export interface Rates {
  platformFeeBps: number;
  /** The agency owed a share of this booking's money, if any. */
  agency?: { agencyID: string; shareBps: number; certificateID: string; until: string };
}

/** The platform fee in force (a platform setting). */
export async function platformFeeBps(): Promise<number> {
  const found = (await (await platformSettingEntity()).get({ setting: "fee" }).go()).data;
  return found?.platformFeeBps ?? DEFAULT_PLATFORM_FEE_BPS;
}

/** Ops set the platform fee for bookings made from now on (a booking keeps the fee it was made with). */
export const setPlatformFee = fn(z.object({ platformFeeBps: z.int().check(z.minimum(0, "Not negative"), z.maximum(5_000, "At most 50%")) }), async (input) => {
  if (!Actor.isOps()) throw forbidden("ops.only", "Only platform ops set the platform fee");
  await (await platformSettingEntity())
    .put({ setting: "fee", platformFeeBps: input.platformFeeBps, updatedBy: Actor.person().personID, updatedAt: Clock.iso() })
    .go();
  return { platformFeeBps: input.platformFeeBps };
});

const agencyID = Id.schema("agency", "agency");

export interface Share {
  agencyID: string;
  /** What ops approved: in force. */
  approved?: { shareBps: number; months: number; approvedAt: string };
  /** What the agency asked for, waiting for ops. */
  proposed?: { shareBps: number; months: number; at: string };
}

interface ShareItem {
  agencyID: string;
  approvedBps?: number;
  approvedMonths?: number;
  approvedAt?: string;
  approvedBy?: string;
  proposedBps?: number;
  proposedMonths?: number;
  proposedAt?: string;
  waiting?: string;
}

async function readItem(id: string): Promise<ShareItem | undefined> {
  return ((await (await shareEntity()).get({ agencyID: id }).go()).data as ShareItem | null) ?? undefined;
}

const toShare = (id: string, found: ShareItem | undefined): Share =>
  found
    ? {
        agencyID: id,
        approved:
          found.approvedBps === undefined
            ? undefined
            : { shareBps: found.approvedBps, months: found.approvedMonths as number, approvedAt: found.approvedAt as string },
        proposed:
          found.proposedBps === undefined ? undefined : { shareBps: found.proposedBps, months: found.proposedMonths as number, at: found.proposedAt as string },
      }
    : { agencyID: id };

async function readShare(id: string): Promise<Share> {
  return toShare(id, await readItem(id));
}

/** An agency's share settings, for its admins and ops. */
export const share = fn(z.object({ agencyID }), async (input) => {
  Tenant.assert("agency.not_found", { kind: "agency", id: input.agencyID }, { roles: ["admin"], ops: true });
  return readShare(input.agencyID);
});

/** An agency admin asks for a share (basis points of a trained host's earnings, for N months after the certificate); ops approve it. */
export const proposeShare = fn(
  z.object({
    agencyID,
    shareBps: z.int().check(z.minimum(0, "Not negative"), z.maximum(3_000, "At most 30%")),
    months: z.int().check(z.minimum(1, "At least 1 month"), z.maximum(36, "At most 36 months")),
  }),
  async (input) => {
    Tenant.assert("agency.not_found", { kind: "agency", id: input.agencyID }, { roles: ["admin"] });
    const item = (await readItem(input.agencyID)) ?? { agencyID: input.agencyID };
    // whole items, so the "waiting" index keys come and go with the request
    await (await shareEntity()).put({ ...item, proposedBps: input.shareBps, proposedMonths: input.months, proposedAt: Clock.iso(), waiting: "yes" }).go();
    return readShare(input.agencyID);
  },
);

/** Ops approve (or refuse) what an agency asked for; approving puts it in force for bookings made from then on. */
export const decideShare = fn(z.object({ agencyID, approve: z.boolean(), proposedAt: z.string() }), async (input) => {
  if (!Actor.isOps()) throw forbidden("ops.only", "Only platform ops approve agency shares");
  const current = await readShare(input.agencyID);
  if (!current.proposed || current.proposed.at !== input.proposedAt) throw conflict("share.changed", "The agency changed its request meanwhile. Reload.");
  const item = (await readItem(input.agencyID)) as ShareItem;
  // proposedAt stays (the sparse index's composite); without `waiting` the item leaves the index
  const { proposedBps, proposedMonths, waiting, ...rest } = item;
  const next = input.approve
    ? { ...rest, approvedBps: proposedBps, approvedMonths: proposedMonths, approvedAt: Clock.iso(), approvedBy: Actor.person().personID }
    : rest;
  await (await shareEntity())
    .put(next)
    .where((a, op) => op.eq(a.proposedAt, input.proposedAt))
    .go()
    .catch((e: unknown) => {
      throw isConditionFailure(e) ? conflict("share.changed", "The agency changed its request meanwhile. Reload.") : e;
    });
  return readShare(input.agencyID);
});

/** Shares waiting for ops ("agency shares waiting": a sparse index). */
export const waitingShares = fn(z.object({}), async () => {
  if (!Actor.isOps()) throw forbidden("ops.only", "Only platform ops see agency share requests");
  const found = await (await shareEntity()).query.waiting({}).go({ limit: 100 });
  return { items: await Promise.all(found.data.map((s) => readShare(s.agencyID))) };
});

/**
 * The rates a booking is made with: the platform fee in force, and the agency share owed when the
 * host holds a certificate (active at the session's start) that an agency trained them for,
 * issued less than the agency's approved number of months before the session. A certificate the
 * gig requires wins over others; among equals the most recently issued.
 */
export async function ratesFor(hostID: string, startsAtMs: number, required: string[] = []): Promise<Rates> {
  const platformFee = await platformFeeBps();
  const certificates = await Certification.activeOf(hostID, startsAtMs);
  const ranked = [...certificates].sort(
    (a, b) => Number(required.includes(b.definitionID)) - Number(required.includes(a.definitionID)) || b.issuedAt.localeCompare(a.issuedAt),
  );
  for (const c of ranked) {
    const cohort = await Cohort.load(c.cohortID);
    if (!cohort) continue;
    const s = await readShare(cohort.agencyID);
    if (!s.approved || s.approved.shareBps === 0) continue;
    const until = new Date(Date.parse(c.issuedAt));
    until.setUTCMonth(until.getUTCMonth() + s.approved.months);
    if (until.getTime() <= startsAtMs) continue;
    return {
      platformFeeBps: platformFee,
      agency: { agencyID: cohort.agencyID, shareBps: s.approved.shareBps, certificateID: c.certificateID, until: until.toISOString() },
    };
  }
  return { platformFeeBps: platformFee };
}
