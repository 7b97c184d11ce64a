import { describe, expect, it } from "vitest";
import type { MatchReason } from "../api/types";
import { isAgainst, ratingText, reasonLine, reasonText } from "./reasons";

const zh = (r: MatchReason, names?: Record<string, string>) => reasonText(r, "zh-CN", names && ((id) => names[id]));
const en = (r: MatchReason) => reasonText(r, "en");

describe("match reasons in words", () => {
  it("says each reason in Chinese", () => {
    expect(zh({ code: "certified", name: "食品带货主播（初级）", level: 1, points: 20 })).toBe("食品带货主播（初级）认证 L1");
    expect(zh({ code: "sessions", sessions: 12, points: 2 })).toBe("12 场");
    expect(zh({ code: "same_city", city: "xuzhou", points: 15 })).toBe("同城（徐州）");
    expect(zh({ code: "other_city", city: "nanjing", points: 0 })).toBe("外地（南京）");
    expect(zh({ code: "available", points: 15 })).toBe("该时段有空");
    expect(zh({ code: "unavailable", points: 0 })).toBe("该时段没空");
    expect(zh({ code: "within_budget", feeFen: 160_000, points: 10 })).toBe("坑位费 ¥1,600，在预算内");
    expect(zh({ code: "over_budget", feeFen: 240_050, overFen: 40_050, points: 0 })).toBe("坑位费 ¥2,400.50，超预算 ¥400.50");
    expect(zh({ code: "rating", tenths: 48, count: 12, points: 4 })).toBe("4.8★（12 条）");
    expect(zh({ code: "rating", tenths: 50, count: 1, points: 5 })).toBe("5.0★（1 条）");
    expect(zh({ code: "show_up", percent: 92, points: 4 })).toBe("到场率 92%");
    expect(zh({ code: "commission_low", minBps: 1250, points: 0 })).toBe("佣金低于最低要求 12.5%");
    expect(zh({ code: "category", category: "local_speciality", points: 10 })).toBe("擅长地方特产");
    expect(zh({ code: "missing_language", language: "zhongyuan", points: 0 })).toBe("不会中原官话（徐州话）");
  });

  it("names a missing required certification when it knows it, and still says something when it doesn't", () => {
    const r: MatchReason = { code: "missing_certification", definitionID: "def_1", points: 0 };
    expect(zh(r, { def_1: "地方特产带货主播（初级）" })).toBe("缺少认证：地方特产带货主播（初级）");
    expect(zh(r)).toBe("缺少所需认证");
  });

  it("says each reason in English", () => {
    expect(en({ code: "certified", name: "Food host", level: 2, points: 20 })).toBe("Food host certified L2");
    expect(en({ code: "same_city", city: "xuzhou", points: 15 })).toBe("Xuzhou (same city)");
    expect(en({ code: "within_budget", feeFen: 160_000, points: 10 })).toBe("slot fee CN¥1,600, within budget");
    expect(en({ code: "sessions", sessions: 12, points: 2 })).toBe("12 sessions");
    expect(en({ code: "rating", tenths: 48, count: 12, points: 4 })).toBe("4.8★ (12)");
  });

  it("joins a candidate's reasons into one compact line", () => {
    const reasons: MatchReason[] = [
      { code: "certified", name: "食品带货主播（中级）", level: 2, points: 20 },
      { code: "same_city", city: "xuzhou", points: 15 },
      { code: "rating", tenths: 48, count: 12, points: 4 },
      { code: "sessions", sessions: 12, points: 2 },
      { code: "within_budget", feeFen: 160_000, points: 10 },
    ];
    expect(reasonLine(reasons, "zh-CN")).toBe("食品带货主播（中级）认证 L2 · 同城（徐州） · 4.8★（12 条） · 12 场 · 坑位费 ¥1,600，在预算内");
  });

  it("averages a card's ratings to a tenth of a star", () => {
    expect(ratingText(58, 12, "zh-CN")).toBe("4.8★（12 条）");
    expect(ratingText(5, 1, "en")).toBe("5.0★ (1)");
  });

  it("tells the reasons against a match from those for it", () => {
    expect(isAgainst({ code: "over_budget" })).toBe(true);
    expect(isAgainst({ code: "unavailable" })).toBe(true);
    expect(isAgainst({ code: "within_budget" })).toBe(false);
  });
});
