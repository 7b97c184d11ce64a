import { describe, expect, it } from "vitest";
import { checkCohort, emptyCohort, newClass, toCohortInput } from "./cohort-draft";

const courseID = "crs_01J0000000000000000000000A";

describe("cohort draft", () => {
  it("starts two weeks out and runs about two months", () => {
    expect(emptyCohort("2026-11-17", "suzhou")).toMatchObject({
      startDate: "2026-12-01",
      endDate: "2027-01-30",
      capacity: "30",
      city: "suzhou",
      online: false,
    });
  });

  it("builds the API input with +08:00 class times", () => {
    const d = { ...emptyCohort("2026-11-17", "suzhou"), title: " 冬季班 ", instructorIDs: ["prs_01J0000000000000000000000A"] };
    d.schedule = [{ ...newClass("2026-12-03"), title: "开班仪式" }];
    expect(checkCohort(d)).toEqual({});
    expect(toCohortInput(courseID, d)).toEqual({
      courseID,
      title: "冬季班",
      startDate: "2026-12-01",
      endDate: "2027-01-30",
      capacity: 30,
      online: false,
      city: "suzhou",
      instructorIDs: ["prs_01J0000000000000000000000A"],
      schedule: [{ title: "开班仪式", startsAt: "2026-12-03T19:30+08:00", minutes: 120 }],
    });
  });

  it("lets an online cohort go without a city, but not one in person", () => {
    const d = { ...emptyCohort("2026-11-17"), title: "线上班" };
    expect(checkCohort(d)).toEqual({ city: "fieldHint.cityInPerson" });
    expect(checkCohort({ ...d, online: true })).toEqual({});
    expect(toCohortInput(courseID, { ...d, online: true }).city).toBeUndefined();
  });

  it("names each problem by the API's field path", () => {
    const d = { ...emptyCohort("2026-11-17", "suzhou"), title: "x", endDate: "2026-11-30", capacity: "501" };
    d.schedule = [{ title: "", day: "2027-03-01", time: "25:00", minutes: "10" }];
    expect(checkCohort(d)).toEqual({
      title: "fieldHint.title",
      endDate: "fieldHint.endDate",
      capacity: "fieldHint.capacity",
      "schedule.0.title": "fieldHint.schedule.title",
      "schedule.0.startsAt": "fieldHint.schedule.startsAt",
      "schedule.0.minutes": "fieldHint.schedule.minutes",
    });
  });

  it("accepts a live class on the first and the last day", () => {
    const d = { ...emptyCohort("2026-11-17", "suzhou"), title: "冬季班" };
    d.schedule = [
      { ...newClass(d.startDate), title: "第一课" },
      { ...newClass(d.endDate), title: "结业" },
    ];
    expect(checkCohort(d)).toEqual({});
  });
});
