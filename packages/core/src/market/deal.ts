import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Calendar } from "../calendar/index.js";
import { Certification } from "../certification/index.js";
import { Clock } from "../clock/index.js";
import { Dynamo } from "../dynamo/index.js";
import { conflict, notFound } from "../error/index.js";
import { Event } from "../event/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import type { Ledger } from "../ledger/index.js";
import { Page } from "../page/index.js";
import { Payee } from "../payee/index.js";
import { Person } from "../person/index.js";
import { Tenant } from "../tenant/index.js";
import { Text } from "../text/index.js";
import { Wallet } from "../wallet/index.js";
import { bookingEntity, brandRecordEntity, hostBlockEntity, offerEntity } from "./entity.js";
import { BookingCancelled, BookingCompleted, BookingConfirmed, BookingNoShow, OfferCountered, OfferDeclined, OfferMade } from "./events.js";
import { facts, type Gig, gigID, load as loadGig, stillOpen } from "./gig.js";
import { hostID, load as loadCard, refresh } from "./host.js";

/** The money terms of an offer and of a booking's contract (fen and basis points; never floats). */
export const TermsSchema = z.object({
  slotFeeFen: z.int().check(z.minimum(0, "Not negative"), z.maximum(100_000_000, "At most ¥1,000,000")),
  commissionBps: z.int().check(z.minimum(0, "Not negative"), z.maximum(10_000, "At most 100%")),
  /** Higher commission above GMV thresholds, ascending. */
  tiers: z
    .array(
      z.object({
        aboveFen: z.int().check(z.minimum(1, "Above ¥0.01")),
        commissionBps: z.int().check(z.minimum(0, "Not negative"), z.maximum(10_000, "At most 100%")),
      }),
    )
    .check(
      z.maxLength(5, "At most 5 tiers"),
      z.refine((t) => t.every((x, i) => i === 0 || x.aboveFen > (t[i - 1] as { aboveFen: number }).aboveFen), "Tiers go up"),
    ),
});
export type Terms = z.output<typeof TermsSchema>;

export interface Offer {
  gigID: string;
  hostID: string;
  brandID: string;
  hostName: string;
  gigTitle: string;
  startsAt: string;
  endsAt: string;
  startedBy: "brand" | "host";
  terms: Terms;
  termsBy: "brand" | "host";
  history: { by: "brand" | "host"; terms: Terms; at: string; note?: string }[];
  status: "open" | "accepted" | "declined" | "withdrawn";
  bookingID?: string;
  round: number;
  updatedAt: string;
}

export interface Contract {
  version: number;
  terms: Terms;
  acceptedAt: string;
}

export interface Booking {
  bookingID: string;
  gigID: string;
  brandID: string;
  hostID: string;
  brandName: string;
  hostName: string;
  title: string;
  mode: string;
  city?: string;
  venue?: string;
  startsAt: string;
  endsAt: string;
  contracts: Contract[];
  proposal?: { terms: Terms; by: "brand" | "host"; at: string };
  /** The rates the booking was made with and the slot fee's hold on the brand's wallet. */
  money?: BookingMoney;
  status: "booked" | "cancelled" | "completed" | "no_show";
  cancelledBy?: string;
  cancelReason?: string;
  hostReview?: Review;
  brandReview?: Review;
  createdAt: string;
  updatedAt: string;
}

export interface BookingMoney extends Payee.Rates {
  hold?: { transferID: string; amountFen: number; version: number };
}

export interface Review {
  stars: number;
  comment: string;
  at: string;
}

const BLOCK_MS = 15 * 60_000;
/** Either side may cancel up to this long before the session starts. */
export const CANCEL_CUTOFF_HOURS = 24;
/** The brand may record a no-show until this long after the session's end; then it completes by itself. */
export const NO_SHOW_WINDOW_HOURS = 24;
const note = z.optional(Text.prose({ max: 500 }));

/** 15-minute blocks covering [start, end): the host's calendar locks. */
function blocks(startMs: number, endMs: number): string[] {
  const out: string[] = [];
  for (let t = Math.floor(startMs / BLOCK_MS) * BLOCK_MS; t < endMs; t += BLOCK_MS) out.push(new Date(t).toISOString());
  return out;
}

async function readOffer(gig: string, host: string): Promise<Offer | undefined> {
  const found = await (await offerEntity()).get({ gigID: gig, hostID: host }).go();
  return (found.data as Offer | null) ?? undefined;
}

async function readBooking(id: string): Promise<Booking | undefined> {
  const found = await (await bookingEntity()).get({ bookingID: id }).go();
  return (found.data as Booking | null) ?? undefined;
}

/** Which side the actor is on for this offer or booking; NOT_FOUND for anyone else (other brands included). */
function sideOf(x: { brandID: string; hostID: string }, code: string): "brand" | "host" {
  const actor = Actor.person();
  if (actor.personID === x.hostID) return "host";
  if (Tenant.canSee({ kind: "brand", id: x.brandID })) return "brand";
  throw notFound(code);
}

/** A host may take a gig only with every required certification active at the session's time. */
async function assertCertified(g: Gig, host: string): Promise<void> {
  const f = facts(g);
  const active = await Certification.activeOf(host, f.startsAt);
  const missing = g.requiredCertifications.filter((id) => !active.some((c) => c.definitionID === id && Date.parse(c.expiresAt) >= f.endsAt));
  if (missing.length)
    throw conflict("gig.certification_required", "This gig needs a certification that isn't active for the session", { certifications: missing.join(",") });
}

async function openGig(id: string): Promise<Gig> {
  const g = await loadGig(id);
  if (!g) throw notFound("gig.not_found");
  if (g.status !== "open" || Date.parse(g.startsAt) <= Clock.now()) throw conflict("gig.closed", "This gig is no longer open");
  return g;
}

async function start(g: Gig, host: string, by: "brand" | "host", terms: Terms, text?: string): Promise<Offer> {
  const card = await loadCard(host);
  if (!card) throw notFound("host.not_found");
  await assertCertified(g, host);
  const now = Clock.iso();
  const f = facts(g);
  const offer: Offer = {
    gigID: g.gigID,
    hostID: host,
    brandID: g.brandID,
    hostName: card.displayName,
    gigTitle: g.title,
    startsAt: g.startsAt,
    endsAt: new Date(f.endsAt).toISOString(),
    startedBy: by,
    terms,
    termsBy: by,
    history: [{ by, terms, at: now, ...(text ? { note: text } : {}) }],
    status: "open",
    round: 1,
    updatedAt: now,
  };
  const offers = await offerEntity();
  const rejected = await Dynamo.transact(offers, [Dynamo.commit(offers.create(offer)), await Event.create(OfferMade, offerFacts(offer, by))]);
  if (rejected === 0) throw conflict("offer.exists", "There is already an offer between this gig and host");
  if (rejected !== -1) throw new Error(`offer failed on item ${rejected}`);
  return offer;
}

const offerFacts = (o: Offer, by: "brand" | "host") => ({ gigID: o.gigID, hostID: o.hostID, brandID: o.brandID, by, round: o.round });

const OfferInput = { gigID, terms: TermsSchema, note };

/** A brand member invites a host to a gig with terms. */
export const invite = fn(z.object({ ...OfferInput, hostID }), async (input) => {
  const g = await openGig(input.gigID);
  Tenant.assert("gig.not_found", { kind: "brand", id: g.brandID });
  return start(g, input.hostID, "brand", input.terms, input.note);
});

/** A host applies to an open gig with their terms. */
export const apply = fn(z.object(OfferInput), async (input) => {
  await Person.assertVerified();
  const g = await openGig(input.gigID);
  return start(g, Actor.person().personID, "host", input.terms, input.note);
});

const OfferRef = z.object({ gigID, hostID, round: z.int().check(z.minimum(1)) });

async function turn(input: z.output<typeof OfferRef>): Promise<{ offer: Offer; side: "brand" | "host" }> {
  const offer = await readOffer(input.gigID, input.hostID);
  if (!offer) throw notFound("offer.not_found");
  const side = sideOf(offer, "offer.not_found");
  if (offer.status !== "open") throw conflict("offer.closed", `This offer is ${offer.status}`);
  if (offer.round !== input.round) throw conflict("offer.changed", "The offer changed meanwhile. Reload to see the latest terms.");
  return { offer, side };
}

/** The offer's next state under the round it was read at, with the event saying what changed. */
async function write(offer: Offer, next: Partial<Offer>, event: Dynamo.Commit): Promise<Offer> {
  const updated = { ...offer, ...next, updatedAt: Clock.iso() };
  const offers = await offerEntity();
  const rejected = await Dynamo.transact(offers, [
    Dynamo.commit(offers.put(updated).where((a, op) => `${op.eq(a.round, offer.round)} AND ${op.eq(a.status, "open")}`)),
    event,
  ]);
  if (rejected === 0) throw conflict("offer.changed", "The offer changed meanwhile. Reload to see the latest terms.");
  if (rejected !== -1) throw new Error(`offer change failed on item ${rejected}`);
  return updated;
}

/** The side that didn't set the current terms answers with its own. */
export const counter = fn(z.object({ gigID, hostID, round: z.int(), terms: TermsSchema, note }), async (input) => {
  const { offer, side } = await turn(input);
  if (offer.termsBy === side) throw conflict("offer.your_terms", "These are your terms: wait for the other side's answer");
  const round = offer.round + 1;
  return write(
    offer,
    {
      terms: input.terms,
      termsBy: side,
      round,
      history: [...offer.history, { by: side, terms: input.terms, at: Clock.iso(), ...(input.note ? { note: input.note } : {}) }],
    },
    await Event.create(OfferCountered, { ...offerFacts(offer, side), round }),
  );
});

export const decline = fn(z.object({ gigID, hostID, round: z.int(), note }), async (input) => {
  const { offer, side } = await turn(input);
  const outcome = offer.termsBy === side ? "withdrawn" : "declined";
  const round = offer.round + 1;
  return write(offer, { status: outcome, round }, await Event.create(OfferDeclined, { ...offerFacts(offer, side), round, outcome }));
});

/**
 * The side that didn't set the current terms accepts them: in one transaction the offer closes,
 * the booking is written with the terms as contract version 1, and the host's 15-minute blocks
 * for the session are taken — so a host is never booked twice for overlapping times, however
 * many accepts race.
 */
export const accept = fn(OfferRef, async (input) => {
  const { offer, side } = await turn(input);
  if (offer.termsBy === side) throw conflict("offer.your_terms", "These are your terms: the other side accepts them");
  if (side === "host") await Person.assertVerified();
  const g = await openGig(offer.gigID);
  await assertCertified(g, offer.hostID);
  const now = Clock.iso();
  const bookingID = Id.create("booking");
  const rates = await Payee.ratesFor(offer.hostID, Date.parse(offer.startsAt), g.requiredCertifications);
  const hold = await Wallet.prepareHold({ brandID: g.brandID, bookingID, version: 1, amountFen: offer.terms.slotFeeFen });
  const booking: Booking = {
    bookingID,
    gigID: g.gigID,
    brandID: g.brandID,
    hostID: offer.hostID,
    brandName: g.brandName,
    hostName: offer.hostName,
    title: g.title,
    mode: g.mode,
    city: g.city,
    venue: g.venue,
    startsAt: offer.startsAt,
    endsAt: offer.endsAt,
    contracts: [{ version: 1, terms: offer.terms, acceptedAt: now }],
    money: { ...rates, ...(hold ? { hold: { transferID: hold.result.transferIDs[0] as string, amountFen: offer.terms.slotFeeFen, version: 1 } } : {}) },
    status: "booked",
    createdAt: now,
    updatedAt: now,
  };
  const [offers, bookings, locks, gigOpen] = await Promise.all([offerEntity(), bookingEntity(), hostBlockEntity(), stillOpen(g.gigID)]);
  const sessionBlocks = blocks(Date.parse(booking.startsAt), Date.parse(booking.endsAt));
  const rejected = await Dynamo.transact(offers, [
    // the gig is still open as the booking is made: a brand closing it meanwhile wins
    gigOpen,
    Dynamo.commit(
      offers
        .put({ ...offer, status: "accepted", bookingID: booking.bookingID, round: offer.round + 1, updatedAt: now })
        .where((a, op) => `${op.eq(a.round, offer.round)} AND ${op.eq(a.status, "open")}`),
    ),
    Dynamo.commit(bookings.create(booking)),
    await Event.create(BookingConfirmed, { ...bookingFacts(booking), contractVersion: 1, by: side }),
    ...sessionBlocks.map((block) => Dynamo.commit(locks.create({ hostID: booking.hostID, block, bookingID: booking.bookingID }))),
    // the slot fee's hold: the booking exists only with it
    ...(hold?.commits ?? []),
  ]);
  if (rejected === 0) throw conflict("gig.closed", "This gig is no longer open");
  if (rejected === 1) throw conflict("offer.changed", "The offer changed meanwhile. Reload to see the latest terms.");
  const holdAt = 4 + sessionBlocks.length;
  if (hold && rejected >= holdAt) throw holdError(hold, rejected - holdAt, offer.terms.slotFeeFen);
  if (rejected >= 4) throw conflict("host.double_booked", "The host is already booked for part of that time");
  if (rejected !== -1) throw new Error(`accept failed on item ${rejected}`);
  return booking;
});

/** A hold's rejected item as the booking's error: the wallet short of the fee, or a hold settled meanwhile. */
function holdError(hold: Ledger.Prepared, index: number, amountFen: number): Error {
  const e = hold.explain(index);
  if ((e as { code?: string } | undefined)?.code === "ledger.insufficient_funds") return Wallet.shortOf(amountFen);
  if ((e as { code?: string } | undefined)?.code === "ledger.already_settled")
    return conflict("booking.changed", "The booking changed meanwhile. Reload and try again.");
  return e ?? new Error("slot fee hold: command ran twice");
}

export const offersOfGig = fn(z.object({ gigID }), async (input) => {
  const g = await loadGig(input.gigID);
  if (!g || !Tenant.canSee({ kind: "brand", id: g.brandID })) throw Tenant.hidden("gig.not_found");
  const found = await (await offerEntity()).query.byGig({ gigID: input.gigID }).go({ pages: "all" });
  return { items: found.data as Offer[] };
});

export const myOffers = fn(z.object({ cursor: Page.cursor }), async ({ cursor }) => {
  const hostID = Actor.person().personID;
  const q = Page.query("market.myOffers", hostID);
  const page = await (await offerEntity()).query.ofHost({ hostID }).go({ cursor: Page.open(q, cursor), limit: 50, order: "desc" });
  return { items: page.data as Offer[], cursor: Page.seal(q, page.cursor) };
});

const BookingRef = z.object({ bookingID: Id.schema("booking", "booking") });

/** A booking, for its host and its brand only. */
export const booking = fn(BookingRef, async ({ bookingID }) => {
  const b = await readBooking(bookingID);
  if (!b) throw notFound("booking.not_found");
  sideOf(b, "booking.not_found");
  return b;
});

/** Bookings of the signed-in host, or of a brand the actor is a member of, from a date on (calendar). */
export const bookings = fn(
  z.object({
    brandID: z.optional(Id.schema("brand", "brand")),
    from: Calendar.Day,
    cursor: Page.cursor,
  }),
  async ({ brandID, from, cursor }) => {
    const entity = await bookingEntity();
    const since = new Date(Date.parse(`${from}T00:00:00+08:00`)).toISOString();
    if (brandID) {
      Tenant.assert("brand.not_found", { kind: "brand", id: brandID });
      const q = Page.query("market.bookings", "brand", brandID, from);
      const page = await entity.query
        .ofBrand({ brandID })
        .gte({ startsAt: since })
        .go({ cursor: Page.open(q, cursor), limit: 50 });
      return { items: page.data as Booking[], cursor: Page.seal(q, page.cursor) };
    }
    const hostID = Actor.person().personID;
    const q = Page.query("market.bookings", "host", hostID, from);
    const page = await entity.query
      .ofHost({ hostID })
      .gte({ startsAt: since })
      .go({ cursor: Page.open(q, cursor), limit: 50 });
    return { items: page.data as Booking[], cursor: Page.seal(q, page.cursor) };
  },
);

const bookingFacts = (b: Booking) => ({ bookingID: b.bookingID, gigID: b.gigID, brandID: b.brandID, hostID: b.hostID, startsAt: b.startsAt, endsAt: b.endsAt });

/**
 * Writes the booking's next state, conditioned on the state read (and on still being booked,
 * unless `condition` is "any"), with the items that go with it: its event, released time locks.
 */
async function change(
  b: Booking,
  next: Partial<Booking>,
  condition: "booked" | "any" = "booked",
  withIt: Dynamo.Commit[] = [],
  money?: { prepared?: Ledger.Prepared; amountFen: number },
): Promise<Booking> {
  const updated = { ...b, ...next, updatedAt: Clock.iso() };
  const write = (await bookingEntity())
    .put(updated)
    .where((a, op) => (condition === "booked" ? `${op.eq(a.status, "booked")} AND ${op.eq(a.updatedAt, b.updatedAt)}` : op.eq(a.updatedAt, b.updatedAt)));
  const ledger = money?.prepared?.commits ?? [];
  const rejected = await Event.transact([Dynamo.commit(write), ...withIt, ...ledger]);
  if (rejected === 0) throw conflict("booking.changed", "The booking changed meanwhile. Reload and try again.");
  const ledgerAt = 1 + withIt.length;
  if (money?.prepared && rejected >= ledgerAt) throw holdError(money.prepared, rejected - ledgerAt, money.amountFen);
  if (rejected !== -1) throw new Error(`booking ${b.bookingID} change failed on item ${rejected}`);
  return updated;
}

/** The booking's money with its hold replaced (none: no `hold` key at all, DynamoDB stores no undefined). */
function withHold(money: BookingMoney | undefined, hold: BookingMoney["hold"]): BookingMoney {
  const { hold: _old, ...rest } = money ?? { platformFeeBps: Payee.DEFAULT_PLATFORM_FEE_BPS };
  return hold ? { ...rest, hold } : rest;
}

/** The void of a booking's slot-fee hold, when it has one, to go with its cancellation or no-show. */
async function releaseHold(b: Booking, why: "cancelled" | "no_show"): Promise<{ prepared?: Ledger.Prepared; amountFen: number } | undefined> {
  const hold = b.money?.hold;
  if (!hold) return undefined;
  return { prepared: await Wallet.prepareRelease({ bookingID: b.bookingID, holdID: hold.transferID, why }), amountFen: hold.amountFen };
}

/** Either side cancels with a reason, up to the cut-off; the host's time is free again. */
export const cancel = fn(
  z.object({
    bookingID: Id.schema("booking", "booking"),
    reason: Text.prose({ min: 5, short: "Say why, in at least 5 characters", max: 500 }),
  }),
  async ({ bookingID, reason }) => {
    const b = await readBooking(bookingID);
    if (!b) throw notFound("booking.not_found");
    const side = sideOf(b, "booking.not_found");
    if (b.status !== "booked") throw conflict("booking.not_booked", `This booking is ${b.status}`);
    if (Date.parse(b.startsAt) - Clock.now() < CANCEL_CUTOFF_HOURS * 3_600_000) {
      throw conflict("booking.too_late", `Bookings can be cancelled up to ${CANCEL_CUTOFF_HOURS} hours before the session`);
    }
    const locks = await hostBlockEntity();
    // the slot fee's hold is released with the cancellation, in the same transaction
    return change(
      b,
      { status: "cancelled", cancelledBy: side, cancelReason: reason },
      "booked",
      [
        await Event.create(BookingCancelled, { ...bookingFacts(b), by: side }),
        ...blocks(Date.parse(b.startsAt), Date.parse(b.endsAt)).map((block) => Dynamo.commit(locks.delete({ hostID: b.hostID, block }))),
      ],
      await releaseHold(b, "cancelled"),
    );
  },
);

/** Terms never change in place: either side proposes new terms; the other accepting makes the next contract version. */
export const proposeTerms = fn(z.object({ bookingID: Id.schema("booking", "booking"), terms: TermsSchema }), async ({ bookingID, terms }) => {
  const b = await readBooking(bookingID);
  if (!b) throw notFound("booking.not_found");
  const side = sideOf(b, "booking.not_found");
  if (b.status !== "booked") throw conflict("booking.not_booked", `This booking is ${b.status}`);
  return change(b, { proposal: { terms, by: side, at: Clock.iso() } });
});

export const acceptTerms = fn(z.object({ bookingID: Id.schema("booking", "booking"), version: z.int() }), async ({ bookingID, version }) => {
  const b = await readBooking(bookingID);
  if (!b) throw notFound("booking.not_found");
  const side = sideOf(b, "booking.not_found");
  if (!b.proposal) throw conflict("booking.no_proposal", "There are no new terms to accept");
  if (b.proposal.by === side) throw conflict("booking.your_terms", "These are your terms: the other side accepts them");
  const current = b.contracts.at(-1) as Contract;
  if (current.version !== version) throw conflict("booking.changed", "The booking changed meanwhile. Reload and try again.");
  // a new slot fee moves the hold: the old one voided and the new one placed, with the new version, or not at all
  const fee = b.proposal.terms.slotFeeFen;
  const old = b.money?.hold;
  const moves = (old?.amountFen ?? 0) !== fee;
  const prepared = moves
    ? await Wallet.prepareHold({ brandID: b.brandID, bookingID, version: version + 1, amountFen: fee, previous: old?.transferID })
    : undefined;
  const hold = prepared && fee ? { transferID: prepared.result.transferIDs.at(-1) as string, amountFen: fee, version: version + 1 } : moves ? undefined : old;
  return change(
    b,
    {
      contracts: [...b.contracts, { version: version + 1, terms: b.proposal.terms, acceptedAt: Clock.iso() }],
      proposal: undefined,
      money: withHold(b.money, hold),
    },
    "booked",
    [],
    { prepared, amountFen: fee },
  );
});

/** The brand records that the host didn't show up (after the start). */
export const noShow = fn(BookingRef, async ({ bookingID }) => {
  const b = await readBooking(bookingID);
  if (!b) throw notFound("booking.not_found");
  if (sideOf(b, "booking.not_found") !== "brand") throw conflict("booking.brand_only", "Only the brand records a no-show");
  if (b.status !== "booked" || Date.parse(b.startsAt) > Clock.now()) throw conflict("booking.not_started", "A no-show is recorded after the start");
  if (Clock.now() > Date.parse(b.endsAt) + NO_SHOW_WINDOW_HOURS * 3_600_000) {
    throw conflict("booking.no_show_closed", `A no-show is recorded within ${NO_SHOW_WINDOW_HOURS} hours of the session's end`);
  }
  // The host's track record counts it from the event (functions/src/events/booking-closed.ts).
  return change(b, { status: "no_show" }, "booked", [await Event.create(BookingNoShow, bookingFacts(b))], await releaseHold(b, "no_show"));
});

/** After the session, each side reviews the other once (1–5 stars and a comment). */
export const review = fn(
  z.object({
    bookingID: Id.schema("booking", "booking"),
    stars: z.int().check(z.minimum(1, "1 to 5 stars"), z.maximum(5, "1 to 5 stars")),
    comment: Text.prose({ max: 1000 }),
  }),
  async ({ bookingID, stars, comment }) => {
    const b = await readBooking(bookingID);
    if (!b) throw notFound("booking.not_found");
    const side = sideOf(b, "booking.not_found");
    if (b.status === "cancelled" || Date.parse(b.endsAt) > Clock.now()) throw conflict("booking.not_over", "Reviews open when the session is over");
    const field = side === "brand" ? "brandReview" : "hostReview";
    if (b[field]) throw conflict("booking.reviewed", "You have already reviewed this session");
    // The brand reviewing a booked session says it happened: it completes now rather than when the
    // no-show window closes. The host's review changes no status (a host can't vouch for showing up).
    const completes = side === "brand" && b.status === "booked";
    const next = await change(
      b,
      { [field]: { stars, comment, at: Clock.iso() }, status: completes ? "completed" : b.status },
      "any",
      completes ? [await Event.create(BookingCompleted, { ...bookingFacts(b), by: "brand" })] : [],
    );
    // The brand's review is the host's rating (the session itself counts from booking.completed);
    // the host's review is the brand's record, which hosts see on its gigs.
    if (side === "host") await (await brandRecordEntity()).update({ brandID: b.brandID }).add({ ratingSum: stars, ratingCount: 1 }).go();
    if (side === "brand") await refresh(b.hostID, (c) => ({ ratingSum: c.ratingSum + stars, ratingCount: c.ratingCount + 1 }));
    return next;
  },
);

/**
 * The completion job: every booking still booked whose no-show window has closed completes, with
 * its booking.completed event. Reads the sparse "bookings to complete" index from its oldest key
 * up to now − the window: no Scan, and a booking no longer booked isn't in it. A booking that
 * changed meanwhile (a late review, a no-show) is left to that change.
 */
export async function completeDue(limit = 500): Promise<number> {
  const entity = await bookingEntity();
  const before = new Date(Clock.now() - NO_SHOW_WINDOW_HOURS * 3_600_000).toISOString();
  const due = await entity.query.toComplete({}).lte({ endsAt: before }).go({ limit, pages: "all" });
  let completed = 0;
  for (const b of due.data as Booking[]) {
    if (b.status !== "booked") continue;
    try {
      await change(b, { status: "completed" }, "booked", [await Event.create(BookingCompleted, { ...bookingFacts(b), by: "schedule" })]);
      completed++;
    } catch (e) {
      if (!(e instanceof Error && "code" in e && (e as { code: string }).code === "booking.changed")) throw e;
    }
  }
  return completed;
}

/**
 * The host's track record from a closed booking (the booking-closed subscriber): a session that
 * happened, or a no-show. The receipt commits with the card, so a duplicate delivery counts nothing.
 */
export async function countSession(outcome: "completed" | "no_show", hostID: string, once?: Event.Once): Promise<void> {
  await refresh(hostID, (c) => ({ sessions: c.sessions + 1, noShows: c.noShows + (outcome === "no_show" ? 1 : 0) }), once);
}

export const loadBooking = readBooking;
/** An offer by gig and host, for reactions to its events (no tenancy: the caller is the system). */
export const loadOffer = readOffer;
