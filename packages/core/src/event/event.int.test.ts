import { describe, expect, it } from "vitest";
import { as, booked, certifying, ops, people, recordedEvents } from "../../test/factory.js";
import { Actor } from "../actor/index.js";
import { Certification } from "../certification/index.js";
import { Clock } from "../clock/index.js";
import { Enrolment } from "../enrolment/index.js";
import type { VisibleError } from "../error/index.js";
import { Market } from "../market/index.js";
import { Event } from "./index.js";

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );

/** A stream record as DynamoDB Streams gives one for an outbox item (what the relay reads). */
const record = (envelope: Event.Envelope, sequence: string, eventName = "INSERT") => ({
  eventName,
  dynamodb: { SequenceNumber: sequence, NewImage: { __edb_e__: { S: "event" }, pk: { S: "x" }, body: { S: JSON.stringify(envelope) } } },
});

describe("domain events", () => {
  it("are written with the change in one transaction: a booking's confirmation, cancellation and no-show each record theirs, a refused change none", async () => {
    const { host, brand, booking } = await booked();
    const [confirmed] = await recordedEvents("booking.confirmed");
    expect(confirmed).toMatchObject({ type: "booking.confirmed", version: 1 });
    expect(confirmed?.properties).toEqual({
      bookingID: booking.bookingID,
      gigID: booking.gigID,
      brandID: brand.org.orgID,
      hostID: host.personID,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      contractVersion: 1,
      by: "brand",
    });
    // a refused cancellation (too short a reason) writes no event; a real one writes exactly one
    await reject(as(host, () => Market.cancel({ bookingID: booking.bookingID, reason: "病" })));
    await as(host, () => Market.cancel({ bookingID: booking.bookingID, reason: "家中急事，无法到场" }));
    await reject(as(brand.actor, () => Market.cancel({ bookingID: booking.bookingID, reason: "再取消一次试试" })));
    expect((await recordedEvents("booking.cancelled")).map((e) => e.properties)).toEqual([
      expect.objectContaining({ bookingID: booking.bookingID, by: "host" }),
    ]);
  });

  it("records a no-show once, within the window only, and completes the rest by schedule after the window without a Scan", async () => {
    const first = await booked();
    const second = await booked();
    const third = await booked();
    try {
      Clock.use(Clock.fixed(Date.parse(first.booking.endsAt) + 60_000));
      // racing no-shows: one state change, one event
      const tries = await Promise.allSettled(
        Array.from({ length: 5 }, () => as(first.brand.actor, () => Market.noShow({ bookingID: first.booking.bookingID }))),
      );
      expect(tries.filter((t) => t.status === "fulfilled")).toHaveLength(1);
      expect(await Market.completeDue()).toBe(0);
      Clock.use(Clock.fixed(Date.parse(second.booking.endsAt) + Market.NO_SHOW_WINDOW_HOURS * 3_600_000 + 60_000));
      expect((await reject(as(third.brand.actor, () => Market.noShow({ bookingID: third.booking.bookingID })))).code).toBe("booking.no_show_closed");
      // two racing runs of the job complete each due booking once
      const runs = await Promise.all([Market.completeDue(), Market.completeDue()]);
      expect(runs[0] + runs[1]).toBe(2);
      expect(await Market.completeDue()).toBe(0);
    } finally {
      Clock.reset();
    }
    expect((await recordedEvents("booking.no_show")).map((e) => e.properties.bookingID)).toEqual([first.booking.bookingID]);
    const completed = await recordedEvents("booking.completed");
    expect(completed.map((e) => e.properties.bookingID).sort()).toEqual([second.booking.bookingID, third.booking.bookingID].sort());
    expect(completed.every((e) => e.properties.by === "schedule")).toBe(true);
    const after = await as(second.host, () => Market.booking({ bookingID: second.booking.bookingID }));
    expect(after.status).toBe("completed");
  });

  it("carry ids and facts only: no names, logins, reasons or free text in any declared event", () => {
    const allowed = /ID$|At$|^(cause|by|issuedBy|contractVersion|round|outcome|role)$/;
    const declared = Event.definitions();
    expect(declared.map((d) => d.type).sort()).toEqual(
      expect.arrayContaining([
        "booking.cancelled",
        "booking.completed",
        "booking.confirmed",
        "booking.no_show",
        "certificate.issued",
        "certificate.renewed",
        "certificate.revoked",
        "enrolment.evidence_changed",
        "membership.invited",
        "offer.countered",
        "offer.declined",
        "offer.made",
      ]),
    );
    for (const d of declared) {
      const shape = (d.schema as unknown as { _zod: { def: { shape: Record<string, unknown> } } })._zod.def.shape;
      expect(
        Object.keys(shape).filter((k) => !allowed.test(k)),
        d.type,
      ).toEqual([]);
    }
    expect(() => Event.define("Booking.Confirmed", 1, Enrolment.EvidenceChanged.schema)).toThrow(/past_tense/);
  });
});

describe("subscribers", () => {
  const noShowEnvelope = async () => {
    const { host, brand, booking } = await booked();
    Clock.use(Clock.fixed(Date.parse(booking.startsAt) + 60_000));
    try {
      await as(brand.actor, () => Market.noShow({ bookingID: booking.bookingID }));
    } finally {
      Clock.reset();
    }
    const [event] = await recordedEvents("booking.no_show");
    return { host, event: event as Event.Envelope };
  };

  it("react exactly once however many duplicate deliveries race, as their named system actor", async () => {
    const { host, event } = await noShowEnvelope();
    const actors: Actor.Info[] = [];
    const counting = Event.subscriber("test-track-record", [Market.BookingNoShow], async (e, once) => {
      actors.push(Actor.use());
      await Market.countSession("no_show", e.properties.hostID, once);
    });
    const outcomes = await as((await people(1))[0] as Actor.Info, () => Promise.all(Array.from({ length: 10 }, () => counting.handle(event))));
    expect(outcomes).toContain("done");
    const card = await as(host, () => Market.myCard({}));
    expect(card).toMatchObject({ sessions: 1, noShows: 1 });
    expect(await counting.handle(event)).toBe("duplicate");
    expect(new Set(actors.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ type: "system", name: "test-track-record" })]));
  });

  it("refuse an event of another type, of an unknown version or with properties its schema doesn't allow", async () => {
    const { event } = await noShowEnvelope();
    const s = Event.subscriber("test-strict", [Market.BookingNoShow], async () => {});
    await expect(s.handle({ ...event, type: "booking.completed" })).rejects.toThrow(/does not subscribe/);
    await expect(s.handle({ ...event, version: 2 })).rejects.toThrow(/v1, got v2/);
    await expect(s.handle({ ...event, properties: { bookingID: 5 } })).rejects.toThrow();
    await expect(s.handle({ ...event, id: "not-an-event-id" })).rejects.toThrow();
  });
});

describe("the relay", () => {
  it("publishes only outbox INSERTs, in order, and names the first record the bus refused", async () => {
    const envelope: Event.Envelope = {
      id: "evt_01JDQ00000000000000000000A",
      type: "enrolment.evidence_changed",
      version: 1,
      at: new Date().toISOString(),
      properties: { cohortID: "coh_1", learnerID: "prs_1", cause: "lesson" },
    };
    const published: Event.Envelope[][] = [];
    const bus = (refuse: number[] = []): Event.Bus => ({
      publish: async (envelopes) => {
        published.push(envelopes);
        return refuse;
      },
    });
    const other = { eventName: "INSERT", dynamodb: { SequenceNumber: "1", NewImage: { __edb_e__: { S: "booking" } } } };
    const second = { ...envelope, id: "evt_01JDQ00000000000000000000B" };
    expect(await Event.relay([other, record(envelope, "2"), record(envelope, "3", "REMOVE"), record(second, "4")], bus())).toBeUndefined();
    expect(published[0]?.map((e) => e.id)).toEqual([envelope.id, second.id]);
    expect(await Event.relay([record(envelope, "2"), record(second, "4")], bus([1]))).toBe("4");
    expect(await Event.relay([other], bus([0]))).toBeUndefined();
    expect(published).toHaveLength(2);
  });
});

describe("dead letters", () => {
  it("are listed for ops only, and a replay re-publishes the event once with its own id, however many replays race", async () => {
    const operator = await ops();
    const [someone] = (await people(1)) as [Actor.PersonActor];
    const envelope: Event.Envelope = {
      id: "evt_01JDQ00000000000000000000C",
      type: "certificate.revoked",
      version: 1,
      at: new Date().toISOString(),
      properties: { certificateID: "cer_1", holderID: "prs_1", definitionID: "cdf_1" },
    };
    const deadLetterID = await Event.deadLetter({ subscriber: "certificate-changed", envelope, error: "Error: boom", attempts: 3 });
    expect((await reject(as(someone, () => Event.deadLetters({})))).kind).toBe("forbidden");
    expect((await reject(as(someone, () => Event.replay({ deadLetterID })))).kind).toBe("forbidden");
    expect((await reject(as(operator.actor, () => Event.replay({ deadLetterID: "nonsense" })))).fields).toHaveProperty("deadLetterID");
    const open = await as(operator.actor, () => Event.deadLetters({}));
    expect(open.items).toEqual([
      expect.objectContaining({
        deadLetterID,
        subscriber: "certificate-changed",
        eventID: envelope.id,
        status: "open",
        attempts: 3,
        properties: envelope.properties,
      }),
    ]);
    const before = (await recordedEvents("certificate.revoked")).length;
    const replays = await Promise.allSettled(Array.from({ length: 5 }, () => as(operator.actor, () => Event.replay({ deadLetterID }))));
    expect(replays.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(replays.filter((r) => r.status === "rejected").map((r) => ((r as PromiseRejectedResult).reason as VisibleError).code)).toEqual(
      Array(4).fill("dead_letter.replayed"),
    );
    const republished = (await recordedEvents("certificate.revoked")).slice(before);
    expect(republished).toEqual([envelope]);
    expect((await as(operator.actor, () => Event.deadLetters({}))).items).toEqual([]);
    expect((await as(operator.actor, () => Event.deadLetters({ status: "replayed" }))).items).toEqual([
      expect.objectContaining({ deadLetterID, status: "replayed" }),
    ]);
  });
});

describe("certificates", () => {
  it("record issued and revoked events only when the certificate changes: a second evaluation or revocation records nothing", async () => {
    const c = await certifying();
    const { definition } = c;
    const [learner] = (await people(1)) as [Actor.PersonActor];
    await as(learner, () => Enrolment.enrol({ cohortID: c.cohort.cohortID }));
    const issued = await Certification.evaluate(c.cohort.cohortID, learner.personID);
    await Certification.evaluate(c.cohort.cohortID, learner.personID);
    const facts = { certificateID: issued?.certificateID, holderID: learner.personID, definitionID: definition.definitionID };
    expect((await recordedEvents("certificate.issued")).map((e) => e.properties)).toEqual([{ ...facts, cohortID: c.cohort.cohortID, issuedBy: "auto" }]);
    const revoke = () =>
      as(c.ops.actor, () => Certification.revoke({ holderID: learner.personID, certificateID: issued?.certificateID as string, reason: "资质材料造假" }));
    await revoke();
    expect((await reject(revoke())).code).toBe("certificate.already_revoked");
    const mine = (await recordedEvents("certificate.revoked")).filter((e) => e.properties.holderID === learner.personID);
    expect(mine.map((e) => e.properties)).toEqual([facts]);
  });
});
