import { beforeAll, describe, expect, it } from "vitest";
import { as, openCohort, people } from "../../test/factory.js";
import type { Actor } from "../actor/index.js";
import { Enrolment } from "../enrolment/index.js";
import type { VisibleError } from "../error/index.js";
import { Stream } from "../stream/index.js";
import { Practice } from "./index.js";

const HOUR = 3_600_000;
/** An hour from the next whole hour: inside the two-week window, after the current quarter. */
const nextHour = () => new Date(Math.ceil(Date.now() / HOUR) * HOUR + HOUR).toISOString();
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** A provider with named channels and nothing live: booking only needs channels to exist. */
beforeAll(() => {
  Stream.use({
    kind: "local",
    ensureChannel: async (poolID, index) => ({
      channelArn: `arn:test:channel/${poolID}-${index}`,
      ingestEndpoint: "127.0.0.1:1935",
      playbackUrl: `http://127.0.0.1/${poolID}-${index}.flv`,
    }),
    rotateKey: async () => ({ streamKey: "sk_test", ingestUrl: "rtmp://127.0.0.1:1935/app/" }),
    stopStream: async () => undefined,
    playbackToken: async () => undefined,
    streamSession: async () => undefined,
    recordingUrl: async () => undefined,
  });
});

async function cohortWith(n: number) {
  const c = await openCohort({ startDate: "2026-01-01", endDate: "2030-12-31" });
  const learners = (await people(n)) as Actor.PersonActor[];
  for (const l of learners) await as(l, () => Enrolment.enrol({ cohortID: c.cohort.cohortID }));
  return { cohortID: c.cohort.cohortID, learners };
}

const settle = <T>(calls: Promise<T>[]) => Promise.allSettled(calls);
const codes = (results: PromiseSettledResult<unknown>[]) =>
  results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => (r.reason as VisibleError).code);

describe("a learner's own practice calendar", () => {
  it("gives one learner exactly one lease when six books for the same hour race, and leaves the other channels to others", async () => {
    const { cohortID, learners } = await cohortWith(3);
    const [greedy, second, third] = learners as [Actor.PersonActor, Actor.PersonActor, Actor.PersonActor];
    const startsAt = nextHour();
    const results = await settle(Array.from({ length: 6 }, () => as(greedy, () => Practice.book({ cohortID, startsAt, minutes: 60 }))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(codes(results)).toEqual(Array(5).fill("practice.overlap"));
    expect((await as(greedy, () => Practice.mine({}))).items.filter((l) => l.status === "booked")).toHaveLength(1);
    // the pool has three channels: two more learners still get one each
    const others = await Promise.all([second, third].map((l) => as(l, () => Practice.book({ cohortID, startsAt, minutes: 60 }))));
    expect(new Set(others.map((l) => l.channelArn)).size).toBe(2);
  });

  it("refuses overlapping (not only identical) slots of one learner under concurrency", async () => {
    const { cohortID, learners } = await cohortWith(1);
    const [learner] = learners as [Actor.PersonActor];
    const start = nextHour();
    const slots = [
      { startsAt: start, minutes: 60 },
      { startsAt: plus(start, 15), minutes: 30 },
      { startsAt: plus(start, 45), minutes: 60 },
      { startsAt: plus(start, -30), minutes: 45 },
      { startsAt: plus(start, 30), minutes: 15 },
      { startsAt: plus(start, -15), minutes: 120 },
    ];
    const results = await settle(slots.map((s) => as(learner, () => Practice.book({ cohortID, ...s }))));
    const booked = results.filter((r): r is PromiseFulfilledResult<Practice.Lease> => r.status === "fulfilled").map((r) => r.value);
    // whichever won, no two of the learner's leases overlap (adjacent slots may both win)
    for (const [i, a] of booked.entries()) {
      for (const b of booked.slice(i + 1)) expect(Date.parse(a.startsAt) >= Date.parse(b.endsAt) || Date.parse(b.startsAt) >= Date.parse(a.endsAt)).toBe(true);
    }
    expect(booked.length).toBeGreaterThanOrEqual(1);
    expect(codes(results).every((c) => c === "practice.overlap")).toBe(true);
    // a slot right after is fine
    const last = booked.map((l) => Date.parse(l.endsAt)).reduce((a, b) => Math.max(a, b));
    await as(learner, () => Practice.book({ cohortID, startsAt: new Date(last).toISOString(), minutes: 15 }));
  });

  it("frees the learner's time when they cancel, so they can book it again", async () => {
    const { cohortID, learners } = await cohortWith(1);
    const [learner] = learners as [Actor.PersonActor];
    const startsAt = nextHour();
    const lease = await as(learner, () => Practice.book({ cohortID, startsAt, minutes: 30 }));
    const again = await as(learner, () => Practice.book({ cohortID, startsAt: plus(startsAt, 15), minutes: 30 })).catch((e: VisibleError) => e.code);
    expect(again).toBe("practice.overlap");
    await as(learner, () => Practice.cancel({ leaseID: lease.leaseID }));
    const rebooked = await as(learner, () => Practice.book({ cohortID, startsAt: plus(startsAt, 15), minutes: 30 }));
    expect(rebooked.status).toBe("booked");
  });
});
