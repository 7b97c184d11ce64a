import type { Actor } from "@zhubo/core/actor";
import { Enrolment } from "@zhubo/core/enrolment";
import { Person } from "@zhubo/core/person";
import { beforeAll, describe, expect, it } from "vitest";
import { actorOf, as, cohortInput, openCohort, org, signUp, uniqueEmail } from "../../../../packages/core/test/factory.js";
import { caller, failure } from "./testing.js";

/**
 * Every verb that takes a calendar date or a moment takes only real ones (Calendar.Day /
 * Calendar.Instant): JavaScript would roll 2027-02-30 over to 2027-03-02 and turn month 13 into a
 * 500. Each is refused on its own field, and nothing is written.
 */
const impossible = ["2027-02-30", "2026-02-29", "2100-02-29", "2026-13-01", "2027-99-99", "2026-04-31", "2026-00-10", "2026-1-1", "", "2026-12-01T00:00Z"];
const impossibleInstants = [
  ...impossible.filter((d) => d.length === 10).map((d) => `${d}T10:00:00Z`),
  "2026-12-01T24:00:00Z",
  "2026-12-01T10:00",
  "December 1, 2026",
];

const chinaDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const everyDay = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: "09:00", to: "23:00" }));

let c: Awaited<ReturnType<typeof openCohort>>;
let brand: Awaited<ReturnType<typeof org>>;
let learner: Actor.PersonActor;
let host: Actor.PersonActor;

function gigInput(patch: Record<string, unknown> = {}) {
  return {
    brandID: brand.org.orgID,
    title: "牛肉月饼中秋专场",
    products: [{ name: "牛肉月饼礼盒", priceFen: 12_800 }],
    category: "food" as const,
    mode: "onsite" as const,
    city: "xuzhou" as const,
    venue: "徐州彭城广场直播间",
    date: chinaDay(7),
    startTime: "19:00",
    minutes: 120,
    requiredCertifications: [] as string[],
    languages: ["mandarin" as const],
    budgetFen: 200_000,
    commissionBps: 1500,
    ...patch,
  };
}

const card = (exceptions: { date: string }[]) => ({
  city: "xuzhou" as const,
  categories: ["food" as const],
  languages: ["mandarin" as const],
  slotFeePerHourFen: 80_000,
  minCommissionBps: 1000,
  weekly: everyDay,
  exceptions,
  clips: [],
  version: 0,
});

beforeAll(async () => {
  c = await openCohort({ startDate: "2026-01-01", endDate: "2030-12-31" });
  brand = await org("brand", "徐州老城牛肉月饼");
  learner = (await signUp("学员")).actor;
  await as(learner, () => Enrolment.enrol({ cohortID: c.cohort.cohortID }));
  const p = await Person.create({ login: { kind: "email", value: uniqueEmail("host") }, displayName: "徐州主播", passwordHash: "-", verified: true });
  host = actorOf({ personID: p.personID, memberships: [] });
});

async function refusedOn(field: string, p: Promise<unknown>, label: string) {
  const error = await failure(p);
  expect(error.code, label).toBe("BAD_REQUEST");
  expect(Object.keys(error.fields), label).toEqual([field]);
}

describe("impossible calendar dates", () => {
  it("market: bookings from, a gig's date, a host card's exception — each refused on its field, nothing written", async () => {
    const asBrand = caller(brand.admin.actor);
    const gig = await asBrand.market.createGig(gigInput());
    for (const day of impossible) {
      await refusedOn("from", caller(host).market.bookings({ from: day }), `host bookings ${day}`);
      await refusedOn("from", asBrand.market.bookings({ brandID: brand.org.orgID, from: day }), `brand bookings ${day}`);
      await refusedOn("date", asBrand.market.createGig(gigInput({ date: day })), `createGig ${day}`);
      await refusedOn("date", asBrand.market.updateGig({ ...gigInput({ date: day }), gigID: gig.gigID, version: gig.version }), `updateGig ${day}`);
      await refusedOn("exceptions.0.date", caller(host).market.saveCard(card([{ date: day }])), `saveCard ${day}`);
    }
    expect((await asBrand.market.gigsOfBrand({ brandID: brand.org.orgID, status: "open" })).items.map((g) => g.gigID)).toEqual([gig.gigID]);
    expect(await asBrand.market.gig({ gigID: gig.gigID })).toMatchObject({ date: gig.date, version: gig.version });
    expect(await caller(host).market.myCard({})).toBeNull();
  });

  it("a leap day is a real date: a gig on 2028-02-29 is stored as that day, a card keeps it as an exception", async () => {
    const asBrand = caller(brand.admin.actor);
    const leap = await asBrand.market.createGig(gigInput({ date: "2028-02-29" }));
    expect((await asBrand.market.gig({ gigID: leap.gigID })).date).toBe("2028-02-29");
    expect(new Date(leap.startsAt).toISOString()).toBe("2028-02-29T11:00:00.000Z");
    await caller(host).market.saveCard(card([{ date: "2028-02-29" }]));
    expect((await caller(host).market.myCard({}))?.exceptions).toEqual([{ date: "2028-02-29" }]);
    expect((await caller(host).market.bookings({ from: "2028-02-29" })).items).toEqual([]);
    expect((await caller().cohort.browse({ from: "2028-02-29" })).items).toEqual([]);
  });

  it("training: a cohort's dates, its live classes' times, a deferral and the browse date — each refused on its field, nothing written", async () => {
    const asAdmin = caller(c.admin.actor);
    const before = (await asAdmin.cohort.listByCourse({ courseID: c.course.courseID })).items.length;
    for (const day of impossible) {
      await refusedOn("startDate", asAdmin.cohort.create(cohortInput(c.course.courseID, { startDate: day })), `create startDate ${day}`);
      await refusedOn("endDate", asAdmin.cohort.create(cohortInput(c.course.courseID, { endDate: day })), `create endDate ${day}`);
      await refusedOn(
        "startDate",
        asAdmin.cohort.defer({ cohortID: c.cohort.cohortID, startDate: day, endDate: "2030-12-31", reason: "讲师临时调整" }),
        `defer ${day}`,
      );
      await refusedOn("from", caller().cohort.browse({ from: day }), `browse ${day}`);
    }
    for (const at of impossibleInstants) {
      const schedule = [{ title: "开班仪式", startsAt: at, minutes: 60 }];
      await refusedOn("schedule.0.startsAt", asAdmin.cohort.create(cohortInput(c.course.courseID, { schedule })), `schedule ${at}`);
    }
    expect((await asAdmin.cohort.listByCourse({ courseID: c.course.courseID })).items).toHaveLength(before);
    expect(await asAdmin.cohort.get({ cohortID: c.cohort.cohortID })).toMatchObject({ startDate: "2026-01-01", endDate: "2030-12-31", status: "scheduled" });
  });

  it("practice: a slot's start must be a real moment, refused on startsAt with nothing booked", async () => {
    for (const at of impossibleInstants) {
      await refusedOn("startsAt", caller(learner).practice.book({ cohortID: c.cohort.cohortID, startsAt: at, minutes: 30 }), `book ${at}`);
    }
    expect((await caller(learner).practice.mine({})).items).toEqual([]);
  });
});
