import { describe, expect, it } from "vitest";
import { type CardDraft, checkCard, emptyCard, nextWindow, toCardInput } from "./card-draft";
import { checkGig, emptyGig, type GigDraft, toGigFields } from "./gig-draft";

const card = (over: Partial<CardDraft> = {}): CardDraft => ({
  ...emptyCard("xuzhou"),
  categories: ["food"],
  slotFee: "800",
  minCommission: "10",
  weekly: [{ day: 1, from: "19:00", to: "22:00" }],
  ...over,
});

describe("the host card draft", () => {
  it("sends fen and basis points read from what was typed, windows in the order shown", () => {
    const input = toCardInput(
      card({
        headline: "  徐州本地美食主播 ",
        weekly: [
          { day: 3, from: "19:00", to: "22:00" },
          { day: 1, from: "09:00", to: "12:00" },
        ],
        exceptions: [
          { date: "2026-10-01", off: true, from: "", to: "" },
          { date: "2026-10-02", off: false, from: "14:00", to: "18:00" },
        ],
      }),
      3,
    );
    expect(input).toMatchObject({ city: "xuzhou", headline: "徐州本地美食主播", slotFeePerHourFen: 80_000, minCommissionBps: 1000, version: 3 });
    expect(input.weekly.map((w) => w.day)).toEqual([3, 1]);
    expect(input.exceptions).toEqual([{ date: "2026-10-01" }, { date: "2026-10-02", from: "14:00", to: "18:00" }]);
    expect("headline" in toCardInput(card(), 0)).toBe(false);
  });

  it("reports problems at the API's paths: bad money, windows that end first or overlap, a day listed twice", () => {
    expect(checkCard(card())).toEqual({});
    expect(
      checkCard(
        card({
          categories: [],
          slotFee: "8百",
          minCommission: "101",
          weekly: [
            { day: 2, from: "19:00", to: "18:00" },
            { day: 5, from: "18:00", to: "21:00" },
            { day: 5, from: "20:00", to: "22:00" },
          ],
          exceptions: [
            { date: "2026-10-01", off: true, from: "", to: "" },
            { date: "2026-10-01", off: false, from: "", to: "12:00" },
          ],
        }),
      ),
    ).toEqual({
      categories: "market.check.categories",
      slotFeePerHourFen: "market.check.yuan",
      minCommissionBps: "market.check.percentMax",
      "weekly.0.to": "fieldHint.weekly.to",
      "weekly.2.from": "fieldHint.weekly",
      "exceptions.1.date": "market.check.sameDate",
      "exceptions.1.from": "market.check.time",
    });
  });

  it("keeps categories × languages within the 21 listings the API allows", () => {
    const all = card({ categories: ["food", "fresh_produce", "apparel", "beauty", "home", "electronics", "local_speciality"] });
    expect(checkCard({ ...all, languages: ["mandarin", "wu", "english"] })).toEqual({});
    expect(checkCard({ ...all, languages: ["mandarin", "wu", "english", "cantonese"] })).toEqual({ languages: "market.check.combinations" });
  });

  it("suggests the evening for a day's first window and the hours after its last for the next", () => {
    expect(nextWindow([], 4)).toEqual({ day: 4, from: "19:00", to: "22:00" });
    expect(nextWindow([{ day: 4, from: "09:00", to: "12:00" }], 4)).toEqual({ day: 4, from: "12:00", to: "15:00" });
    expect(nextWindow([{ day: 4, from: "21:00", to: "23:30" }], 4)).toEqual({ day: 4, from: "09:00", to: "12:00" });
  });
});

describe("the gig draft", () => {
  const gig = (over: Partial<GigDraft> = {}): GigDraft => ({
    ...emptyGig("2026-05-01", { city: "xuzhou", category: "local_speciality" }),
    title: "牛肉月饼中秋专场",
    products: [{ name: "牛肉月饼 6 枚装", price: "68" }],
    venue: "徐州市云龙区老城直播间",
    budget: "2000",
    commission: "15",
    ...over,
  });

  it("starts a week ahead at 19:00 for two hours, in the brand's city and category", () => {
    expect(emptyGig("2026-05-01", { city: "xuzhou", category: "food" })).toMatchObject({
      date: "2026-05-08",
      startTime: "19:00",
      minutes: "120",
      mode: "onsite",
      city: "xuzhou",
      category: "food",
    });
  });

  it("sends integer money and leaves city and venue out of a remote gig", () => {
    expect(toGigFields(gig())).toMatchObject({
      budgetFen: 200_000,
      commissionBps: 1500,
      minutes: 120,
      products: [{ name: "牛肉月饼 6 枚装", priceFen: 6800 }],
    });
    const remote = toGigFields(gig({ mode: "remote" }));
    expect(["city" in remote, "venue" in remote]).toEqual([false, false]);
  });

  it("checks each field where the API would", () => {
    expect(checkGig(gig(), "2026-05-01")).toEqual({});
    expect(
      checkGig(
        gig({ venue: " ", minutes: "20", commission: "100.5", budget: "-1", date: "2026-04-30", products: [{ name: "", price: "1.234" }] }),
        "2026-05-01",
      ),
    ).toEqual({
      "products.0.name": "fieldHint.products.name",
      "products.0.priceFen": "market.check.yuan",
      venue: "fieldHint.venue",
      date: "fieldHint.date",
      minutes: "fieldHint.gigMinutes",
      budgetFen: "market.check.yuan",
      commissionBps: "market.check.percentMax",
    });
    expect(checkGig(gig({ mode: "remote", venue: "", city: "" }), "2026-05-01")).toEqual({});
  });
});
