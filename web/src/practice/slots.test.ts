import { describe, expect, it } from "vitest";
import { cancellable, currentQuarter, dayOptions, endTime, firstSlot, lengthMinutes, slotPhase, slotStart, splitSlots, timeOptions } from "./slots";

// 2026-12-01 19:37 in China = 11:37 UTC.
const now = Date.UTC(2026, 11, 1, 11, 37, 12);

describe("practice slots on the China clock", () => {
  it("floors to the current quarter hour", () => {
    expect(new Date(currentQuarter(now)).toISOString()).toBe("2026-12-01T11:30:00.000Z");
    expect(currentQuarter(Date.UTC(2026, 11, 1, 11, 45))).toBe(Date.UTC(2026, 11, 1, 11, 45));
  });

  it("offers today and the next days on the China calendar, even when UTC is still yesterday", () => {
    expect(dayOptions(now, 3)).toEqual(["2026-12-01", "2026-12-02", "2026-12-03"]);
    expect(dayOptions(Date.UTC(2026, 11, 31, 16, 5), 2)).toEqual(["2027-01-01", "2027-01-02"]);
  });

  it("offers every quarter hour of a later day, and today's from the current quarter on", () => {
    const tomorrow = timeOptions("2026-12-02", now);
    expect(tomorrow).toHaveLength(96);
    expect(tomorrow.slice(0, 3)).toEqual(["00:00", "00:15", "00:30"]);
    expect(tomorrow.at(-1)).toBe("23:45");
    const today = timeOptions("2026-12-01", now);
    expect(today[0]).toBe("19:30");
    expect(today.at(-1)).toBe("23:45");
    expect(timeOptions("2026-11-30", now)).toEqual([]);
  });

  it("sends the start as a UTC instant on a quarter hour", () => {
    expect(slotStart("2026-12-01", "19:30")).toBe("2026-12-01T11:30:00.000Z");
    expect(slotStart("2026-12-02", "07:45")).toBe("2026-12-01T23:45:00.000Z");
    expect(Date.parse(slotStart("2026-12-02", "07:45")) % (15 * 60_000)).toBe(0);
    expect(firstSlot(now)).toEqual({ day: "2026-12-01", time: "19:30" });
  });

  it("opens a slot ten minutes early and closes it at its end", () => {
    const lease = { startsAt: "2026-12-01T12:00:00.000Z", endsAt: "2026-12-01T12:30:00.000Z", status: "booked" };
    expect(slotPhase(lease, Date.UTC(2026, 11, 1, 11, 49, 59))).toBe("upcoming");
    expect(slotPhase(lease, Date.UTC(2026, 11, 1, 11, 50))).toBe("live");
    expect(slotPhase(lease, Date.UTC(2026, 11, 1, 12, 29, 59))).toBe("live");
    expect(slotPhase(lease, Date.UTC(2026, 11, 1, 12, 30))).toBe("past");
    expect(slotPhase({ ...lease, status: "ended" }, Date.UTC(2026, 11, 1, 12, 0))).toBe("past");
    expect(slotPhase({ ...lease, status: "cancelled" }, Date.UTC(2026, 11, 1, 12, 0))).toBe("cancelled");
    expect(lengthMinutes(lease.startsAt, lease.endsAt)).toBe(30);
    expect(endTime(lease.endsAt)).toBe("20:30");
  });

  it("lets a booked slot be cancelled until it starts, even once it has opened", () => {
    const lease = { startsAt: "2026-12-01T12:00:00.000Z", status: "booked" };
    expect(cancellable(lease, Date.UTC(2026, 11, 1, 11, 37))).toBe(true);
    expect(cancellable(lease, Date.UTC(2026, 11, 1, 11, 55))).toBe(true);
    expect(cancellable(lease, Date.UTC(2026, 11, 1, 12, 0))).toBe(false);
    expect(cancellable(lease, Date.UTC(2026, 11, 1, 12, 5))).toBe(false);
    for (const status of ["cancelled", "ended"]) expect(cancellable({ ...lease, status }, Date.UTC(2026, 11, 1, 11, 0))).toBe(false);
  });

  it("lists coming slots soonest first and past ones newest first", () => {
    const hh = (h: number) => String(h).padStart(2, "0");
    const at = (h: number, status = "booked") => ({ startsAt: `2026-12-01T${hh(h)}:00:00.000Z`, endsAt: `2026-12-01T${hh(h)}:15:00.000Z`, status });
    const { ahead, behind } = splitSlots([at(14), at(13), at(12), at(10), at(9, "cancelled")], now);
    expect(ahead.map((l) => l.startsAt.slice(11, 13))).toEqual(["12", "13", "14"]);
    expect(behind.map((l) => l.startsAt.slice(11, 13))).toEqual(["10", "09"]);
  });
});
