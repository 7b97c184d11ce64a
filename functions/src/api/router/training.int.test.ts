import type { Actor } from "@zhubo/core/actor";
import { Course } from "@zhubo/core/course";
import { describe, expect, it } from "vitest";
import { actorOf, cohortInput, courseInput, openCohort, org, people, signUp, uniquePhone } from "../../../../packages/core/test/factory.js";
import { caller, failure } from "./testing.js";

describe("training routers as each role", () => {
  it("an agency admin builds and publishes a course; bad input names the field and writes nothing", async () => {
    const { org: agency, admin } = await org("agency");
    const asAdmin = caller(admin.actor);
    const cases: [Record<string, unknown>, string][] = [
      [{ title: "" }, "title"],
      [{ category: "weapons" }, "category"],
      [{ rubric: courseInput(agency.orgID).rubric.map((c) => ({ ...c, weight: 10 })) }, "rubric"],
      [{ requirement: { minutes: -5, sessions: 1 } }, "requirement.minutes"],
      [{ modules: [{ title: "m", lessons: [{ title: "l", body: "", minutes: 10, videoURL: "javascript:alert(1)" }] }] }, "modules.0.lessons.0.videoURL"],
    ];
    for (const [patch, field] of cases) {
      const error = await failure(asAdmin.course.create({ ...courseInput(agency.orgID), ...patch } as never));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.fields).toHaveProperty([field]);
    }
    expect((await asAdmin.course.listByAgency({ agencyID: agency.orgID })).items).toEqual([]);

    const draft = await asAdmin.course.create({ ...courseInput(agency.orgID), modules: [] });
    expect((await failure(asAdmin.course.publish({ courseID: draft.courseID }))).code).toBe("CONFLICT");
    const full = await asAdmin.course.create(courseInput(agency.orgID));
    expect((await asAdmin.course.publish({ courseID: full.courseID })).status).toBe("published");
    expect((await caller().course.browse({ category: "food" })).items.map((c) => c.courseID)).toContain(full.courseID);
    expect((await caller().course.browse({ category: "food" })).items.map((c) => c.courseID)).not.toContain(draft.courseID);
  });

  it("cohorts: invalid capacity and dates are per-field errors; instructors must be from the agency", async () => {
    const { org: agency, admin } = await org("agency");
    const asAdmin = caller(admin.actor);
    const course = await asAdmin.course.create(courseInput(agency.orgID));
    for (const [patch, field] of [
      [{ capacity: 0 }, "capacity"],
      [{ capacity: 100000 }, "capacity"],
      [{ endDate: "2026-11-01" }, "endDate"],
      [{ online: false, city: undefined }, "city"],
      [{ schedule: [{ title: "第一课", startsAt: "2025-01-01T19:00+08:00", minutes: 90 }] }, "schedule.0.startsAt"],
    ] as const) {
      const error = await failure(asAdmin.cohort.create(cohortInput(course.courseID, patch as never)));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.fields).toHaveProperty([field]);
    }
    const stranger = await signUp();
    const notOurs = await failure(asAdmin.cohort.create(cohortInput(course.courseID, { instructorIDs: [stranger.personID] })));
    expect(notOurs.fields).toHaveProperty(["instructorIDs.0"]);
    expect((await asAdmin.cohort.listByCourse({ courseID: course.courseID })).items).toEqual([]);
  });

  it("a learner browses, enrols, completes a lesson; the instructor sees them on the roster; other agencies see nothing", async () => {
    const suzhou = await openCohort();
    const phone = uniquePhone();
    await caller(suzhou.admin.actor).org.invite({ orgID: suzhou.org.orgID, login: phone, role: "instructor" });
    const teacher = await signUp("王老师", phone);
    await caller(teacher.actor).invitation.accept({ orgID: suzhou.org.orgID });
    const instructor = actorOf(await caller().auth.refresh({ refreshToken: teacher.refreshToken }));
    const run = await caller(suzhou.admin.actor).cohort.create(
      cohortInput(suzhou.course.courseID, { instructorIDs: [teacher.personID], startDate: "2027-03-01", endDate: "2027-04-30" }),
    );

    const found = await caller().cohort.browse({ from: "2027-02-01", city: "suzhou", category: "food" });
    expect(found.items.map((c) => c.cohortID)).toContain(run.cohortID);
    // a learner sees who teaches it and where, without reading the agency or the course
    expect(await caller().cohort.get({ cohortID: run.cohortID })).toMatchObject({
      agencyName: "苏州主播学院",
      courseTitle: "直播带货入门",
      instructors: [{ personID: teacher.personID, displayName: "王老师" }],
    });
    expect((await caller().cohort.browse({ from: "2027-02-01", online: true })).items.map((c) => c.cohortID)).not.toContain(run.cohortID);

    const [learner] = (await people(1)) as [Actor.PersonActor];
    const asLearner = caller(learner);
    expect((await asLearner.enrolment.enrol({ cohortID: run.cohortID })).status).toBe("enrolled");
    const [lessonID] = Course.lessonIDs(suzhou.course.modules) as [string];
    await asLearner.enrolment.completeLesson({ cohortID: run.cohortID, lessonID });
    expect((await asLearner.enrolment.progress({ cohortID: run.cohortID })).progress.lessonsDone).toBe(1);

    expect((await caller(instructor).cohort.teaching({})).items.map((c) => c.cohortID)).toEqual([run.cohortID]);
    const roster = await caller(instructor).cohort.roster({ cohortID: run.cohortID });
    expect(roster.items.map((r) => [r.enrolment.learnerID, r.progress.lessonsDone])).toEqual([[learner.personID, 1]]);

    const nanjing = await openCohort();
    for (const attempt of [
      () => caller(nanjing.admin.actor).cohort.roster({ cohortID: run.cohortID }),
      () => caller(nanjing.admin.actor).cohort.cancel({ cohortID: run.cohortID, reason: "不是我们的" }),
      () => caller(nanjing.admin.actor).cohort.create(cohortInput(suzhou.course.courseID)),
      () => caller(learner).cohort.roster({ cohortID: run.cohortID }),
      () => caller(instructor).cohort.roster({ cohortID: nanjing.cohort.cohortID }),
    ]) {
      expect((await failure(attempt())).code).toBe("NOT_FOUND");
    }
    expect((await failure(caller().enrolment.enrol({ cohortID: run.cohortID }))).code).toBe("UNAUTHORIZED");
  });
});
