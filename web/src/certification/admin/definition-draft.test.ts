import { describe, expect, it } from "vitest";
import type { CertDefinition } from "../../api/types";
import { translate } from "../../i18n/translate";
import {
  checkDefinition,
  type DefinitionDraft,
  draftFromDefinition,
  emptyDefinition,
  formatHundredths,
  parseHundredths,
  toDefinitionFields,
} from "./definition-draft";
import { gapsOf, gapText, requirementLines } from "./requirements";

const zh = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate("zh-CN", key, params);
const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate("en", key, params);

function filled(): DefinitionDraft {
  return { ...emptyDefinition(), name: " 苏式糕点直播讲解员 ", description: "苏式糕点的原料、工艺与保存讲解。", category: "food" };
}

const definition: CertDefinition = {
  definitionID: "def_01J0000000000000000000000A",
  ownerID: "agy_01J0000000000000000000000A",
  ownerName: "苏州星播直播电商学院",
  name: "苏式糕点直播讲解员",
  description: "苏式糕点的原料、工艺与保存讲解。",
  category: "food",
  level: 2,
  nationalLevel: "4",
  requirements: { lessonsPercent: 80, practiceMinutes: 120, practiceSessions: 2, rubricAverage: 205, criterionFloor: 1 },
  validityMonths: 12,
  renewalWithinMonths: 3,
  status: "pending",
  version: 1,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

describe("rubric average as typed", () => {
  it.each([
    ["2.50", 250],
    ["2.5", 250],
    ["2", 200],
    ["2.", 200],
    ["0.05", 5],
    [".75", 75],
    [" 3.1 ", 310],
    ["2．5", 250],
    ["4.00", 400],
    ["0", 0],
    ["4.01", 401],
  ])("reads %j as %i hundredths", (typed, hundredths) => {
    expect(parseHundredths(typed)).toBe(hundredths);
  });

  it.each(["", " ", ".", "2.555", "-1", "2,5", "abc", "1e2", "2.5.0", "1234"])("refuses %j", (typed) => {
    expect(parseHundredths(typed)).toBeUndefined();
  });

  it("never goes through floats: 0.29 and 1.15 stay exact", () => {
    expect(parseHundredths("0.29")).toBe(29);
    expect(parseHundredths("1.15")).toBe(115);
    expect(parseHundredths("2.01")).toBe(201);
  });

  it("writes hundredths back with two decimals and round-trips every value 0–400", () => {
    expect(formatHundredths(250)).toBe("2.50");
    expect(formatHundredths(5)).toBe("0.05");
    expect(formatHundredths(400)).toBe("4.00");
    for (let n = 0; n <= 400; n++) expect(parseHundredths(formatHundredths(n))).toBe(n);
  });
});

describe("certification definition draft", () => {
  it("turns a checked draft into the API fields, the average in hundredths", () => {
    const d = filled();
    d.requirements.rubricAverage = "2.75";
    expect(checkDefinition(d)).toEqual({});
    expect(toDefinitionFields(d)).toEqual({
      name: "苏式糕点直播讲解员",
      description: "苏式糕点的原料、工艺与保存讲解。",
      category: "food",
      level: 1,
      nationalLevel: "5",
      requirements: { lessonsPercent: 100, practiceMinutes: 240, practiceSessions: 4, rubricAverage: 275, criterionFloor: 2 },
      validityMonths: 12,
      renewalWithinMonths: 3,
    });
  });

  it("round-trips a loaded definition", () => {
    const d = draftFromDefinition(definition);
    expect(d.requirements.rubricAverage).toBe("2.05");
    const { definitionID, ownerID, ownerName, status, version, createdAt, updatedAt, ...fields } = definition;
    expect(toDefinitionFields(d)).toEqual(fields);
  });

  it("names each problem by the API's field path", () => {
    const d = filled();
    Object.assign(d, { name: "a", description: "短", category: "", level: "6", validityMonths: "0", renewalWithinMonths: "25" });
    Object.assign(d.requirements, { lessonsPercent: "101", practiceMinutes: "x", practiceSessions: "501", rubricAverage: "4.5", criterionFloor: "5" });
    expect(checkDefinition(d)).toEqual({
      name: "fieldHint.name",
      description: "certAdmin.hint.description",
      category: "fieldHint.category",
      level: "fieldHint.level",
      "requirements.lessonsPercent": "fieldHint.requirements.lessonsPercent",
      "requirements.practiceMinutes": "fieldHint.requirements.practiceMinutes",
      "requirements.practiceSessions": "fieldHint.requirements.practiceSessions",
      "requirements.rubricAverage": "fieldHint.requirements.rubricAverage",
      "requirements.criterionFloor": "fieldHint.requirements.criterionFloor",
      validityMonths: "fieldHint.validityMonths",
      renewalWithinMonths: "fieldHint.renewalWithinMonths",
    });
  });
});

describe("requirements in words", () => {
  it("says what a definition asks for, leaving out what it doesn't", () => {
    expect(requirementLines(definition.requirements, zh)).toEqual([
      "完成 80% 的课时",
      "直播练习至少 120 分钟、2 场",
      "讲师评分加权均分不低于 2.05（满分 4）",
      "每个评分项不低于 1 分",
    ]);
    const none = { lessonsPercent: 0, practiceMinutes: 0, practiceSessions: 0, rubricAverage: 0, criterionFloor: 0 };
    expect(requirementLines(none, en)).toEqual(["No requirements"]);
  });

  it("reads the API's unmet requirements back into what is missing, in requirement order", () => {
    const gaps = gapsOf({ rubricAverage: "Needs 250, has none", lessonsPercent: "Needs 100, has 80", criterionFloor: "Needs 2, has 1", other: "?" });
    expect(gaps).toEqual([
      { requirement: "lessonsPercent", need: 100, have: 80 },
      { requirement: "rubricAverage", need: 250, have: null },
      { requirement: "criterionFloor", need: 2, have: 1 },
    ]);
    expect(gaps.map((g) => gapText(g, zh))).toEqual(["课时完成 80%，需要 100%", "还没有讲师评分，均分需要 2.50", "单项最低 1 分，需要 2 分"]);
    expect(gapText({ requirement: "rubricAverage", need: 250, have: 225 }, en)).toBe("Rubric average 2.25, needs 2.50");
  });
});
