import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { displayLogin, fenToDecimal, formatClassTime, formatDate, formatDay, formatDayRange, formatMoney, loginForApi } from "./format";

describe("money", () => {
  it("turns integer fen into an exact decimal string", () => {
    expect(fenToDecimal(0)).toBe("0.00");
    expect(fenToDecimal(5)).toBe("0.05");
    expect(fenToDecimal(120)).toBe("1.20");
    expect(fenToDecimal(12345)).toBe("123.45");
    expect(fenToDecimal(-5)).toBe("-0.05");
    expect(fenToDecimal(-12345)).toBe("-123.45");
    expect(fenToDecimal(Number.MAX_SAFE_INTEGER)).toBe("90071992547409.91");
  });

  it("refuses anything that is not a safe integer of fen", () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) expect(() => fenToDecimal(bad)).toThrow(RangeError);
  });

  it("formats CNY for each language", () => {
    expect(formatMoney(12345, "zh-CN")).toBe("¥123.45");
    expect(formatMoney(12345, "en")).toBe("CN¥123.45");
    expect(formatMoney(100_000_000, "zh-CN")).toBe("¥1,000,000.00");
    expect(formatMoney(-5, "en")).toBe("-CN¥0.05");
  });

  it("leaves out a zero fraction in the short style, and only then", () => {
    expect(formatMoney(160_000, "zh-CN", "short")).toBe("¥1,600");
    expect(formatMoney(160_050, "zh-CN", "short")).toBe("¥1,600.50");
    expect(formatMoney(-200, "en", "short")).toBe("-CN¥2");
  });

  it("never loses a fen, even beyond float precision", () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, "zh-CN")).toBe("¥90,071,992,547,409.91");
    fc.assert(
      fc.property(fc.maxSafeInteger(), (fen) => {
        const digits = formatMoney(fen, "en").replace(/\D/g, "");
        expect(digits).toBe(String(Math.abs(fen)).padStart(3, "0"));
      }),
    );
  });
});

describe("dates", () => {
  it("shows Beijing time whatever the machine's zone", () => {
    expect(formatDate("2026-01-15T16:30:00Z", "zh-CN")).toBe("2026年1月16日");
    expect(formatDate("2026-01-15T16:30:00Z", "en")).toBe("Jan 16, 2026");
    expect(formatDate(Date.UTC(2026, 0, 15, 16, 30), "en", "dateTime")).toBe("Jan 16, 2026, 12:30 AM");
  });

  it("renders nothing for a value that is not a date", () => {
    expect(formatDate("soon", "en")).toBe("");
    expect(formatDayRange("soon", "2026-12-01", "en")).toBe("");
    expect(formatClassTime("soon", "en")).toBe("");
  });

  it("shows a cohort's calendar days as those days, and a range with a shared year once", () => {
    expect(formatDay("2026-12-01", "zh-CN")).toBe("2026年12月1日");
    expect(formatDay("2026-12-01", "en")).toBe("Dec 1, 2026");
    expect(formatDayRange("2026-12-01", "2026-12-20", "en")).toBe("Dec 1 – Dec 20, 2026");
    expect(formatDayRange("2026-12-01", "2027-01-20", "en")).toBe("Dec 1, 2026 – Jan 20, 2027");
    expect(formatDayRange("2026-12-01", "2026-12-20", "zh-CN")).toBe("2026年12月1日 – 12月20日");
    expect(formatDayRange("2026-12-01", "2026-12-01", "en")).toBe("Dec 1, 2026");
  });

  it("shows a live class's weekday and Beijing wall time", () => {
    expect(formatClassTime("2026-12-01T19:30+08:00", "zh-CN")).toBe("12月1日周二 19:30");
    expect(formatClassTime("2026-12-01T11:30:00Z", "en")).toBe("Tue, Dec 1, 19:30");
  });
});

describe("logins", () => {
  it("shows mobile numbers grouped and strips stored key prefixes", () => {
    expect(displayLogin("phone:+8613800000001")).toBe("138 0000 0001");
    expect(displayLogin("+8613912345678")).toBe("139 1234 5678");
    expect(displayLogin(" 139-1234-5678 ")).toBe("139 1234 5678");
    expect(displayLogin("email:lin@zhubo.local")).toBe("lin@zhubo.local");
    expect(loginForApi("phone:+8613800000001")).toBe("+8613800000001");
    expect(loginForApi("email:lin@zhubo.local")).toBe("lin@zhubo.local");
  });
});
