import { describe, expect, it } from "vitest";
import { translate } from "../i18n/translate";
import { defaultRubric, evenWeights, rubricTotal, toInt, weightedScore } from "./rubric";

describe("rubric weights", () => {
  it("reads only whole numbers from the weight boxes", () => {
    expect(toInt("25")).toBe(25);
    expect(toInt(" 7 ")).toBe(7);
    for (const bad of ["", "1.5", "-3", "12a", "一"]) expect(toInt(bad), bad).toBeUndefined();
  });

  it("totals the weights, counting unfinished boxes as nothing", () => {
    expect(rubricTotal(["25", "20", "20", "20", "15"])).toBe(100);
    expect(rubricTotal(["25", "", "abc", "20"])).toBe(45);
    expect(rubricTotal([])).toBe(0);
  });

  it("splits 100 evenly into whole numbers that always add up to 100", () => {
    expect(evenWeights(5)).toEqual([20, 20, 20, 20, 20]);
    expect(evenWeights(3)).toEqual([34, 33, 33]);
    expect(evenWeights(7)).toEqual([15, 15, 14, 14, 14, 14, 14]);
    for (let n = 1; n <= 10; n++) expect(evenWeights(n).reduce((a, b) => a + b, 0)).toBe(100);
    expect(evenWeights(0)).toEqual([]);
  });
});

describe("weighted rubric score", () => {
  const rubric = [
    { criterionID: "crt_a", weight: 60 },
    { criterionID: "crt_b", weight: 40 },
  ];

  it("weighs each criterion's 0–4 score", () => {
    expect(weightedScore({ crt_a: 4, crt_b: 2 }, rubric)).toBe(3.2);
    expect(weightedScore({ crt_a: 3, crt_b: 3 }, rubric)).toBe(3);
  });

  it("uses only the criteria scored so far, and has no score before any", () => {
    expect(weightedScore({ crt_b: 2 }, rubric)).toBe(2);
    expect(weightedScore({}, rubric)).toBeUndefined();
    expect(weightedScore(undefined, rubric)).toBeUndefined();
  });
});

describe("default rubric", () => {
  it("has DESIGN.md's five criteria, weights adding to 100 and five described levels each, in both languages", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const rubric = defaultRubric((key) => translate(locale, key));
      expect(rubric).toHaveLength(5);
      expect(rubricTotal(rubric.map((c) => c.weight))).toBe(100);
      for (const c of rubric) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.name.length).toBeLessThanOrEqual(60);
        expect(c.levels).toHaveLength(5);
        expect(new Set(c.levels).size).toBe(5);
      }
    }
    expect(defaultRubric((key) => translate("zh-CN", key)).map((c) => c.name)).toEqual([
      "产品知识",
      "镜头表现",
      "互动留人",
      "话术合规（无违禁词）",
      "技术质量",
    ]);
  });
});
