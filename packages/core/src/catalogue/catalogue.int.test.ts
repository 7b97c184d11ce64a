import type { Actor } from "@zhubo/core/actor";
import { Catalogue } from "@zhubo/core/catalogue";
import { Cohort } from "@zhubo/core/cohort";
import { Course } from "@zhubo/core/course";
import { Enrolment } from "@zhubo/core/enrolment";
import type { VisibleError } from "@zhubo/core/error";
import { describe, expect, it } from "vitest";
import { as, cohortInput, courseInput, org, people } from "../../test/factory.js";

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );
const browseIDs = async () => (await Cohort.browse({ from: "2026-01-01" })).items.map((c) => c.cohortID);

describe("the catalogue", () => {
  it("lists a draft course's cohorts only once the course is published, renames them with the course, and hides them on unpublish", async () => {
    const { org: agency, admin } = await org("agency");
    const course = await as(admin.actor, () => Course.create(courseInput(agency.orgID)));
    const cohort = await as(admin.actor, () => Cohort.create(cohortInput(course.courseID)));
    const [learner] = (await people(1)) as [Actor.PersonActor];
    expect(await browseIDs()).not.toContain(cohort.cohortID);
    expect((await reject(as(learner, () => Enrolment.enrol({ cohortID: cohort.cohortID })))).kind).toBe("not_found");

    await as(admin.actor, () => Catalogue.publish({ courseID: course.courseID }));
    expect(await browseIDs()).toContain(cohort.cohortID);
    expect((await as(learner, () => Enrolment.enrol({ cohortID: cohort.cohortID }))).status).toBe("enrolled");

    const loaded = await as(admin.actor, () => Course.get({ courseID: course.courseID }));
    await as(admin.actor, () =>
      Catalogue.update({
        ...courseInput(agency.orgID),
        courseID: loaded.courseID,
        version: loaded.version,
        modules: loaded.modules,
        rubric: loaded.rubric,
        title: "直播带货进阶",
      }),
    );
    expect((await Cohort.get({ cohortID: cohort.cohortID })).courseTitle).toBe("直播带货进阶");

    await as(admin.actor, () => Catalogue.unpublish({ courseID: course.courseID }));
    expect(await browseIDs()).not.toContain(cohort.cohortID);
    expect((await reject(as(learner, () => Course.get({ courseID: course.courseID })))).kind).toBe("not_found");
  });
});
