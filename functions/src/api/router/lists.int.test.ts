import type { Actor } from "@zhubo/core/actor";
import { Catalogue } from "@zhubo/core/catalogue";
import { Cohort } from "@zhubo/core/cohort";
import { Course } from "@zhubo/core/course";
import type { VisibleError } from "@zhubo/core/error";
import { Market } from "@zhubo/core/market";
import { Membership } from "@zhubo/core/membership";
import { Page } from "@zhubo/core/page";
import { Person } from "@zhubo/core/person";
import { beforeAll, describe, expect, it } from "vitest";
import { actorOf, as, cohortInput, courseInput, openCohort, org, signUp, uniqueEmail } from "../../../../packages/core/test/factory.js";
import { appRouter } from "./index.js";
import { caller, failure } from "./testing.js";

/**
 * Every list takes the one sealed cursor (Page): whatever else is handed in as `cursor` — garbage,
 * a raw ElectroDB cursor naming some partition's keys, a real cursor of another list or of another
 * agency's copy of the same list — is a per-field BAD_REQUEST, never a 500 and never a page of
 * somebody else's partition. The procedures are found from the router, so a new list can't be
 * left out.
 */

interface Def {
  lazy: Record<string, { load(): Promise<unknown> }>;
  procedures: Record<string, { _def: { inputs: unknown[] } }>;
}

/** Each procedure of the app whose input takes a `cursor`, with the schema it takes it with. */
async function cursorProcedures(): Promise<Map<string, unknown>> {
  const def = (appRouter as unknown as { _def: Def })._def;
  await Promise.all(Object.values(def.lazy).map((l) => l.load()));
  const found = new Map<string, unknown>();
  for (const [path, procedure] of Object.entries(def.procedures)) {
    for (const input of procedure._def.inputs) {
      const shape = (input as { _zod?: { def?: { shape?: Record<string, unknown> } } })._zod?.def?.shape;
      if (shape && "cursor" in shape) found.set(path, shape.cursor);
    }
  }
  return found;
}

type Call = { actor?: Actor.Info; input: Record<string, unknown> };
type PageOut = { items: unknown[]; cursor: string | null };

function call(path: string, { actor, input }: Call, cursor?: string | null): Promise<PageOut> {
  const [namespace, verb] = path.split(".") as [string, string];
  const api = caller(actor) as unknown as Record<string, Record<string, (input: unknown) => Promise<PageOut>>>;
  return (api[namespace] as Record<string, (input: unknown) => Promise<PageOut>>)[verb]?.({
    ...input,
    ...(cursor === undefined ? {} : { cursor }),
  }) as Promise<PageOut>;
}

/** Follows a list's cursors to its end; returns every page. */
async function pages(path: string, c: Call): Promise<PageOut[]> {
  const out: PageOut[] = [];
  let cursor: string | null = null;
  do {
    const page: PageOut = await call(path, c, cursor);
    out.push(page);
    cursor = page.cursor;
  } while (cursor && out.length < 20);
  return out;
}

const idsOf = (all: PageOut[], key: string) =>
  all.flatMap((p) => p.items.map((i) => (i as Record<string, string>)[key] ?? ((i as Record<string, Record<string, string>>).cohort?.[key] as string)));

const MANY = 51;
let calls: Record<string, Call>;
let a: Awaited<ReturnType<typeof openCohort>>;
let b: Awaited<ReturnType<typeof org>>;
let teacher: Actor.PersonActor;
let gigID: string;

beforeAll(async () => {
  a = await openCohort();
  b = await org("agency", "南京带货学院");
  const brand = await org("brand", "徐州老城牛肉月饼");
  const learner = await signUp("学员");
  // More than a page of A's courses (all published) and of cohorts of its course, starting in 2027.
  const courses = await as(a.admin.actor, () => Promise.all(Array.from({ length: MANY }, () => Course.create(courseInput(a.org.orgID)))));
  await as(a.admin.actor, () => Promise.all(courses.map((c) => Catalogue.publish({ courseID: c.courseID }))));
  // A's admin also teaches at B: the teaching timetable merges two agencies' pages.
  await Membership.grant({ personID: a.admin.personID, orgID: b.org.orgID, kind: "agency", role: "instructor", displayName: "双校老师" });
  teacher = actorOf({ personID: a.admin.personID, memberships: await Membership.ofPerson(a.admin.personID) });
  const instructorIDs = [a.admin.personID];
  await as(a.admin.actor, () =>
    Promise.all(
      Array.from({ length: MANY }, (_, i) =>
        Cohort.create(cohortInput(a.course.courseID, { title: `二〇二七春季${i + 1}班`, startDate: "2027-03-01", endDate: "2027-04-30", instructorIDs })),
      ),
    ),
  );
  const bCourse = await as(b.admin.actor, () => Course.create(courseInput(b.org.orgID)));
  await as(b.admin.actor, () =>
    Promise.all([1, 2].map(() => Cohort.create(cohortInput(bCourse.courseID, { startDate: "2027-03-01", endDate: "2027-04-30", instructorIDs })))),
  );
  // More than a page (20) of candidates for one gig.
  const hosts = await Promise.all(
    Array.from({ length: 25 }, async (_, i) => {
      const p = await Person.create({
        login: { kind: "email", value: uniqueEmail("host") },
        displayName: `徐州主播${i + 1}`,
        passwordHash: "-",
        verified: true,
      });
      return actorOf({ personID: p.personID, memberships: [] });
    }),
  );
  const everyDay = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: "09:00", to: "23:00" }));
  const card = { city: "xuzhou" as const, categories: ["food" as const], languages: ["mandarin" as const], slotFeePerHourFen: 80_000, minCommissionBps: 1000 };
  await Promise.all(hosts.map((h) => as(h, () => Market.saveCard({ ...card, weekly: everyDay, exceptions: [], clips: [], version: 0 }))));
  const soon = new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
  const gig = await as(brand.admin.actor, () =>
    Market.create({
      brandID: brand.org.orgID,
      title: "牛肉月饼中秋专场",
      products: [{ name: "牛肉月饼礼盒", priceFen: 12_800 }],
      category: "food",
      mode: "onsite",
      city: "xuzhou",
      venue: "徐州彭城广场直播间",
      date: soon,
      startTime: "19:00",
      minutes: 120,
      requiredCertifications: [],
      languages: ["mandarin"],
      budgetFen: 200_000,
      commissionBps: 1500,
    }),
  );
  gigID = gig.gigID;

  const admin = a.admin.actor;
  const agencyID = a.org.orgID;
  calls = {
    "org.listByStatus": { actor: a.ops.actor, input: { kind: "agency", status: "active" } },
    "org.members": { actor: admin, input: { orgID: agencyID } },
    "org.invitations": { actor: admin, input: { orgID: agencyID } },
    "course.listByAgency": { actor: admin, input: { agencyID } },
    "course.browse": { input: {} },
    "cohort.listByCourse": { actor: admin, input: { courseID: a.course.courseID } },
    "cohort.listByAgency": { actor: admin, input: { agencyID } },
    "cohort.browse": { input: { from: "2027-01-01" } },
    "cohort.teaching": { actor: teacher, input: {} },
    "cohort.roster": { actor: admin, input: { cohortID: a.cohort.cohortID } },
    "enrolment.mine": { actor: learner.actor, input: {} },
    "practice.mine": { actor: learner.actor, input: {} },
    "practice.sessions": { actor: admin, input: { cohortID: a.cohort.cohortID } },
    "certification.listByStatus": { input: { status: "approved" } },
    "certification.listByOwner": { actor: admin, input: { ownerID: agencyID } },
    "market.gigsOfBrand": { actor: brand.admin.actor, input: { brandID: brand.org.orgID, status: "open" } },
    "market.candidates": { actor: brand.admin.actor, input: { gigID } },
    "market.myOffers": { actor: learner.actor, input: {} },
    "market.bookings": { actor: learner.actor, input: { from: "2026-12-01" } },
    "ops.deadLetters": { actor: a.ops.actor, input: {} },
    "wallet.movements": { actor: brand.admin.actor, input: { brandID: brand.org.orgID } },
    "earnings.mine": { actor: learner.actor, input: {} },
    "earnings.ofAgency": { actor: admin, input: { agencyID } },
    "earnings.movements": { actor: learner.actor, input: {} },
    "payout.mine": { actor: learner.actor, input: { payeeID: (learner.actor as { personID: string }).personID } },
    "payout.runs": { actor: a.ops.actor, input: {} },
    "notification.list": { actor: learner.actor, input: {} },
    "payout.payouts": { actor: a.ops.actor, input: { runID: "prn_01M8SG42JJ692K7QXBCZ60XNE2" } },
  };
}, 180_000);

async function expectRefused(path: string, c: Call, cursor: string) {
  const error = await failure(call(path, c, cursor));
  expect(error.code, `${path} with ${cursor.slice(0, 24)}…`).toBe("BAD_REQUEST");
  expect(error.fields, path).toEqual({ cursor: "Not a cursor of this list" });
  expect((error.cause as VisibleError).code, path).toBe("page.cursor_invalid");
}

describe("list cursors", () => {
  it("the router's procedures that take a cursor are exactly the lists below, and all take the one Page.cursor", async () => {
    const found = await cursorProcedures();
    expect([...found.keys()].sort()).toEqual(Object.keys(calls).sort());
    for (const [path, schema] of found) expect(schema, path).toBe(Page.cursor);
  });

  it("every list refuses garbage, a raw ElectroDB cursor and a real cursor of another list as a BAD_REQUEST on `cursor`", async () => {
    const agencyCourses = await call("course.listByAgency", calls["course.listByAgency"] as Call);
    const agencyCohorts = await call("cohort.listByAgency", calls["cohort.listByAgency"] as Call);
    expect(agencyCourses.cursor).toEqual(expect.any(String));
    expect(agencyCohorts.cursor).toEqual(expect.any(String));
    // what an attacker would craft: ElectroDB's own format, naming another agency's partition
    const raw = Buffer.from(
      JSON.stringify({ pk: `$zhubo#courseid_x`, sk: "$course_1", gsi1pk: `$zhubo#agencyid_${b.org.orgID}`, gsi1sk: "$course_1#courseid_x" }),
    ).toString("base64url");
    for (const [path, c] of Object.entries(calls)) {
      // the call itself is allowed: only the cursor is wrong
      await expect(call(path, c), path).resolves.toHaveProperty("items");
      const foreign = path === "course.listByAgency" ? (agencyCohorts.cursor as string) : (agencyCourses.cursor as string);
      for (const cursor of ["garbage", raw, foreign, `${foreign}A`, foreign.slice(0, -2)]) await expectRefused(path, c, cursor);
    }
  });

  it("a cursor of one partition is refused by the same list of another: another agency, another start date, another category", async () => {
    const mine = await call("course.listByAgency", calls["course.listByAgency"] as Call);
    await expectRefused("course.listByAgency", { actor: b.admin.actor, input: { agencyID: b.org.orgID } }, mine.cursor as string);
    const from2027 = await call("cohort.browse", calls["cohort.browse"] as Call);
    await expectRefused("cohort.browse", { input: { from: "2027-02-01" } }, from2027.cursor as string);
    const catalogue = await call("course.browse", { input: {} });
    await expectRefused("course.browse", { input: { category: "beauty" } }, catalogue.cursor as string);
  });

  it("pages on through the returned cursor: every item once, then a null cursor", async () => {
    const courses = await pages("course.listByAgency", calls["course.listByAgency"] as Call);
    expect(courses.length).toBeGreaterThan(1);
    expect(new Set(idsOf(courses, "courseID")).size).toBe(MANY + 1);
    expect(idsOf(courses, "courseID")).toHaveLength(MANY + 1);

    const catalogue = await pages("course.browse", { input: {} });
    expect(new Set(idsOf(catalogue, "courseID")).size).toBe(MANY + 1);

    const upcoming = await pages("cohort.browse", calls["cohort.browse"] as Call);
    expect(upcoming.length).toBeGreaterThan(1);
    expect(new Set(idsOf(upcoming, "cohortID")).size).toBe(MANY);

    const candidates = await pages("market.candidates", calls["market.candidates"] as Call);
    expect(candidates.length).toBeGreaterThan(1);
    expect(idsOf(candidates, "hostID")).toHaveLength(25);
    expect(new Set(idsOf(candidates, "hostID")).size).toBe(25);
  });

  it("the teaching timetable pages through two agencies at once with one cursor", async () => {
    const all = await pages("cohort.teaching", { actor: teacher, input: {} });
    expect(all.length).toBeGreaterThan(1);
    expect(all[0]?.cursor).toEqual(expect.any(String));
    const ids = idsOf(all, "cohortID");
    expect(ids).toHaveLength(MANY + 2);
    expect(new Set(ids).size).toBe(MANY + 2);
    // the cursor is the teacher's: another instructor of the same agencies can't use it
    const other = actorOf({ personID: b.admin.personID, memberships: teacher.memberships });
    await expectRefused("cohort.teaching", { actor: other, input: {} }, all[0]?.cursor as string);
  });
});
