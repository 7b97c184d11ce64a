import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Actor } from "@zhubo/core/actor";
import { Certification } from "@zhubo/core/certification";
import { Clock } from "@zhubo/core/clock";
import { Dynamo } from "@zhubo/core/dynamo";
import { Enrolment } from "@zhubo/core/enrolment";
import { Event } from "@zhubo/core/event";
import { Market } from "@zhubo/core/market";
import { afterAll, describe, expect, it } from "vitest";
import { as, booked, cardInput, certifying, ops, people } from "../../core/test/factory.js";
import { createLocalBus, loadSubscribers } from "./event-bus.js";
import { type StreamReader, startStreamReader } from "./stream-reader.js";

const dir = mkdtempSync(join(tmpdir(), "zhubo-events-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The laptop's event path on this file's table: its stream, the relay, the local bus, the subscribers. */
async function events(opts: { subscribers?: Event.Subscriber[]; checkpoint?: string; attempts?: number; skipExisting?: boolean } = {}): Promise<StreamReader> {
  return startStreamReader({
    client: await Dynamo.getClient(),
    endpoint: process.env.DYNAMO_ENDPOINT as string,
    table: Dynamo.table(),
    bus: createLocalBus({ subscribers: opts.subscribers ?? (await loadSubscribers()), attempts: opts.attempts, backoffMs: () => 5 }),
    checkpoint: opts.checkpoint,
    skipExisting: opts.skipExisting,
    idleMs: 20,
  });
}

describe("domain events on the laptop: DynamoDB Local's stream → relay → bus → functions/src/events", () => {
  it("issues the certificate when the last lesson is done, through the bus, as the certification subscriber", async () => {
    const reader = await events();
    try {
      const c = await certifying({ lessonsPercent: 100 });
      const [learner] = (await people(1)) as [Actor.PersonActor];
      await as(learner, () => Enrolment.enrol({ cohortID: c.cohort.cohortID }));
      const lessons = c.course.modules.flatMap((m) => m.lessons.map((l) => l.lessonID as string));
      for (const lessonID of lessons.slice(0, -1)) await as(learner, () => Enrolment.completeLesson({ cohortID: c.cohort.cohortID, lessonID }));
      await reader.settled();
      expect(await Certification.activeOf(learner.personID)).toEqual([]);
      await as(learner, () => Enrolment.completeLesson({ cohortID: c.cohort.cohortID, lessonID: lessons.at(-1) as string }));
      await reader.settled();
      expect(await Certification.activeOf(learner.personID)).toEqual([expect.objectContaining({ definitionID: c.definition.definitionID, issuedBy: "auto" })]);
    } finally {
      await reader.stop();
    }
  });

  it("re-lists a host card after a revocation, through the bus", async () => {
    const reader = await events();
    try {
      const c = await certifying();
      const [host] = (await people(1, "主播")) as [Actor.PersonActor];
      await as(host, () => Enrolment.enrol({ cohortID: c.cohort.cohortID }));
      await Certification.evaluate(c.cohort.cohortID, host.personID);
      await as(host, () => Market.saveCard(cardInput()));
      await reader.settled();
      const [cert] = await Certification.activeOf(host.personID);
      expect((await as(host, () => Market.myCard({})))?.certs).toEqual([expect.objectContaining({ definitionID: c.definition.definitionID })]);
      await as(c.ops.actor, () => Certification.revoke({ holderID: host.personID, certificateID: cert?.certificateID as string, reason: "资质材料造假" }));
      await reader.settled();
      expect((await as(host, () => Market.myCard({})))?.certs).toEqual([]);
    } finally {
      await reader.stop();
    }
  });

  it("retries a subscriber that throws, dead-letters it after its retries, and a replay completes the reaction once", async () => {
    let failing = true;
    let calls = 0;
    const effects: string[] = [];
    const flaky = Event.subscriber("test-flaky", [Market.BookingNoShow], async (e) => {
      calls++;
      if (failing) throw new Error("the downstream is down");
      effects.push(e.id);
    });
    const reader = await events({ subscribers: [flaky, ...(await loadSubscribers())], attempts: 3 });
    try {
      const operator = await ops();
      const { host, brand, booking } = await booked();
      Clock.use(Clock.fixed(Date.parse(booking.startsAt) + 60_000));
      try {
        await as(brand.actor, () => Market.noShow({ bookingID: booking.bookingID }));
      } finally {
        Clock.reset();
      }
      await reader.settled();
      expect(calls).toBe(3);
      const open = (await as(operator.actor, () => Event.deadLetters({}))).items.filter((d) => d.subscriber === "test-flaky");
      expect(open).toEqual([expect.objectContaining({ type: "booking.no_show", attempts: 3, error: "Error: the downstream is down" })]);
      // the real subscriber of the same event was not held up by the failing one
      expect(await as(host, () => Market.myCard({}))).toMatchObject({ sessions: 1, noShows: 1 });
      failing = false;
      await as(operator.actor, () => Event.replay({ deadLetterID: open[0]?.deadLetterID as string }));
      await reader.settled();
      expect(effects).toEqual([open[0]?.eventID]);
      // every other subscriber found its receipt: the replay counted nothing twice
      expect(await as(host, () => Market.myCard({}))).toMatchObject({ sessions: 1, noShows: 1 });
    } finally {
      await reader.stop();
    }
  });

  it("delivers an event written while the reader was stopped once it restarts, and exactly once in effect however often the stream is re-read", async () => {
    const checkpoint = join(dir, "checkpoint.json");
    const first = await events({ checkpoint });
    await first.settled();
    await first.stop();
    const { host, brand, booking } = await booked();
    Clock.use(Clock.fixed(Date.parse(booking.startsAt) + 60_000));
    try {
      await as(brand.actor, () => Market.noShow({ bookingID: booking.bookingID }));
    } finally {
      Clock.reset();
    }
    expect(await as(host, () => Market.myCard({}))).toMatchObject({ sessions: 0, noShows: 0 });
    const restarted = await events({ checkpoint });
    await restarted.settled();
    await restarted.stop();
    expect(await as(host, () => Market.myCard({}))).toMatchObject({ sessions: 1, noShows: 1 });
    // a reader with no checkpoint re-reads the whole stream: receipts make every reaction a no-op
    const again = await events();
    await again.settled();
    await again.stop();
    expect(await as(host, () => Market.myCard({}))).toMatchObject({ sessions: 1, noShows: 1 });
  });

  it("starts past what is already in the stream when told to (the seed made its own reactions), and delivers what comes after", async () => {
    const seen: string[] = [];
    const probe = Event.subscriber("test-probe", [Market.BookingConfirmed], async (e) => {
      seen.push(e.properties.bookingID);
    });
    const before = await booked();
    const reader = await events({ subscribers: [probe], skipExisting: true, checkpoint: join(dir, "skip.json") });
    try {
      const after = await booked();
      await reader.settled();
      expect(seen).toEqual([after.booking.bookingID]);
      expect(seen).not.toContain(before.booking.bookingID);
    } finally {
      await reader.stop();
    }
  });
});
