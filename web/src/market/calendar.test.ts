import { describe, expect, it } from "vitest";
import { bookingActions, dayHeading, gigEnd, groupByDay, sessionWhen, sideOf, timeRange } from "./calendar";

const at = (iso: string) => Date.parse(iso);

describe("the bookings agenda", () => {
  it("groups by China calendar day, whatever the instant's offset, in start order", () => {
    const items = [
      { id: "c", startsAt: "2026-05-09T11:00:00.000Z" }, // 19:00 on the 9th in China
      { id: "a", startsAt: "2026-05-08T01:00:00.000Z" }, // 09:00 on the 8th
      { id: "b", startsAt: "2026-05-08T15:30:00.000Z" }, // 23:30 on the 8th
      { id: "d", startsAt: "2026-05-08T16:30:00.000Z" }, // 00:30 on the 9th
    ];
    expect(groupByDay(items).map((d) => [d.day, d.items.map((i) => i.id)])).toEqual([
      ["2026-05-08", ["a", "b"]],
      ["2026-05-09", ["d", "c"]],
    ]);
    expect(groupByDay([])).toEqual([]);
  });

  it("says a session's hours in Beijing time, and when it runs past midnight", () => {
    expect(timeRange("2026-05-08T11:00:00.000Z", "2026-05-08T13:00:00.000Z", "zh-CN")).toBe("19:00–21:00");
    expect(timeRange("2026-05-08T15:00:00.000Z", "2026-05-08T17:00:00.000Z", "zh-CN")).toBe("23:00–次日 01:00");
    expect(timeRange("2026-05-08T15:00:00.000Z", "2026-05-08T17:00:00.000Z", "en")).toBe("23:00–01:00 next day");
  });

  it("says when a gig's session is, from its start and length", () => {
    const g = { startsAt: "2026-05-08T11:00:00.000Z", minutes: 120 };
    expect(gigEnd(g)).toBe("2026-05-08T13:00:00.000Z");
    expect(sessionWhen(g.startsAt, gigEnd(g), "zh-CN")).toBe("5月8日周五 19:00–21:00");
    expect(sessionWhen(g.startsAt, gigEnd(g), "en")).toBe("Fri, May 8 19:00–21:00");
  });

  it("heads days as today, tomorrow or a date with its weekday", () => {
    expect(dayHeading("2026-05-08", "2026-05-08", "zh-CN")).toBe("今天 · 5月8日周五");
    expect(dayHeading("2026-05-09", "2026-05-08", "zh-CN")).toBe("明天 · 5月9日周六");
    expect(dayHeading("2026-05-12", "2026-05-08", "en")).toBe("Tue, May 12");
    expect(dayHeading("2027-01-02", "2026-12-30", "en")).toBe("2027 · Sat, Jan 2");
  });
});

describe("what each side may do with a booking", () => {
  const booking = {
    status: "booked" as const,
    startsAt: "2026-05-08T11:00:00.000Z",
    endsAt: "2026-05-08T13:00:00.000Z",
    brandReview: undefined,
    hostReview: undefined,
    proposal: undefined,
  };

  it("cancels up to 24 hours before the start, and says when that has passed", () => {
    expect(bookingActions(booking, "host", at("2026-05-07T11:00:00.000Z")).cancel).toBe(true);
    const late = bookingActions(booking, "host", at("2026-05-07T11:00:01.000Z"));
    expect([late.cancel, late.cancelClosed]).toEqual([false, true]);
    expect(bookingActions(booking, "host", at("2026-05-08T12:00:00.000Z")).cancelClosed).toBe(false);
  });

  it("lets only the brand record a no-show, and only after the start", () => {
    expect(bookingActions(booking, "brand", at("2026-05-08T10:59:00.000Z")).noShow).toBe(false);
    expect(bookingActions(booking, "brand", at("2026-05-08T11:00:00.000Z")).noShow).toBe(true);
    expect(bookingActions(booking, "host", at("2026-05-08T11:30:00.000Z")).noShow).toBe(false);
    expect(bookingActions({ ...booking, status: "no_show" }, "brand", at("2026-05-08T11:30:00.000Z")).noShow).toBe(false);
  });

  it("opens reviews after the end, once per side, never for a cancelled booking", () => {
    const after = at("2026-05-08T13:00:00.000Z");
    expect(bookingActions(booking, "host", at("2026-05-08T12:59:00.000Z")).review).toBe(false);
    expect(bookingActions(booking, "host", after).review).toBe(true);
    const brandDone = { ...booking, status: "completed" as const, brandReview: { stars: 5, comment: "", at: "" } };
    expect(bookingActions(brandDone, "brand", after).review).toBe(false);
    expect(bookingActions(brandDone, "host", after).review).toBe(true);
    expect(bookingActions({ ...booking, status: "cancelled" }, "host", after).review).toBe(false);
    expect(bookingActions({ ...booking, status: "no_show" }, "brand", after).review).toBe(true);
  });

  it("lets the other side accept proposed terms, while the proposer waits", () => {
    const proposed = { ...booking, proposal: { by: "brand" as const, at: "", terms: { slotFeeFen: 1, commissionBps: 1, tiers: [] } } };
    const now = at("2026-05-01T00:00:00.000Z");
    expect(bookingActions(proposed, "host", now).acceptProposal).toBe(true);
    expect(bookingActions(proposed, "brand", now)).toMatchObject({ acceptProposal: false, waitingOnProposal: true });
  });

  it("knows which side the signed-in person is on", () => {
    expect(sideOf({ hostID: "per_1" }, "per_1")).toBe("host");
    expect(sideOf({ hostID: "per_1" }, "per_2")).toBe("brand");
  });
});
