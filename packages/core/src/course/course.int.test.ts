import { Cohort } from "@zhubo/core/cohort";
import { Course } from "@zhubo/core/course";
import type { VisibleError } from "@zhubo/core/error";
import { Org } from "@zhubo/core/org";
import { describe, expect, it } from "vitest";
import { as, courseInput, org, signUp } from "../../test/factory.js";

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );
const cohort: { title: string; startDate: string; endDate: string; capacity: number; city: "suzhou"; online: boolean } = {
  title: "苏州十二月班",
  startDate: "2026-12-01",
  endDate: "2027-01-15",
  capacity: 30,
  city: "suzhou",
  online: false,
};

describe("courses and cohorts (the foundation's slice)", () => {
  it("an agency admin creates a course and a cohort, listed by the agency's indexes", async () => {
    const { org: agency, admin } = await org("agency");
    const created = await as(admin.actor, () => Course.create(courseInput(agency.orgID)));
    expect(created.status).toBe("draft");
    const run = await as(admin.actor, () => Cohort.create({ courseID: created.courseID, ...cohort }));
    expect((await as(admin.actor, () => Course.listByAgency({ agencyID: agency.orgID }))).items.map((c) => c.courseID)).toEqual([created.courseID]);
    expect((await as(admin.actor, () => Cohort.listByCourse({ courseID: created.courseID }))).items.map((c) => c.cohortID)).toEqual([run.cohortID]);
  });

  it("refuses bad cohorts per field and writes nothing", async () => {
    const { org: agency, admin } = await org("agency");
    const created = await as(admin.actor, () => Course.create(courseInput(agency.orgID)));
    const cases: [Partial<typeof cohort>, string][] = [
      [{ capacity: 0 }, "capacity"],
      [{ capacity: 100000 }, "capacity"],
      [{ endDate: "2026-11-30" }, "endDate"],
      [{ startDate: "2026-02-30x" }, "startDate"],
      [{ title: "" }, "title"],
    ];
    for (const [patch, field] of cases) {
      const error = await reject(as(admin.actor, () => Cohort.create({ courseID: created.courseID, ...cohort, ...patch })));
      expect(error.kind).toBe("input");
      expect(error.fields).toHaveProperty(field);
    }
    expect((await as(admin.actor, () => Cohort.listByCourse({ courseID: created.courseID }))).items).toEqual([]);
    const badCourse = await reject(as(admin.actor, () => Course.create({ ...courseInput(agency.orgID), category: "weapons" as "food" })));
    expect(badCourse.fields).toHaveProperty("category");
  });

  it("keeps another agency and pending agencies out", async () => {
    const suzhou = await org("agency");
    const nanjing = await org("agency", "南京带货学院");
    const created = await as(suzhou.admin.actor, () => Course.create(courseInput(suzhou.org.orgID)));
    expect((await reject(as(nanjing.admin.actor, () => Course.get({ courseID: created.courseID })))).kind).toBe("not_found");
    expect((await reject(as(nanjing.admin.actor, () => Cohort.create({ courseID: created.courseID, ...cohort })))).kind).toBe("not_found");
    expect((await reject(as(nanjing.admin.actor, () => Course.create(courseInput(suzhou.org.orgID))))).kind).toBe("not_found");

    const founder = await signUp();
    const pending = await as(founder.actor, () => Org.create({ kind: "agency", name: "待审核学院", city: "wuxi" }));
    const founderAdmin = { ...founder.actor, memberships: [{ orgID: pending.orgID, kind: "agency" as const, role: "admin" as const }] };
    expect((await reject(as(founderAdmin, () => Course.create(courseInput(pending.orgID))))).code).toBe("agency.not_active");
  });
});
