import type { Actor } from "@zhubo/core/actor";
import { Clock } from "@zhubo/core/clock";
import { Cohort } from "@zhubo/core/cohort";
import { Course } from "@zhubo/core/course";
import { Enrolment } from "@zhubo/core/enrolment";
import type { VisibleError } from "@zhubo/core/error";
import { describe, expect, it } from "vitest";
import { as, courseInput, openCohort, people } from "../../test/factory.js";

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );

async function roster(admin: Actor.Info, cohortID: string) {
  const out: Awaited<ReturnType<typeof Enrolment.roster>>["items"] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof Enrolment.roster>> = await as(admin, () => Enrolment.roster({ cohortID, cursor }));
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

describe("enrolment under concurrency", () => {
  it("enrols exactly 30 of 100 simultaneous requests for 30 seats and waitlists 70 in arrival order", async () => {
    const { cohort, admin } = await openCohort({ capacity: 30 });
    const learners = await people(100);
    const results = await Promise.all(learners.map((learner) => as(learner, () => Enrolment.enrol({ cohortID: cohort.cohortID }))));
    expect(results.filter((r) => r.status === "enrolled")).toHaveLength(30);
    expect(results.filter((r) => r.status === "waitlisted")).toHaveLength(70);

    const after = await as(admin.actor, () => Cohort.get({ cohortID: cohort.cohortID }));
    expect(after.enrolled).toBe(30);
    const everyone = await roster(admin.actor, cohort.cohortID);
    expect(everyone.filter((r) => r.enrolment.status === "enrolled")).toHaveLength(30);
    const waitlist = everyone.filter((r) => r.enrolment.status === "waitlisted").map((r) => r.enrolment.seq);
    expect(waitlist).toHaveLength(70);
    // tickets are handed out once each, in the order the requests reached the cohort
    expect(new Set(waitlist).size).toBe(70);
    // each waitlisted learner's place is their ticket's rank: 1..70, no ties, no gaps
    const waiting = learners.filter((_, i) => results[i]?.status === "waitlisted");
    const places = await Promise.all(waiting.map((l) => as(l, () => Enrolment.progress({ cohortID: cohort.cohortID }))));
    const byTicket = [...places].sort((a, b) => a.enrolment.seq - b.enrolment.seq).map((p) => p.position);
    expect(byTicket).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
  }, 120_000);

  it("promotes exactly the head of the waitlist when one enrolled learner withdraws, even among simultaneous withdrawals", async () => {
    const { cohort, admin } = await openCohort({ capacity: 3 });
    const learners = await people(8);
    for (const learner of learners) await as(learner, () => Enrolment.enrol({ cohortID: cohort.cohortID }));
    const [first, second] = learners as [Actor.PersonActor, Actor.PersonActor];
    const withdrawn = await as(first, () => Enrolment.withdraw({ cohortID: cohort.cohortID }));
    expect(withdrawn.promoted).toBe(1);
    const byLearner = new Map((await roster(admin.actor, cohort.cohortID)).map((r) => [r.enrolment.learnerID, r.enrolment.status]));
    expect(byLearner.get(learners[3]?.personID as string)).toBe("enrolled");
    expect(byLearner.get(learners[4]?.personID as string)).toBe("waitlisted");

    // two seats free at once: the next two in line get them, nobody else
    await Promise.all([second, learners[3] as Actor.PersonActor].map((l) => as(l, () => Enrolment.withdraw({ cohortID: cohort.cohortID }))));
    const now = new Map((await roster(admin.actor, cohort.cohortID)).map((r) => [r.enrolment.learnerID, r.enrolment.status]));
    expect([4, 5, 6, 7].map((i) => now.get(learners[i]?.personID as string))).toEqual(["enrolled", "enrolled", "waitlisted", "waitlisted"]);
    expect((await as(admin.actor, () => Cohort.get({ cohortID: cohort.cohortID }))).enrolled).toBe(3);
  }, 60_000);

  it("never enrols one learner twice, even with simultaneous requests", async () => {
    const { cohort, admin } = await openCohort({ capacity: 10 });
    const [learner] = (await people(1)) as [Actor.PersonActor];
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => as(learner, () => Enrolment.enrol({ cohortID: cohort.cohortID }))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as VisibleError).code).toBe("enrolment.exists");
    expect((await as(admin.actor, () => Cohort.get({ cohortID: cohort.cohortID }))).enrolled).toBe(1);
  }, 60_000);

  it("takes no waitlist ticket for a refused re-enrolment, however often or simultaneously it is tried", async () => {
    const { cohort, admin } = await openCohort({ capacity: 1 });
    const [seated, waiting, next] = (await people(3)) as [Actor.PersonActor, Actor.PersonActor, Actor.PersonActor];
    await as(seated, () => Enrolment.enrol({ cohortID: cohort.cohortID }));
    expect(await as(waiting, () => Enrolment.enrol({ cohortID: cohort.cohortID }))).toMatchObject({ status: "waitlisted", position: 1 });
    const counters = async () => {
      const c = await as(admin.actor, () => Cohort.get({ cohortID: cohort.cohortID }));
      return { enrolled: c.enrolled, waitSeq: c.waitSeq };
    };
    expect(await counters()).toEqual({ enrolled: 1, waitSeq: 1 });

    for (const learner of [seated, waiting]) {
      for (let i = 0; i < 3; i++) expect((await reject(as(learner, () => Enrolment.enrol({ cohortID: cohort.cohortID })))).code).toBe("enrolment.exists");
      const raced = await Promise.allSettled(Array.from({ length: 6 }, () => as(learner, () => Enrolment.enrol({ cohortID: cohort.cohortID }))));
      expect(raced.map((r) => (r.status === "rejected" ? (r.reason as VisibleError).code : "fulfilled"))).toEqual(Array(6).fill("enrolment.exists"));
    }
    expect(await counters()).toEqual({ enrolled: 1, waitSeq: 1 });
    expect((await as(waiting, () => Enrolment.progress({ cohortID: cohort.cohortID }))).enrolment.seq).toBe(1);

    // the next real learner gets the next number and the next place
    expect(await as(next, () => Enrolment.enrol({ cohortID: cohort.cohortID }))).toMatchObject({ status: "waitlisted", position: 2 });
    expect((await as(next, () => Enrolment.progress({ cohortID: cohort.cohortID }))).enrolment.seq).toBe(2);
    expect(await counters()).toEqual({ enrolled: 1, waitSeq: 2 });
  }, 60_000);

  it("numbers one learner's simultaneous first requests for a full cohort once, leaving no gap", async () => {
    const { cohort, admin } = await openCohort({ capacity: 1 });
    const [seated, eager, next] = (await people(3)) as [Actor.PersonActor, Actor.PersonActor, Actor.PersonActor];
    await as(seated, () => Enrolment.enrol({ cohortID: cohort.cohortID }));
    const raced = await Promise.allSettled(Array.from({ length: 6 }, () => as(eager, () => Enrolment.enrol({ cohortID: cohort.cohortID }))));
    expect(raced.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await as(admin.actor, () => Cohort.get({ cohortID: cohort.cohortID }))).waitSeq).toBe(1);
    await as(next, () => Enrolment.enrol({ cohortID: cohort.cohortID }));
    expect((await as(next, () => Enrolment.progress({ cohortID: cohort.cohortID }))).enrolment.seq).toBe(2);
  }, 60_000);
});

describe("learning", () => {
  it("keeps the requirement a learner enrolled under when the course is edited later", async () => {
    const { course, cohort, admin } = await openCohort();
    const [learner] = (await people(1)) as [Actor.PersonActor];
    await as(learner, () => Enrolment.enrol({ cohortID: cohort.cohortID }));
    const loaded = await as(admin.actor, () => Course.get({ courseID: course.courseID }));
    const full = { ...courseInput(loaded.agencyID), courseID: loaded.courseID, version: loaded.version, modules: loaded.modules, rubric: loaded.rubric };
    const edited = await as(admin.actor, () => Course.update({ ...full, requirement: { minutes: 600, sessions: 20, minSessionMinutes: 30 } }));
    expect(edited.version).toBe(full.version + 1);
    const page = await as(learner, () => Enrolment.progress({ cohortID: cohort.cohortID }));
    expect(page.progress.requirement).toEqual({ minutes: 120, sessions: 4, minSessionMinutes: 10 });
    expect(page.enrolment.courseVersion).toBe(full.version);
    // a stale editor is refused instead of overwriting
    expect((await reject(as(admin.actor, () => Course.update({ ...full, title: "旧版本的修改" })))).code).toBe("course.edited_elsewhere");
  });

  it("marks lessons complete, idempotently, and only lessons of the learner's course", async () => {
    const { course, cohort } = await openCohort();
    const [learner] = (await people(1)) as [Actor.PersonActor];
    await as(learner, () => Enrolment.enrol({ cohortID: cohort.cohortID }));
    const [lesson] = Course.lessonIDs(course.modules) as [string];
    await as(learner, () => Enrolment.completeLesson({ cohortID: cohort.cohortID, lessonID: lesson }));
    const again = await as(learner, () => Enrolment.completeLesson({ cohortID: cohort.cohortID, lessonID: lesson }));
    expect(again.progress.lessonsDone).toBe(1);
    expect(again.progress.lessonsTotal).toBe(3);
    const bad = await reject(as(learner, () => Enrolment.completeLesson({ cohortID: cohort.cohortID, lessonID: "les_01JZ0000000000000000000000" })));
    expect(bad.fields).toHaveProperty("lessonID");
  });

  it("shows instructors their roster with who is falling behind, and nobody else", async () => {
    Clock.use(Clock.fixed(Date.parse("2027-01-10T12:00:00+08:00")));
    try {
      const { course, cohort, admin } = await openCohort();
      const [keen, late] = (await people(2)) as [Actor.PersonActor, Actor.PersonActor];
      for (const l of [keen, late]) await as(l, () => Enrolment.enrol({ cohortID: cohort.cohortID }));
      for (const lessonID of Course.lessonIDs(course.modules)) await as(keen, () => Enrolment.completeLesson({ cohortID: cohort.cohortID, lessonID }));
      const rows = await roster(admin.actor, cohort.cohortID);
      const behind = new Map(rows.map((r) => [r.enrolment.learnerID, r.progress.behind]));
      expect(behind.get(late.personID)).toBe(true);
      // lessons done but no practice yet: a third of the requirement met, near the end of the cohort
      expect(behind.get(keen.personID)).toBe(true);
      expect(rows.find((r) => r.enrolment.learnerID === keen.personID)?.progress.percent).toBe(33);
      expect((await reject(as(keen, () => Enrolment.roster({ cohortID: cohort.cohortID })))).kind).toBe("not_found");
      const other = await openCohort();
      expect((await reject(as(other.admin.actor, () => Enrolment.roster({ cohortID: cohort.cohortID })))).kind).toBe("not_found");
    } finally {
      Clock.reset();
    }
  });

  it("tells enrolled learners when a cohort is cancelled or deferred, and why", async () => {
    const { cohort, admin } = await openCohort();
    const [learner] = (await people(1)) as [Actor.PersonActor];
    await as(learner, () => Enrolment.enrol({ cohortID: cohort.cohortID }));
    await as(admin.actor, () => Cohort.defer({ cohortID: cohort.cohortID, startDate: "2027-02-01", endDate: "2027-03-15", reason: "讲师生病，延期两个月" }));
    let mine = await as(learner, () => Enrolment.mine({}));
    expect(mine.items[0]?.cohort).toMatchObject({ status: "deferred", statusReason: "讲师生病，延期两个月", startDate: "2027-02-01" });
    await as(admin.actor, () => Cohort.cancel({ cohortID: cohort.cohortID, reason: "报名人数不足" }));
    mine = await as(learner, () => Enrolment.mine({}));
    expect(mine.items[0]?.cohort).toMatchObject({ status: "cancelled", statusReason: "报名人数不足" });
    const [latecomer] = (await people(1)) as [Actor.PersonActor];
    expect((await reject(as(latecomer, () => Enrolment.enrol({ cohortID: cohort.cohortID })))).kind).toBe("not_found");
  });
});
