import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { baseOf, type CommissionTerms, commissionOn, split } from "./commission.js";

const bps = fc.integer({ min: 0, max: 10_000 });
const terms: fc.Arbitrary<CommissionTerms> = fc
  .record({ commissionBps: bps, tiers: fc.array(fc.record({ aboveFen: fc.integer({ min: 1, max: 1e9 }), commissionBps: bps }), { maxLength: 5 }) })
  .map((t) => ({ ...t, tiers: [...new Map(t.tiers.map((x) => [x.aboveFen, x])).values()].sort((a, b) => a.aboveFen - b.aboveFen) }));
const gmv = fc.integer({ min: 0, max: 1e11 });

describe("commission", () => {
  it("never falls when GMV grows, whatever the tiers (marginal brackets)", () => {
    fc.assert(fc.property(terms, gmv, gmv, (t, a, b) => commissionOn(Math.min(a, b), t) <= commissionOn(Math.max(a, b), t)));
  });

  it("a refund never raises it: the base is paid minus refunded, never below zero", () => {
    fc.assert(
      fc.property(terms, gmv, gmv, gmv, (t, paid, refunded, more) => {
        const before = commissionOn(baseOf({ paidFen: paid, refundedFen: refunded }), t);
        const after = commissionOn(baseOf({ paidFen: paid, refundedFen: refunded + more }), t);
        expect(after).toBeLessThanOrEqual(before);
        expect(baseOf({ paidFen: paid, refundedFen: paid + more })).toBe(0);
      }),
    );
  });

  it("stays between the lowest and highest rate's share of GMV", () => {
    fc.assert(
      fc.property(terms, gmv, (t, g) => {
        const rates = [t.commissionBps, ...t.tiers.map((x) => x.commissionBps)];
        const c = commissionOn(g, t);
        expect(c).toBeGreaterThanOrEqual(Math.floor((g * Math.min(...rates)) / 10_000) - 1);
        expect(c).toBeLessThanOrEqual(Math.ceil((g * Math.max(...rates)) / 10_000) + 1);
      }),
    );
  });

  it("applies tiers to the slice above each threshold only", () => {
    const t = { commissionBps: 1000, tiers: [{ aboveFen: 100_000, commissionBps: 2000 }] };
    expect(commissionOn(100_000, t)).toBe(10_000);
    expect(commissionOn(150_000, t)).toBe(10_000 + 10_000);
    expect(commissionOn(0, t)).toBe(0);
    expect(commissionOn(12345, { commissionBps: 1500, tiers: [] })).toBe(1852);
  });
});

describe("the split", () => {
  it("sums exactly to the commission, with no part negative", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), bps, bps, (c, p, a) => {
        const s = split(c, { platformFeeBps: p, agencyShareBps: a });
        expect(s.host + s.agency + s.platform).toBe(c);
        expect(Math.min(s.host, s.agency, s.platform)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("gives each part at least as much when the commission grows (pending never goes negative)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (c, d, p, a) => {
          const r = { platformFeeBps: p, agencyShareBps: a };
          const [x, y] = [split(c, r), split(c + d, r)];
          return y.host >= x.host && y.agency >= x.agency && y.platform >= x.platform;
        },
      ),
    );
  });

  it("takes the platform fee first, then the agency's share of the rest", () => {
    expect(split(10_000, { platformFeeBps: 1000, agencyShareBps: 2000 })).toEqual({ platform: 1000, agency: 1800, host: 7200 });
    expect(split(1, { platformFeeBps: 1000, agencyShareBps: 0 })).toEqual({ platform: 0, agency: 0, host: 1 });
    expect(split(0, { platformFeeBps: 1000, agencyShareBps: 2000 })).toEqual({ platform: 0, agency: 0, host: 0 });
    expect(() => split(100, { platformFeeBps: 10_001, agencyShareBps: 0 })).toThrow();
  });
});
