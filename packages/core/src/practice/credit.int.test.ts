import type { Actor } from "@zhubo/core/actor";
import { Catalogue } from "@zhubo/core/catalogue";
import { Cohort } from "@zhubo/core/cohort";
import { Course } from "@zhubo/core/course";
import { Enrolment } from "@zhubo/core/enrolment";
import type { VisibleError } from "@zhubo/core/error";
import { Practice } from "@zhubo/core/practice";
import { Stream } from "@zhubo/core/stream";
import { beforeAll, describe, expect, it } from "vitest";
import { as, cohortInput, courseInput, org, people } from "../../test/factory.js";
import { quietStreams, streamed } from "../../test/streams.js";

const QUARTER = 15 * 60_000;

beforeAll(() => {
  Stream.use(quietStreams());
});

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );

async function cohortWith(requirement: { minutes: number; sessions: number; minSessionMinutes?: number }) {
  const agency = await org("agency");
  const course = await as(agency.admin.actor, async () => {
    const created = await Course.create({ ...courseInput(agency.org.orgID), requirement });
    return Catalogue.publish({ courseID: created.courseID });
  });
  const cohort = await as(agency.admin.actor, () => Cohort.create(cohortInput(course.courseID, { startDate: "2026-01-01", endDate: "2030-12-31" })));
  return { agency, course, cohort };
}

async function stream(lease: Practice.Lease, fromSeconds: number, toSeconds: number) {
  const { streamId, events } = streamed(lease, fromSeconds, toSeconds);
  for (const e of events) await Practice.record(e);
  return streamId;
}

describe("the minimum length of a practice session", () => {
  it("is a course setting, bounded per field, defaulting to 10 minutes, and copied into each enrolment", async () => {
    const agency = await org("agency");
    for (const bad of [0, 121, 2.5]) {
      const e = await reject(
        as(agency.admin.actor, () => Course.create({ ...courseInput(agency.org.orgID), requirement: { minutes: 60, sessions: 2, minSessionMinutes: bad } })),
      );
      expect([e.kind, Object.keys(e.fields ?? {})]).toEqual(["input", ["requirement.minSessionMinutes"]]);
    }
    const plain = await as(agency.admin.actor, () => Course.create(courseInput(agency.org.orgID)));
    expect(plain.requirement.minSessionMinutes).toBe(10);

    const { cohort } = await cohortWith({ minutes: 60, sessions: 2, minSessionMinutes: 20 });
    const [learner] = (await people(1)) as [Actor.PersonActor];
    await as(learner, () => Enrolment.enrol({ cohortID: cohort.cohortID }));
    expect((await as(learner, () => Enrolment.progress({ cohortID: cohort.cohortID }))).enrolment.requirement.minSessionMinutes).toBe(20);
    // enrolments (and courses) saved before the setting existed have none: they count from the default
    expect(Course.minSessionSeconds({ minutes: 60, sessions: 2 } as Course.Requirement)).toBe(600);
  }, 120_000);

  it("keeps shorter sessions and shows them as too short, counting them for neither minutes nor sessions", async () => {
    const { cohort, agency } = await cohortWith({ minutes: 60, sessions: 5, minSessionMinutes: 20 });
    const [learner] = (await people(1)) as [Actor.PersonActor];
    await as(learner, () => Enrolment.enrol({ cohortID: cohort.cohortID }));
    const startsAt = new Date(Math.floor(Date.now() / QUARTER) * QUARTER + 2 * QUARTER).toISOString();
    const lease = await as(learner, () => Practice.book({ cohortID: cohort.cohortID, startsAt, minutes: 120 }));

    // five ten-second pushes, one of 19 minutes, one of exactly 20
    for (let i = 0; i < 5; i++) await stream(lease, i * 60, i * 60 + 10);
    await stream(lease, 10 * 60, 29 * 60);
    const counted = await stream(lease, 40 * 60, 60 * 60);

    const progress = (await as(learner, () => Enrolment.progress({ cohortID: cohort.cohortID }))).progress;
    expect([progress.practiceMinutes, progress.practiceSessions]).toEqual([20, 1]);
    const mine = await as(learner, () => Practice.mySessions({ cohortID: cohort.cohortID }));
    expect(mine.minSessionMinutes).toBe(20);
    expect(mine.items).toHaveLength(7);
    expect(mine.items.filter((s) => !s.tooShort).map((s) => [s.streamId, s.seconds])).toEqual([[counted, 20 * 60]]);
    // the instructor's queue shows the same
    const queue = await as(agency.admin.actor, () => Practice.sessions({ cohortID: cohort.cohortID }));
    expect(queue.items.filter((s) => s.tooShort)).toHaveLength(6);
  }, 120_000);
});
