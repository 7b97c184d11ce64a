import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { available, chinaTime, type GigFacts, type HostFacts, ratingTenths, score, slotFee, standing, startOf } from "./rules.js";

const host = (patch: Partial<HostFacts> = {}): HostFacts => ({
  hostID: "prs_1",
  city: "xuzhou",
  categories: ["food"],
  languages: ["mandarin", "zhongyuan"],
  slotFeePerHourFen: 80_000,
  minCommissionBps: 1000,
  weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: "18:00", to: "23:00" })),
  exceptions: [],
  certs: [{ definitionID: "cdf_food", name: "食品带货主播（初级）", level: 1, category: "food", expiresAt: "2027-12-01T00:00:00.000Z" }],
  sessions: 12,
  noShows: 0,
  ratingSum: 58,
  ratingCount: 12,
  ...patch,
});

// Tuesday 2026-12-01, 19:00–21:00 China time
const startsAt = startOf("2026-12-01", "19:00");
const gig = (patch: Partial<GigFacts> = {}): GigFacts => ({
  category: "food",
  mode: "onsite",
  city: "xuzhou",
  startsAt,
  endsAt: startsAt + 120 * 60_000,
  requiredCertifications: ["cdf_food"],
  languages: ["mandarin"],
  budgetFen: 200_000,
  commissionBps: 1500,
  ...patch,
});

describe("availability in China time", () => {
  it("reads weekdays and minutes in UTC+8 and honours exceptions", () => {
    expect(chinaTime(startsAt)).toEqual({ date: "2026-12-01", day: 2, minute: 19 * 60 });
    expect(available(host(), startsAt, startsAt + 2 * 3_600_000)).toBe(true);
    expect(available(host(), startsAt, startsAt + 5 * 3_600_000)).toBe(false); // past 23:00
    expect(available(host({ exceptions: [{ date: "2026-12-01" }] }), startsAt, startsAt + 3_600_000)).toBe(false);
    expect(available(host({ weekly: [], exceptions: [{ date: "2026-12-01", from: "12:00", to: "22:00" }] }), startsAt, startsAt + 3_600_000)).toBe(true);
  });
});

describe("the explainable score", () => {
  it("gives every point with its reason, in the DESIGN's words", () => {
    const s = score(gig(), host());
    expect(s.eligible).toBe(true);
    expect(s.score).toBe(s.reasons.reduce((n, r) => n + r.points, 0));
    expect(s.reasons).toEqual([
      { code: "certified", name: "食品带货主播（初级）", level: 1, points: 20 },
      { code: "category", category: "food", points: 10 },
      { code: "sessions", sessions: 12, points: 2 },
      { code: "same_city", city: "xuzhou", points: 15 },
      { code: "languages", points: 5 },
      { code: "available", points: 15 },
      { code: "within_budget", feeFen: 160_000, points: 10 },
      { code: "commission_ok", points: 5 },
      { code: "rating", tenths: 48, count: 12, points: 4 },
      { code: "show_up", percent: 100, points: 5 },
    ]);
  });

  it("leaves out hosts without the required certification active for the whole session, or without a required language", () => {
    expect(score(gig(), host({ certs: [] })).eligible).toBe(false);
    const expiresMidway = host({ certs: [{ ...host().certs[0], expiresAt: new Date(startsAt + 3_600_000).toISOString() } as HostFacts["certs"][number]] });
    expect(score(gig(), expiresMidway).eligible).toBe(false);
    expect(score(gig({ languages: ["cantonese"] }), host()).reasons).toContainEqual({ code: "missing_language", language: "cantonese", points: 0 });
    expect(score(gig({ languages: ["cantonese"] }), host()).eligible).toBe(false);
  });

  it("says by how much a host is over budget, and when the commission is below their minimum", () => {
    const s = score(gig({ budgetFen: 100_000, commissionBps: 500 }), host());
    expect(s.reasons).toContainEqual({ code: "over_budget", feeFen: 160_000, overFen: 60_000, points: 0 });
    expect(s.reasons).toContainEqual({ code: "commission_low", minBps: 1000, points: 0 });
  });

  it("stays within 0–100 and never ranks a host lower for being better on one factor", () => {
    const arbHost = fc.record({
      sessions: fc.nat(200),
      ratingCount: fc.nat(200),
      stars: fc.integer({ min: 1, max: 5 }),
      fee: fc.nat(500_000),
      sameCity: fc.boolean(),
    });
    fc.assert(
      fc.property(arbHost, fc.nat(400_000), ({ sessions, ratingCount, stars, fee, sameCity }, budget) => {
        const h = host({ sessions, noShows: 0, ratingCount, ratingSum: stars * ratingCount, slotFeePerHourFen: fee, city: sameCity ? "xuzhou" : "nanjing" });
        const s = score(gig({ budgetFen: budget }), h);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100);
        // cheaper, local and more experienced never score lower
        expect(score(gig({ budgetFen: budget }), { ...h, slotFeePerHourFen: Math.floor(fee / 2) }).score).toBeGreaterThanOrEqual(s.score);
        expect(score(gig({ budgetFen: budget }), { ...h, city: "xuzhou" }).score).toBeGreaterThanOrEqual(s.score);
        expect(score(gig({ budgetFen: budget }), { ...h, sessions: sessions + 10 }).score).toBeGreaterThanOrEqual(s.score);
      }),
    );
  });

  it("orders the index by standing: certification level, then rating, show-ups and experience", () => {
    const better = standing(host({ certs: [{ ...host().certs[0], level: 2 } as HostFacts["certs"][number]] }));
    expect(better).toBeGreaterThan(standing(host()));
    expect(standing(host())).toBeGreaterThan(standing(host({ ratingSum: 36, ratingCount: 12 })));
    expect(standing(host({ sessions: 10, noShows: 5 }))).toBeLessThan(standing(host({ sessions: 10, noShows: 0 })));
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(5), (s, r, l) => {
        const v = standing({
          certs: l ? [{ ...host().certs[0], level: l } as HostFacts["certs"][number]] : [],
          ratingSum: r * 5,
          ratingCount: r,
          sessions: s,
          noShows: 0,
        });
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(999_999);
      }),
    );
  });

  it("prices sessions in whole fen and ratings in tenths, integers only", () => {
    expect(slotFee(80_000, 120)).toBe(160_000);
    expect(slotFee(10_001, 45)).toBe(7501);
    expect(ratingTenths(58, 12)).toBe(48);
    expect(ratingTenths(0, 0)).toBe(0);
  });
});
