import { describe, expect, it } from "vitest";
import type { Course } from "../../api/types";
import { draftFromCourse, emptyDraft, toInput } from "../../training/course-draft";

const course = {
  courseID: "crs_01J0000000000000000000000A",
  agencyID: "agy_01J0000000000000000000000A",
  title: "入门",
  category: "food",
  language: "zh-CN",
  modules: [],
  requirement: { minutes: 600, sessions: 10 },
  rubric: [],
  version: 1,
  status: "draft",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
} satisfies Course;

describe("the certification a course leads to", () => {
  it("starts as none and is left out of the input", () => {
    expect(emptyDraft([]).certificationID).toBe("");
    expect(toInput(emptyDraft([])).certificationID).toBeUndefined();
  });

  it("round-trips the course's certification, so saving other edits keeps it", () => {
    const d = draftFromCourse({ ...course, certificationID: "def_01J0000000000000000000000A" });
    expect(toInput(d).certificationID).toBe("def_01J0000000000000000000000A");
    expect(draftFromCourse(course).certificationID).toBe("");
  });
});
