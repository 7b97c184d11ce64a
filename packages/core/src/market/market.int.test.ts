import { describe, expect, it } from "vitest";
import { as, brand, cardInput, certified, day, gigInput, people, recordedEvents } from "../../test/factory.js";
import type { Actor } from "../actor/index.js";
import { Certification } from "../certification/index.js";
import { Clock } from "../clock/index.js";
import type { VisibleError } from "../error/index.js";
import { Market } from "./index.js";

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );

describe("host cards and gigs", () => {
  it("refuses bad gigs field by field and writes nothing", async () => {
    const b = await brand();
    const bad = await reject(
      as(b.actor, () =>
        Market.create(
          gigInput(b.org.orgID, { date: day(-1), minutes: 0, commissionBps: 10_001, budgetFen: -1, city: "atlantis" as "xuzhou", category: "toys" as "food" }),
        ),
      ),
    );
    expect(bad.fields).toMatchObject({
      minutes: "At least 30 minutes",
      commissionBps: "At most 100%",
      budgetFen: "Not negative",
      city: "Unknown city",
      category: "Unknown category",
    });
    const past = await reject(as(b.actor, () => Market.create(gigInput(b.org.orgID, { date: day(-1) }))));
    expect(past.fields).toEqual({ date: "The session must be in the future" });
    const long = await reject(as(b.actor, () => Market.create(gigInput(b.org.orgID, { minutes: 24 * 60 }))));
    expect(long.fields).toEqual({ minutes: "At most 12 hours" });
    const venue = await reject(as(b.actor, () => Market.create(gigInput(b.org.orgID, { venue: undefined }))));
    expect(venue.fields).toEqual({ venue: "On-site gigs need a venue" });
    expect((await as(b.actor, () => Market.ofBrandList({ brandID: b.org.orgID, status: "open" }))).items).toEqual([]);
    const fee = await reject(as(b.actor, () => Market.saveCard(cardInput({ slotFeePerHourFen: -5, minCommissionBps: 20_000 }))));
    expect(fee.fields).toMatchObject({ slotFeePerHourFen: "Not negative", minCommissionBps: "At most 100%" });
    // clips come only from the host's own reviewed practice sessions
    const [host] = (await people(1)) as [Actor.PersonActor];
    const clip = { cohortID: "coh_01JDQ0000000000000000000AA", streamId: "st-someoneelse", title: "别人的直播" };
    const notMine = await reject(as(host, () => Market.saveCard(cardInput({ clips: [clip] }))));
    expect(notMine.fields).toEqual({ "clips.0.streamId": "Pick one of your reviewed practice sessions" });
    expect(await as(host, () => Market.myCard({}))).toBeNull();
  });
});

describe("matching", () => {
  it("ranks certified local hosts first with reasons, leaves out those who can't take the gig, and pages from the index", async () => {
    const c = await certified(2);
    const [local, remote] = c.hosts as [Actor.PersonActor, Actor.PersonActor];
    await as(local, () => Market.saveCard(cardInput()));
    await as(remote, () => Market.saveCard(cardInput({ city: "nanjing", slotFeePerHourFen: 200_000 })));
    const [uncertified] = (await people(1, "新人")) as [Actor.PersonActor];
    await as(uncertified, () => Market.saveCard(cardInput()));
    const b = await brand();

    // on-site, requiring the certification: only the certified host in Xuzhou
    const gig = await as(b.actor, () => Market.create(gigInput(b.org.orgID, { requiredCertifications: [c.definition.definitionID] })));
    const page = await as(b.actor, () => Market.candidates({ gigID: gig.gigID }));
    expect(page.items.map((x) => x.hostID)).toEqual([local.personID]);
    const codes = page.items[0]?.reasons.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(["certified", "category", "same_city", "languages", "available", "within_budget", "commission_ok"]));
    expect(page.items[0]?.score).toBeGreaterThanOrEqual(70);

    // remote, no certification needed: everyone in the category, the certified and cheaper one first, the over-budget one says so
    const remoteGig = await as(b.actor, () => Market.create(gigInput(b.org.orgID, { mode: "remote", city: undefined, venue: undefined })));
    const all = await as(b.actor, () => Market.candidates({ gigID: remoteGig.gigID }));
    expect(new Set(all.items.map((x) => x.hostID))).toEqual(new Set([local.personID, remote.personID, uncertified.personID]));
    expect(all.items[0]?.hostID).toBe(local.personID);
    const pricey = all.items.find((x) => x.hostID === remote.personID);
    expect(pricey?.reasons).toContainEqual({ code: "over_budget", feeFen: 400_000, overFen: 200_000, points: 0 });

    // another brand can't look at this brand's candidates
    const other = await brand();
    expect((await reject(as(other.actor, () => Market.candidates({ gigID: gig.gigID })))).kind).toBe("not_found");

    // a revoked certificate stops counting in matching at once
    const [cert] = await Certification.activeOf(local.personID);
    await as(c.ops.actor, () => Certification.revoke({ holderID: local.personID, certificateID: cert?.certificateID as string, reason: "资质材料造假" }));
    // the revocation's event, which the certificate-changed subscriber turns into a re-listing
    expect((await recordedEvents("certificate.revoked")).map((e) => e.properties)).toEqual([
      { certificateID: cert?.certificateID, holderID: local.personID, definitionID: cert?.definitionID },
    ]);
    await Market.relist(local.personID);
    expect((await as(b.actor, () => Market.candidates({ gigID: gig.gigID }))).items).toEqual([]);
  });

  it("shows a host the open gigs that fit them, ranked the same way", async () => {
    const [host] = (await people(1)) as [Actor.PersonActor];
    await as(host, () => Market.saveCard(cardInput()));
    const b = await brand();
    const near = await as(b.actor, () => Market.create(gigInput(b.org.orgID)));
    await as(b.actor, () => Market.create(gigInput(b.org.orgID, { city: "suzhou", venue: "苏州" })));
    const mine = await as(host, () => Market.forMe({}));
    const ids = mine.items.map((x) => x.gig.gigID);
    expect(ids).toContain(near.gigID);
    expect(mine.items.every((x) => x.gig.mode === "remote" || x.gig.city === "xuzhou")).toBe(true);
    expect(JSON.stringify(mine)).not.toContain("createdBy");
  });
});

describe("offers and bookings", () => {
  it("invite → counter → accept makes a booking whose contract never changes in place; others see nothing", async () => {
    const [host] = (await people(1)) as [Actor.PersonActor];
    await as(host, () => Market.saveCard(cardInput()));
    const b = await brand();
    const gig = await as(b.actor, () => Market.create(gigInput(b.org.orgID)));
    const offer = await as(b.actor, () =>
      Market.invite({ gigID: gig.gigID, hostID: host.personID, terms: { slotFeeFen: 150_000, commissionBps: 1500, tiers: [] } }),
    );
    // the brand can't accept its own terms; the host counters; the brand accepts
    expect((await reject(as(b.actor, () => Market.accept({ gigID: gig.gigID, hostID: host.personID, round: 1 })))).code).toBe("offer.your_terms");
    const countered = await as(host, () =>
      Market.counter({
        gigID: gig.gigID,
        hostID: host.personID,
        round: offer.round,
        terms: { slotFeeFen: 180_000, commissionBps: 1500, tiers: [] },
        note: "两小时含试吃",
      }),
    );
    expect(countered).toMatchObject({ round: 2, termsBy: "host" });
    expect((await reject(as(b.actor, () => Market.accept({ gigID: gig.gigID, hostID: host.personID, round: 1 })))).code).toBe("offer.changed");
    const booking = await as(b.actor, () => Market.accept({ gigID: gig.gigID, hostID: host.personID, round: 2 }));
    expect(booking.contracts).toEqual([{ version: 1, terms: { slotFeeFen: 180_000, commissionBps: 1500, tiers: [] }, acceptedAt: expect.any(String) }]);

    // a change is a new contract version both sides accept
    await as(host, () => Market.proposeTerms({ bookingID: booking.bookingID, terms: { slotFeeFen: 180_000, commissionBps: 1800, tiers: [] } }));
    expect((await reject(as(host, () => Market.acceptTerms({ bookingID: booking.bookingID, version: 1 })))).code).toBe("booking.your_terms");
    const amended = await as(b.actor, () => Market.acceptTerms({ bookingID: booking.bookingID, version: 1 }));
    expect(amended.contracts.map((k) => [k.version, k.terms.commissionBps])).toEqual([
      [1, 1500],
      [2, 1800],
    ]);

    // both calendars show it; another brand and another host see none of it
    expect((await as(host, () => Market.bookings({ from: day(0) }))).items.map((x) => x.bookingID)).toEqual([booking.bookingID]);
    expect((await as(b.actor, () => Market.bookings({ brandID: b.org.orgID, from: day(0) }))).items.map((x) => x.bookingID)).toEqual([booking.bookingID]);
    const other = await brand();
    const [stranger] = (await people(1)) as [Actor.PersonActor];
    expect((await reject(as(other.actor, () => Market.offersOfGig({ gigID: gig.gigID })))).kind).toBe("not_found");
    expect((await reject(as(other.actor, () => Market.booking({ bookingID: booking.bookingID })))).kind).toBe("not_found");
    expect((await reject(as(stranger, () => Market.booking({ bookingID: booking.bookingID })))).kind).toBe("not_found");
    expect((await as(stranger, () => Market.myOffers({}))).items).toEqual([]);
    expect((await reject(as(other.actor, () => Market.bookings({ brandID: b.org.orgID, from: day(0) })))).kind).toBe("not_found");
  });

  it("closes a gig: it leaves the open gigs, its pending offers are withdrawn, and nobody can apply or accept any more", async () => {
    const [applicant, invitee, late] = (await people(3)) as [Actor.PersonActor, Actor.PersonActor, Actor.PersonActor];
    for (const h of [applicant, invitee, late]) await as(h, () => Market.saveCard(cardInput()));
    const b = await brand();
    const gig = await as(b.actor, () => Market.create(gigInput(b.org.orgID)));
    const terms = { slotFeeFen: 100_000, commissionBps: 1500, tiers: [] };
    await as(applicant, () => Market.apply({ gigID: gig.gigID, terms }));
    await as(b.actor, () => Market.invite({ gigID: gig.gigID, hostID: invitee.personID, terms }));
    expect((await as(late, () => Market.forMe({}))).items.map((x) => x.gig.gigID)).toContain(gig.gigID);

    const closed = await as(b.actor, () => Market.close({ gigID: gig.gigID }));
    expect(closed).toMatchObject({ status: "closed", version: gig.version + 1 });
    expect(closed.listing).toBe("closed");
    expect(await as(b.actor, () => Market.close({ gigID: gig.gigID }))).toMatchObject({ status: "closed", version: gig.version + 1 });
    expect((await as(late, () => Market.forMe({}))).items.map((x) => x.gig.gigID)).not.toContain(gig.gigID);
    expect((await as(b.actor, () => Market.ofBrandList({ brandID: b.org.orgID, status: "open" }))).items).toEqual([]);
    expect((await as(b.actor, () => Market.ofBrandList({ brandID: b.org.orgID, status: "closed" }))).items.map((g) => g.gigID)).toEqual([gig.gigID]);
    expect((await as(b.actor, () => Market.offersOfGig({ gigID: gig.gigID }))).items.map((o) => o.status)).toEqual(["withdrawn", "withdrawn"]);
    expect((await reject(as(late, () => Market.apply({ gigID: gig.gigID, terms })))).code).toBe("gig.closed");
    expect((await reject(as(invitee, () => Market.accept({ gigID: gig.gigID, hostID: invitee.personID, round: 1 })))).code).toBe("offer.closed");
    expect((await reject(as(b.actor, () => Market.update({ ...gigInput(b.org.orgID), gigID: gig.gigID, version: closed.version })))).code).toBe("gig.closed");
    // other brands can't close it
    const other = await brand();
    const open = await as(b.actor, () => Market.create(gigInput(b.org.orgID)));
    expect((await reject(as(other.actor, () => Market.close({ gigID: open.gigID })))).kind).toBe("not_found");
  }, 120_000);

  it("a close racing an accept never leaves a booking on a gig it closed first", async () => {
    for (let round = 0; round < 2; round++) {
      const [host] = (await people(1)) as [Actor.PersonActor];
      await as(host, () => Market.saveCard(cardInput()));
      const b = await brand();
      const gig = await as(b.actor, () => Market.create(gigInput(b.org.orgID)));
      await as(b.actor, () => Market.invite({ gigID: gig.gigID, hostID: host.personID, terms: { slotFeeFen: 100_000, commissionBps: 1500, tiers: [] } }));
      const [accepted, closed] = await Promise.allSettled([
        as(host, () => Market.accept({ gigID: gig.gigID, hostID: host.personID, round: 1 })),
        as(b.actor, () => Market.close({ gigID: gig.gigID })),
      ]);
      expect(closed.status).toBe("fulfilled");
      const [offer] = (await as(b.actor, () => Market.offersOfGig({ gigID: gig.gigID }))).items;
      const booked = (await as(host, () => Market.bookings({ from: day(0) }))).items;
      if (accepted.status === "fulfilled") {
        expect([offer?.status, booked.length]).toEqual(["accepted", 1]);
      } else {
        expect(["gig.closed", "offer.closed", "offer.changed"]).toContain((accepted.reason as VisibleError).code);
        expect([offer?.status, booked.length]).toEqual(["withdrawn", 0]);
      }
    }
  }, 120_000);

  it("never double-books a host, even when accepts for overlapping gigs race", async () => {
    const [host] = (await people(1)) as [Actor.PersonActor];
    await as(host, () => Market.saveCard(cardInput()));
    const brands = await Promise.all([brand(), brand(), brand()]);
    const times = ["19:00", "19:30", "20:00"];
    const gigs = await Promise.all(
      brands.map((b, i) => as(b.actor, () => Market.create(gigInput(b.org.orgID, { startTime: times[i] as string, minutes: 90 })))),
    );
    for (const [i, g] of gigs.entries()) {
      await as((brands[i] as (typeof brands)[number]).actor, () =>
        Market.invite({ gigID: g.gigID, hostID: host.personID, terms: { slotFeeFen: 100_000, commissionBps: 1500, tiers: [] } }),
      );
    }
    const results = await Promise.allSettled(gigs.map((g) => as(host, () => Market.accept({ gigID: g.gigID, hostID: host.personID, round: 1 }))));
    const booked = results.filter((r) => r.status === "fulfilled");
    expect(booked).toHaveLength(1);
    for (const r of results.filter((x) => x.status === "rejected")) expect((r as PromiseRejectedResult).reason.code).toBe("host.double_booked");
    expect((await as(host, () => Market.bookings({ from: day(0) }))).items).toHaveLength(1);
  });

  it("accepts only hosts whose required certificate is active at the session time", async () => {
    const c = await certified(1);
    const [host] = c.hosts as [Actor.PersonActor];
    await as(host, () => Market.saveCard(cardInput()));
    const b = await brand();
    // a session after the certificate expires (12 months): the certificate won't be active then
    const late = new Date(Date.parse((await Certification.activeOf(host.personID))[0]?.expiresAt as string) + 3 * 86_400_000 + 8 * 3_600_000)
      .toISOString()
      .slice(0, 10);
    const gig = await as(b.actor, () => Market.create(gigInput(b.org.orgID, { date: late, requiredCertifications: [c.definition.definitionID] })));
    const refused = await reject(as(host, () => Market.apply({ gigID: gig.gigID, terms: { slotFeeFen: 100_000, commissionBps: 1500, tiers: [] } })));
    expect(refused.code).toBe("gig.certification_required");
    const soon = await as(b.actor, () => Market.create(gigInput(b.org.orgID, { requiredCertifications: [c.definition.definitionID] })));
    await as(host, () => Market.apply({ gigID: soon.gigID, terms: { slotFeeFen: 100_000, commissionBps: 1500, tiers: [] } }));
    expect((await as(b.actor, () => Market.offersOfGig({ gigID: soon.gigID }))).items.map((o) => o.hostID)).toEqual([host.personID]);
  });

  it("cancels before the cut-off with a reason and frees the time; after the session, reviews feed the host's rating", async () => {
    const [host] = (await people(1)) as [Actor.PersonActor];
    await as(host, () => Market.saveCard(cardInput()));
    const b = await brand();
    const gig = await as(b.actor, () => Market.create(gigInput(b.org.orgID)));
    await as(host, () => Market.apply({ gigID: gig.gigID, terms: { slotFeeFen: 100_000, commissionBps: 1500, tiers: [] } }));
    const booking = await as(b.actor, () => Market.accept({ gigID: gig.gigID, hostID: host.personID, round: 1 }));
    expect((await reject(as(host, () => Market.cancel({ bookingID: booking.bookingID, reason: "病" })))).fields).toHaveProperty("reason");
    const cancelled = await as(host, () => Market.cancel({ bookingID: booking.bookingID, reason: "家中急事，无法到场" }));
    expect(cancelled).toMatchObject({ status: "cancelled", cancelledBy: "host" });

    // the time is free again: a new gig at the same time books
    const again = await as(b.actor, () => Market.create(gigInput(b.org.orgID)));
    await as(b.actor, () => Market.invite({ gigID: again.gigID, hostID: host.personID, terms: { slotFeeFen: 100_000, commissionBps: 1500, tiers: [] } }));
    const rebooked = await as(host, () => Market.accept({ gigID: again.gigID, hostID: host.personID, round: 1 }));
    try {
      Clock.use(Clock.fixed(Date.parse(rebooked.startsAt) - 3_600_000));
      expect((await reject(as(b.actor, () => Market.cancel({ bookingID: rebooked.bookingID, reason: "临时改期了" })))).code).toBe("booking.too_late");
      expect((await reject(as(b.actor, () => Market.review({ bookingID: rebooked.bookingID, stars: 5, comment: "好" })))).code).toBe("booking.not_over");
      Clock.use(Clock.fixed(Date.parse(rebooked.endsAt) + 60_000));
      await as(b.actor, () => Market.review({ bookingID: rebooked.bookingID, stars: 5, comment: "讲解专业，转化高" }));
      await as(host, () => Market.review({ bookingID: rebooked.bookingID, stars: 4, comment: "对接顺畅" }));
      expect((await reject(as(host, () => Market.review({ bookingID: rebooked.bookingID, stars: 1, comment: "再评一次" })))).code).toBe("booking.reviewed");
      // the brand's review completed the session; the booking-closed subscriber counts it from the event
      const [completed] = await recordedEvents("booking.completed");
      expect(completed?.properties).toMatchObject({ bookingID: rebooked.bookingID, hostID: host.personID, by: "brand" });
      expect(await as(b.actor, () => Market.card({ hostID: host.personID }))).toMatchObject({ ratingSum: 5, ratingCount: 1, sessions: 0 });
      await Market.countSession("completed", host.personID);
      const card = await as(b.actor, () => Market.card({ hostID: host.personID }));
      expect(card).toMatchObject({ ratingSum: 5, ratingCount: 1, sessions: 1, noShows: 0 });
      // and the host's review is the brand's record, which hosts see on its gigs
      const seen = await as(host, () => Market.view({ gigID: again.gigID }));
      expect(seen.brandRating).toEqual({ ratingSum: 4, ratingCount: 1 });
    } finally {
      Clock.reset();
    }
  });
});
