import { describe, expect, it } from "vitest";
import { translate } from "../i18n/translate";
import { checkKeys, checkValues, hundredths } from "./checks";

describe("requirement checks in words", () => {
  it("shows rubric averages (hundredths of a point) with two decimals", () => {
    expect(hundredths(250)).toBe("2.50");
    expect(hundredths(275)).toBe("2.75");
    expect(hundredths(400)).toBe("4.00");
    expect(hundredths(5)).toBe("0.05");
    expect(hundredths(0)).toBe("0.00");
  });

  it("says have against need in each requirement's unit, in Chinese and English", () => {
    const say = (locale: "zh-CN" | "en", c: Parameters<typeof checkValues>[0]) => translate(locale, checkKeys[c.requirement], checkValues(c));
    expect(say("zh-CN", { requirement: "practiceMinutes", have: 180, need: 240 })).toBe("练习时长 180 / 240 分钟");
    expect(say("zh-CN", { requirement: "rubricAverage", have: 275, need: 250 })).toBe("评分均分 2.75 / 2.50");
    expect(say("zh-CN", { requirement: "lessonsPercent", have: 95, need: 100 })).toBe("完成课时 95% / 100%");
    expect(say("zh-CN", { requirement: "practiceSessions", have: 3, need: 4 })).toBe("练习场次 3 / 4 场");
    expect(say("zh-CN", { requirement: "criterionFloor", have: 2, need: 2 })).toBe("单项最低分 2 / 2");
    expect(say("en", { requirement: "practiceMinutes", have: 180, need: 240 })).toBe("Practice time 180 / 240 min");
    expect(say("en", { requirement: "rubricAverage", have: 275, need: 250 })).toBe("Rubric average 2.75 / 2.50");
  });

  it("shows a dash before the first review", () => {
    expect(checkValues({ requirement: "rubricAverage", have: null, need: 250 })).toEqual({ have: "—", need: "2.50" });
    expect(checkValues({ requirement: "criterionFloor", have: null, need: 2 })).toEqual({ have: "—", need: "2" });
  });
});
