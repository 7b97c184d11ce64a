import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { available, type Balance, deltas, type Leg, legProblem, type Normal, sumsToZero, ZERO } from "./rules.js";

const accounts = ["wallet", "host", "agency", "platform", "clearing"] as const;
const normals = new Map<string, Normal>([
  ["wallet", "credit"],
  ["host", "credit"],
  ["agency", "credit"],
  ["platform", "credit"],
  ["clearing", "debit"],
]);
const leg = fc
  .record({
    debit: fc.constantFrom(...accounts),
    credit: fc.constantFrom(...accounts),
    amount: fc.integer({ min: 1, max: 1e10 }),
    movement: fc.constantFrom("post" as const, "hold" as const, "post_pending" as const, "void_pending" as const),
  })
  .filter((l) => l.debit !== l.credit);

const apply = (b: Balance, d: Balance): Balance => ({
  debitsPosted: b.debitsPosted + d.debitsPosted,
  creditsPosted: b.creditsPosted + d.creditsPosted,
  debitsPending: b.debitsPending + d.debitsPending,
  creditsPending: b.creditsPending + d.creditsPending,
});

describe("ledger arithmetic", () => {
  it("every set of legs sums to zero, posted and pending, whatever the accounts and movements", () => {
    fc.assert(fc.property(fc.array(leg, { minLength: 1, maxLength: 30 }), (legs) => sumsToZero(deltas(legs as Leg[], normals).values())));
  });

  it("a delta's `available` is exactly the change of the account's available balance", () => {
    fc.assert(
      fc.property(fc.array(leg, { minLength: 1, maxLength: 10 }), (legs) => {
        for (const [account, d] of deltas(legs as Leg[], normals)) {
          const normal = normals.get(account) as Normal;
          expect(available(apply(ZERO, d), normal) - available(ZERO, normal)).toBe(d.available);
        }
      }),
    );
  });

  it("a hold then its post equals posting at once; a hold then its void changes nothing", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e10 }), (amount) => {
        const l = { debit: "wallet", credit: "host", amount };
        const once = deltas([{ ...l, movement: "post" }], normals);
        const twoPhase = deltas(
          [
            { ...l, movement: "hold" },
            { ...l, movement: "post_pending" },
          ],
          normals,
        );
        expect(twoPhase).toEqual(once);
        const voided = deltas(
          [
            { ...l, movement: "hold" },
            { ...l, movement: "void_pending" },
          ],
          normals,
        );
        for (const d of voided.values()) expect(d).toEqual({ ...ZERO, available: 0 });
      }),
    );
  });

  it("a hold takes from the payer's available at once and gives the payee nothing until posted", () => {
    const held = deltas([{ debit: "wallet", credit: "host", amount: 500, movement: "hold" }], normals);
    expect(held.get("wallet")?.available).toBe(-500);
    expect(held.get("host")?.available).toBe(0);
    const posted = deltas([{ debit: "wallet", credit: "host", amount: 500, movement: "post_pending" }], normals);
    expect(posted.get("wallet")?.available).toBe(0);
    expect(posted.get("host")?.available).toBe(500);
    // a debit-normal account (cash at the provider) grows on its debit side
    expect(deltas([{ debit: "clearing", credit: "wallet", amount: 100, movement: "post" }], normals).get("clearing")?.available).toBe(100);
  });

  it("refuses zero, negative, fractional and unsafe amounts, and a transfer to the same account", () => {
    for (const amount of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN]) expect(legProblem({ debit: "a", credit: "b", amount })).toBeDefined();
    expect(legProblem({ debit: "a", credit: "a", amount: 1 })).toBeDefined();
    expect(legProblem({ debit: "a", credit: "b", amount: 1 })).toBeUndefined();
  });
});
