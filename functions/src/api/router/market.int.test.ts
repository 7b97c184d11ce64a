import type { Actor } from "@zhubo/core/actor";
import { Clock } from "@zhubo/core/clock";
import { describe, expect, it } from "vitest";
import { org, recordedEvents, signUp } from "../../../../packages/core/test/factory.js";
import { marketRouter } from "./market.js";
import { caller } from "./testing.js";

/**
 * Every market procedure's happy path through the router, as the role that uses it. Each call
 * goes through `as(actor)`, which records the procedures that answered; the last test fails when
 * a market procedure has none, so a new verb can't ship without one.
 */
const answered = new Set<string>();
type Market = ReturnType<typeof caller>["market"];
const as = (actor: Actor.Info): Market =>
  new Proxy(caller(actor).market, {
    get(target, name: string) {
      const procedure = (target as unknown as Record<string, (input: unknown) => Promise<unknown>>)[name];
      return async (input: unknown) => {
        const out = await procedure?.(input);
        answered.add(name);
        return out;
      };
    },
  });

const day = (days: number) => new Date(Clock.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const everyDay = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ day: d, from: "09:00", to: "23:00" }));
const card = {
  city: "xuzhou" as const,
  categories: ["food" as const],
  languages: ["mandarin" as const],
  slotFeePerHourFen: 50_000,
  minCommissionBps: 1000,
  weekly: everyDay,
  exceptions: [],
  clips: [],
  version: 0,
};
const terms = (slotFeeFen: number) => ({ slotFeeFen, commissionBps: 1500, tiers: [] });
const gigInput = (brandID: string, patch: Record<string, unknown> = {}) => ({
  brandID,
  title: "牛肉月饼中秋专场",
  products: [{ name: "牛肉月饼礼盒", priceFen: 12_800 }],
  category: "food" as const,
  mode: "onsite" as const,
  city: "xuzhou" as const,
  venue: "徐州彭城广场直播间",
  date: day(7),
  startTime: "19:00",
  minutes: 120,
  requiredCertifications: [],
  languages: ["mandarin" as const],
  budgetFen: 300_000,
  commissionBps: 1500,
  ...patch,
});

describe("market routers: every gig, offer and booking verb as its role", () => {
  it("host cards, gigs and matching: a host lists a card, a brand posts, edits and finds hosts, the host finds the gig", async () => {
    const brand = await org("brand", "徐州老城牛肉月饼");
    const host = await signUp("徐州主播");
    const asBrand = as(brand.admin.actor);
    const asHost = as(host.actor);

    const saved = await asHost.saveCard(card);
    expect(saved).toMatchObject({ hostID: host.personID, city: "xuzhou" });
    expect(await asHost.myCard({})).toMatchObject({ hostID: host.personID });
    expect(await asBrand.card({ hostID: host.personID })).toMatchObject({ displayName: "徐州主播" });

    const gig = await asBrand.createGig(gigInput(brand.org.orgID));
    const edited = await asBrand.updateGig({ ...gigInput(brand.org.orgID, { title: "牛肉月饼国庆专场" }), gigID: gig.gigID, version: gig.version });
    expect(edited).toMatchObject({ title: "牛肉月饼国庆专场", version: 2 });
    expect(await asBrand.gig({ gigID: gig.gigID })).toMatchObject({ title: "牛肉月饼国庆专场", status: "open" });
    expect(await asHost.viewGig({ gigID: gig.gigID })).toMatchObject({ gigID: gig.gigID, brandRating: { ratingSum: 0, ratingCount: 0 } });
    expect((await asBrand.gigsOfBrand({ brandID: brand.org.orgID, status: "open" })).items.map((g) => g.gigID)).toEqual([gig.gigID]);
    expect((await asBrand.candidates({ gigID: gig.gigID })).items.map((c) => c.hostID)).toContain(host.personID);
    expect((await asHost.gigsForMe({})).items.map((x) => x.gig.gigID)).toContain(gig.gigID);

    // the web's "close" button: the gig leaves the open list and the hosts' feed
    expect(await asBrand.closeGig({ gigID: gig.gigID })).toMatchObject({ status: "closed" });
    expect((await asBrand.gigsOfBrand({ brandID: brand.org.orgID, status: "closed" })).items.map((g) => g.gigID)).toEqual([gig.gigID]);
    expect((await asHost.gigsForMe({})).items.map((x) => x.gig.gigID)).not.toContain(gig.gigID);
  }, 120_000);

  it("offers and bookings: invite, apply, counter, decline, accept, amend terms, cancel, no-show and review", async () => {
    const brand = await org("brand", "徐州老城牛肉月饼");
    const [applicant, invitee, absent] = await Promise.all([signUp("申请主播"), signUp("受邀主播"), signUp("缺席主播")]);
    const asBrand = as(brand.admin.actor);
    for (const h of [applicant, invitee, absent]) await as(h.actor).saveCard(card);
    const gig = await asBrand.createGig(gigInput(brand.org.orgID));

    // the brand invites one host, who counters; the brand declines the counter
    const invited = await asBrand.invite({ gigID: gig.gigID, hostID: invitee.personID, terms: terms(100_000), note: "欢迎来徐州" });
    const countered = await as(invitee.actor).counter({ gigID: gig.gigID, hostID: invitee.personID, round: invited.round, terms: terms(150_000) });
    expect(countered).toMatchObject({ round: 2, termsBy: "host" });
    expect(await asBrand.decline({ gigID: gig.gigID, hostID: invitee.personID, round: 2 })).toMatchObject({ status: "declined" });

    // another host applies; the brand accepts: a booking
    await as(applicant.actor).applyTo({ gigID: gig.gigID, terms: terms(120_000), note: "做过三场月饼专场" });
    expect((await asBrand.offersOfGig({ gigID: gig.gigID })).items.map((o) => [o.hostID, o.status])).toEqual(
      expect.arrayContaining([
        [applicant.personID, "open"],
        [invitee.personID, "declined"],
      ]),
    );
    expect((await as(applicant.actor).myOffers({})).items.map((o) => o.gigID)).toEqual([gig.gigID]);
    const booking = await asBrand.accept({ gigID: gig.gigID, hostID: applicant.personID, round: 1 });
    expect(await as(applicant.actor).booking({ bookingID: booking.bookingID })).toMatchObject({ status: "booked", brandID: brand.org.orgID });
    expect((await as(applicant.actor).bookings({ from: day(0) })).items.map((b) => b.bookingID)).toEqual([booking.bookingID]);
    expect((await asBrand.bookings({ brandID: brand.org.orgID, from: day(0) })).items.map((b) => b.bookingID)).toEqual([booking.bookingID]);

    // new terms are a new contract version both accept; then the host cancels before the cut-off
    await as(applicant.actor).proposeTerms({ bookingID: booking.bookingID, terms: terms(130_000) });
    const amended = await asBrand.acceptTerms({ bookingID: booking.bookingID, version: 1 });
    expect(amended.contracts.map((c) => c.terms.slotFeeFen)).toEqual([120_000, 130_000]);
    expect(await as(applicant.actor).cancel({ bookingID: booking.bookingID, reason: "家中急事，无法到场" })).toMatchObject({
      status: "cancelled",
      cancelledBy: "host",
    });

    // a host who accepted an invitation and didn't show up; the brand records it and reviews
    const later = await asBrand.createGig(gigInput(brand.org.orgID, { date: day(8) }));
    await asBrand.invite({ gigID: later.gigID, hostID: absent.personID, terms: terms(100_000) });
    const missed = await as(absent.actor).accept({ gigID: later.gigID, hostID: absent.personID, round: 1 });
    try {
      Clock.use(Clock.fixed(Date.parse(missed.startsAt) + 30 * 60_000));
      expect(await asBrand.noShow({ bookingID: missed.bookingID })).toMatchObject({ status: "no_show" });
      Clock.use(Clock.fixed(Date.parse(missed.endsAt) + 60_000));
      expect(await asBrand.review({ bookingID: missed.bookingID, stars: 1, comment: "未到场" })).toMatchObject({ brandReview: { stars: 1 } });
      // the rating at once; the no-show counts on the card through its event (booking-closed subscriber)
      expect(await asBrand.card({ hostID: absent.personID })).toMatchObject({ ratingCount: 1 });
      expect((await recordedEvents("booking.no_show")).map((e) => e.properties.bookingID)).toEqual([missed.bookingID]);
    } finally {
      Clock.reset();
    }
  }, 180_000);

  it("every market procedure has a happy-path test above", () => {
    const procedures = Object.keys(marketRouter._def.procedures).sort();
    expect(procedures.length).toBeGreaterThanOrEqual(25);
    expect(procedures.filter((p) => !answered.has(p))).toEqual([]);
  });
});
