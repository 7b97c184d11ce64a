import { describe, expect, it } from "vitest";
import type { Course } from "../api/types";
import { translate } from "../i18n/translate";
import { type CourseDraft, checkDraft, draftFromCourse, emptyDraft, lessonCount, moved, newCriterion, newModule, toInput } from "./course-draft";
import { defaultRubric } from "./rubric";

const zh = (key: Parameters<typeof translate>[1]) => translate("zh-CN", key);

function filled(): CourseDraft {
  const d = emptyDraft(defaultRubric(zh));
  d.title = "  直播带货入门 ";
  d.category = "food";
  d.modules = [{ title: "开播前", lessons: [{ title: "选品", body: "## 选品", videoURL: "", minutes: "45" }] }];
  return d;
}

const course: Course = {
  courseID: "crs_01J0000000000000000000000A",
  agencyID: "agy_01J0000000000000000000000A",
  title: "入门",
  category: "food",
  language: "zh-CN",
  modules: [
    {
      moduleID: "mod_01J0000000000000000000000A",
      title: "单元一",
      lessons: [{ lessonID: "les_01J0000000000000000000000A", title: "课一", body: "正文", videoURL: "https://v.example.cn/a.mp4", minutes: 30 }],
    },
  ],
  requirement: { minutes: 600, sessions: 10 },
  rubric: [{ criterionID: "crt_01J0000000000000000000000A", name: "产品知识", weight: 100, levels: ["0", "1", "2", "3", "4"] }],
  version: 3,
  status: "draft",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

describe("course draft", () => {
  it("starts a new course with one module, one lesson and the default rubric", () => {
    const d = emptyDraft(defaultRubric(zh));
    expect(lessonCount(d)).toBe(1);
    expect(d.rubric).toHaveLength(5);
    expect(d.requirement).toEqual({ minutes: "600", sessions: "10", minSessionMinutes: "10" });
  });

  it("turns a checked draft into the API input, trimming and dropping empty optional parts", () => {
    const d = filled();
    expect(checkDraft(d)).toEqual({});
    const input = toInput(d);
    expect(input.title).toBe("直播带货入门");
    expect(input.summary).toBeUndefined();
    expect(input.modules?.[0]?.lessons[0]).toEqual({ lessonID: undefined, title: "选品", body: "## 选品", videoURL: undefined, minutes: 45 });
    expect(input.requirement).toEqual({ minutes: 600, sessions: 10, minSessionMinutes: 10 });
    expect(input.rubric.reduce((n, c) => n + c.weight, 0)).toBe(100);
  });

  it("round-trips an existing course keeping every module, lesson and criterion id", () => {
    const input = toInput(draftFromCourse(course));
    expect(input.modules?.[0]?.moduleID).toBe("mod_01J0000000000000000000000A");
    expect(input.modules?.[0]?.lessons[0]).toMatchObject({ lessonID: "les_01J0000000000000000000000A", videoURL: "https://v.example.cn/a.mp4", minutes: 30 });
    expect(input.rubric[0]?.criterionID).toBe("crt_01J0000000000000000000000A");
    // a course saved before the minimum session length existed edits with the default
    expect(input.requirement.minSessionMinutes).toBe(10);
    expect(toInput(draftFromCourse({ ...course, requirement: { ...course.requirement, minSessionMinutes: 25 } })).requirement.minSessionMinutes).toBe(25);
  });

  it("names each problem by the API's field path", () => {
    const d = filled();
    d.title = "a";
    d.category = "";
    d.modules.push(newModule());
    const lesson = d.modules[0]?.lessons[0];
    if (lesson) Object.assign(lesson, { minutes: "0", videoURL: "http://insecure.example.cn/v.mp4" });
    d.requirement.sessions = "-1";
    d.requirement.minSessionMinutes = "121";
    d.rubric.push(newCriterion());
    expect(checkDraft(d)).toEqual({
      title: "fieldHint.title",
      category: "fieldHint.category",
      "modules.0.lessons.0.minutes": "fieldHint.modules.lessons.minutes",
      "modules.0.lessons.0.videoURL": "fieldHint.modules.lessons.videoURL",
      "modules.1.title": "fieldHint.modules.title",
      "modules.1.lessons.0.title": "fieldHint.modules.lessons.title",
      "requirement.sessions": "fieldHint.requirement.sessions",
      "requirement.minSessionMinutes": "fieldHint.requirement.minSessionMinutes",
      "rubric.5.name": "fieldHint.rubric.name",
      "rubric.5.weight": "fieldHint.rubric.weight",
      "rubric.5.levels.0": "fieldHint.rubric.levels",
      "rubric.5.levels.1": "fieldHint.rubric.levels",
      "rubric.5.levels.2": "fieldHint.rubric.levels",
      "rubric.5.levels.3": "fieldHint.rubric.levels",
      "rubric.5.levels.4": "fieldHint.rubric.levels",
    });
  });

  it("requires rubric weights to add up to exactly 100", () => {
    const d = filled();
    const first = d.rubric[0];
    if (first) first.weight = "30";
    expect(checkDraft(d)).toEqual({ rubric: "fieldHint.rubric" });
    d.rubric = [];
    expect(checkDraft(d)).toEqual({ rubric: "fieldHint.rubric" });
  });

  it("moves modules and lessons one place, ignoring moves off either end", () => {
    expect(moved(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moved(["a", "b"], 0, -1)).toEqual(["a", "b"]);
    expect(moved(["a", "b"], 1, 1)).toEqual(["a", "b"]);
  });
});
