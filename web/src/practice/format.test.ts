import { describe, expect, it } from "vitest";
import { dayLabel, slotLabel } from "./format";

describe("practice slot labels in Beijing time", () => {
  const lease = { startsAt: "2026-12-01T11:30:00.000Z", endsAt: "2026-12-01T12:15:00.000Z" };
  it("shows the China day, start and end whatever the device zone", () => {
    expect(slotLabel(lease, "zh-CN")).toContain("12月1日");
    expect(slotLabel(lease, "zh-CN")).toMatch(/19:30–20:15$/);
    expect(slotLabel(lease, "en")).toMatch(/Dec 1.*19:30–20:15$/);
    expect(dayLabel("2026-12-01", "zh-CN")).toContain("周二");
    expect(dayLabel("2026-12-01", "en")).toContain("Tue");
  });
});
