import { describe, expect, it } from "vitest";
import { applyTerms, checkTerms, inviteTerms, offerTurn, termsDraft, toTerms } from "./terms";

const gig = { budgetFen: 200_000, commissionBps: 1500, minutes: 120 };

describe("offer terms", () => {
  it("offers a candidate their fee for the session, capped at the budget, at the gig's commission", () => {
    expect(inviteTerms(gig, { slotFeePerHourFen: 80_000, minCommissionBps: 1000 })).toEqual({ slotFeeFen: 160_000, commissionBps: 1500, tiers: [] });
    expect(inviteTerms(gig, { slotFeePerHourFen: 150_000, minCommissionBps: 2000 }).slotFeeFen).toBe(200_000);
  });

  it("lets a host ask their own fee and at least their minimum commission", () => {
    expect(applyTerms(gig, { slotFeePerHourFen: 120_000, minCommissionBps: 2000 })).toEqual({ slotFeeFen: 240_000, commissionBps: 2000, tiers: [] });
    expect(applyTerms(gig, { slotFeePerHourFen: 50_000, minCommissionBps: 1000 }).commissionBps).toBe(1500);
    expect(applyTerms(gig, null)).toEqual({ slotFeeFen: 200_000, commissionBps: 1500, tiers: [] });
  });

  it("round-trips terms through the form", () => {
    const terms = { slotFeeFen: 160_050, commissionBps: 1250, tiers: [{ aboveFen: 1_000_000, commissionBps: 1800 }] };
    expect(termsDraft(terms)).toEqual({ slotFee: "1600.50", commission: "12.5", tiers: [{ above: "10000", commission: "18" }] });
    expect(toTerms(termsDraft(terms))).toEqual(terms);
  });

  it("reports problems at the API's field paths", () => {
    expect(checkTerms({ slotFee: "1600", commission: "15", tiers: [] })).toEqual({});
    expect(checkTerms({ slotFee: "-1", commission: "120", tiers: [] })).toEqual({
      "terms.slotFeeFen": "market.check.yuan",
      "terms.commissionBps": "market.check.percentMax",
    });
    expect(
      checkTerms({
        slotFee: "0",
        commission: "10",
        tiers: [
          { above: "5000", commission: "12" },
          { above: "5000", commission: "x" },
        ],
      }),
    ).toEqual({ "terms.tiers.1.aboveFen": "market.check.tiersUp", "terms.tiers.1.commissionBps": "market.check.percent" });
  });

  it("knows whose move an offer waits for", () => {
    expect(offerTurn({ status: "open", termsBy: "brand" }, "host")).toBe("yours");
    expect(offerTurn({ status: "open", termsBy: "brand" }, "brand")).toBe("theirs");
    expect(offerTurn({ status: "accepted", termsBy: "brand" }, "host")).toBe("closed");
  });
});
