import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Calendar } from "../calendar/index.js";
import { Clock } from "../clock/index.js";
import { Course } from "../course/index.js";
import { conflict, isConditionFailure, notFound } from "../error/index.js";
import { fn, invalid } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Membership } from "../membership/index.js";
import { Org } from "../org/index.js";
import { Page } from "../page/index.js";
import { Person } from "../person/index.js";
import { Tenant } from "../tenant/index.js";
import { Text } from "../text/index.js";
import { cohortEntity } from "./entity.js";

export * as Cohort from "./index.js";

export const MAX_CAPACITY = 500;
const PAGE = 50;

export interface Instructor {
  personID: string;
  displayName: string;
}

export interface LiveClass {
  classID: string;
  title: string;
  startsAt: string;
  minutes: number;
}

export interface Info {
  cohortID: string;
  courseID: string;
  agencyID: string;
  category: string;
  title: string;
  startDate: string;
  endDate: string;
  capacity: number;
  enrolled: number;
  waitSeq: number;
  city?: string;
  online: boolean;
  instructorIDs: string[];
  /** Copied at creation so a learner's cohort page and lists need no extra reads. */
  instructors: Instructor[];
  courseTitle: string;
  agencyName: string;
  schedule: LiveClass[];
  status: "scheduled" | "deferred" | "cancelled";
  statusReason?: string;
  listing: "open" | "hidden";
  createdAt: string;
}

export const cohortID = Id.schema("cohort", "cohort");
const courseID = Id.schema("course", "course");
const cursor = Page.cursor;
const day = Calendar.Day;
const personID = Id.schema("person", "person");
const reason = Text.prose({ min: 2, short: "Tell learners why", max: 500 });

const LiveClassSchema = z.object({
  classID: z.optional(Id.schema("class", "liveClass")),
  title: Text.line({ min: 1, short: "Enter a title", max: 120 }),
  startsAt: Calendar.Instant,
  minutes: z.int().check(z.minimum(15, "At least 15 minutes"), z.maximum(600, "At most 600 minutes")),
});

export const CreateSchema = z.object({
  courseID,
  title: Text.line({ min: 2, max: 120 }),
  startDate: day,
  endDate: day,
  capacity: z.int().check(z.minimum(1, "At least 1 seat"), z.maximum(MAX_CAPACITY, `At most ${MAX_CAPACITY} seats`)),
  city: z.optional(z.enum(Person.cities)),
  online: z.boolean(),
  instructorIDs: z.optional(z.array(personID).check(z.maxLength(10, "At most 10 instructors"))),
  schedule: z.optional(z.array(LiveClassSchema).check(z.maxLength(120, "At most 120 live classes"))),
});

async function read(id: string): Promise<Info | undefined> {
  const found = await (await cohortEntity()).get({ cohortID: id }).go();
  return (found.data as Info | null) ?? undefined;
}

/** Listed cohorts are for everyone to find; others only for their agency (and ops). */
const visible = (c: Info): Tenant.Ref => (c.listing === "open" ? { kind: "public" } : { kind: "agency", id: c.agencyID });

/** Per-field checks that need more than one field; nothing is written when any fails. */
function checkDates(input: { startDate: string; endDate: string; online: boolean; city?: string; schedule?: z.output<typeof LiveClassSchema>[] }) {
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (input.endDate < input.startDate) issues.push({ path: ["endDate"], message: "Ends before it starts" });
  if (!input.online && !input.city) issues.push({ path: ["city"], message: "Choose a city or make it online" });
  const first = Date.parse(`${input.startDate}T00:00:00+08:00`);
  const last = Date.parse(`${input.endDate}T23:59:59+08:00`);
  (input.schedule ?? []).forEach((c, i) => {
    const t = Date.parse(c.startsAt);
    if (Number.isNaN(t) || t < first || t > last)
      issues.push({ path: ["schedule", i, "startsAt"], message: "Must fall between the cohort's start and end dates" });
  });
  if (issues.length) throw invalid(issues);
}

/** Instructors must belong to the cohort's agency as instructors or admins; returns their names for learners to see. */
async function checkInstructors(agencyID: string, ids: string[]): Promise<Instructor[]> {
  const found = await Promise.all(ids.map((id) => Membership.of(id, agencyID)));
  const issues = ids.flatMap((_, i) =>
    found[i]?.role === "instructor" || found[i]?.role === "admin" ? [] : [{ path: ["instructorIDs", i], message: "Not an instructor of this agency" }],
  );
  if (issues.length) throw invalid(issues);
  return found.map((m, i) => ({ personID: ids[i] as string, displayName: m?.displayName ?? "" }));
}

export const create = fn(CreateSchema, async (input) => {
  checkDates(input);
  const course = await Course.administered(input.courseID);
  const instructorIDs = [...new Set(input.instructorIDs ?? [])];
  const [instructors, agency] = await Promise.all([checkInstructors(course.agencyID, instructorIDs), Org.get({ orgID: course.agencyID })]);
  const item: Info = {
    ...input,
    instructorIDs,
    instructors,
    courseTitle: course.title,
    agencyName: agency.name,
    schedule: (input.schedule ?? [])
      .map((c) => ({ ...c, classID: c.classID ?? Id.create("liveClass") }))
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt)),
    cohortID: Id.create("cohort"),
    agencyID: course.agencyID,
    category: course.category,
    enrolled: 0,
    waitSeq: 0,
    status: "scheduled",
    listing: course.status === "published" ? "open" : "hidden",
    createdAt: Clock.iso(),
  };
  await (await cohortEntity()).create(item).go();
  return item;
});

export const get = fn(z.object({ cohortID }), ({ cohortID }) => Tenant.load("cohort.not_found", () => read(cohortID), visible, { ops: true }));

export const listByCourse = fn(z.object({ courseID, cursor }), async ({ courseID, cursor }) => {
  await Course.get({ courseID });
  const q = Page.query("cohort.listByCourse", courseID);
  const page = await (await cohortEntity()).query.cohortsOfCourse({ courseID }).go({ cursor: Page.open(q, cursor), limit: PAGE });
  const items = page.data as Info[];
  return { items: items.filter((c) => Tenant.canSee(visible(c), { ops: true })), cursor: Page.seal(q, page.cursor) };
});

/**
 * Upcoming cohorts from a start date on (today by default). The key condition bounds the page
 * to listed cohorts starting on or after `from`; category, city and online only trim it.
 */
export const browse = fn(
  z.object({
    from: z.optional(day),
    category: z.optional(z.enum(Org.categories)),
    city: z.optional(z.enum(Person.cities)),
    online: z.optional(z.boolean()),
    cursor,
  }),
  async ({ from, category, city, online, cursor }) => {
    const start = from ?? Clock.iso().slice(0, 10);
    // `start` is part of the query: a cursor from another start would begin outside its key range.
    const q = Page.query("cohort.browse", start, category, city, online);
    const page = await (await cohortEntity()).query
      .upcoming({ listing: "open" })
      .gte({ startDate: start })
      .where((a, op) =>
        [category ? op.eq(a.category, category as string) : "", city ? op.eq(a.city, city as string) : "", online === undefined ? "" : op.eq(a.online, online)]
          .filter(Boolean)
          .join(" AND "),
      )
      .go({ cursor: Page.open(q, cursor), limit: PAGE });
    return { items: page.data as Info[], cursor: Page.seal(q, page.cursor) };
  },
);

/** The cohorts an instructor teaches: their agencies' timetables, trimmed to the ones naming them. */
export const teaching = fn(z.object({ cursor }), async ({ cursor }) => {
  const actor = Actor.person();
  const agencies = [
    ...new Set(actor.memberships.filter((m) => m.kind === "agency" && (m.role === "instructor" || m.role === "admin")).map((m) => m.orgID)),
  ].sort();
  // Each agency's timetable pages on its own; the one cursor carries where each unfinished one is.
  const q = Page.query("cohort.teaching", actor.personID, ...agencies);
  const opened = Page.open(q, cursor);
  const positions = opened ? (JSON.parse(opened) as Record<string, string>) : Object.fromEntries(agencies.map((a) => [a, null]));
  const entity = await cohortEntity();
  const pages = await Promise.all(
    Object.entries(positions).map(async ([agencyID, position]) => ({
      agencyID,
      page: await entity.query
        .cohortsOfAgency({ agencyID })
        .where((a, op) => op.contains(a.instructorIDs, actor.personID))
        .go({ cursor: position, limit: PAGE }),
    })),
  );
  const next = Object.fromEntries(pages.flatMap(({ agencyID, page }) => (page.cursor ? [[agencyID, page.cursor]] : [])));
  return { items: pages.flatMap((p) => p.page.data as Info[]), cursor: Object.keys(next).length > 0 ? Page.seal(q, JSON.stringify(next)) : null };
});

export const listByAgency = fn(z.object({ agencyID: Id.schema("agency", "agency"), cursor }), async ({ agencyID, cursor }) => {
  Tenant.assert("agency.not_found", { kind: "agency", id: agencyID }, { ops: true });
  const q = Page.query("cohort.listByAgency", agencyID);
  const page = await (await cohortEntity()).query.cohortsOfAgency({ agencyID }).go({ cursor: Page.open(q, cursor), limit: PAGE });
  return { items: page.data as Info[], cursor: Page.seal(q, page.cursor) };
});

async function administered(id: string): Promise<Info> {
  Actor.person();
  return Tenant.load(
    "cohort.not_found",
    () => read(id),
    (c) => ({ kind: "agency", id: c.agencyID }),
    { roles: ["admin"] },
  );
}

/** Cancelling takes the cohort out of the catalogue; enrolled learners see the reason on their page. */
export const cancel = fn(z.object({ cohortID, reason }), async ({ cohortID, reason }) => {
  const cohort = await administered(cohortID);
  if (cohort.status === "cancelled") throw conflict("cohort.cancelled", "This cohort is already cancelled");
  await (await cohortEntity()).patch({ cohortID }).set({ status: "cancelled", statusReason: reason, listing: "hidden" }).go();
  return { ...cohort, status: "cancelled" as const, statusReason: reason, listing: "hidden" as const };
});

/** Deferring moves the dates (and keeps every seat and waitlist place). */
export const defer = fn(z.object({ cohortID, startDate: day, endDate: day, reason }), async ({ cohortID, startDate, endDate, reason }) => {
  const cohort = await administered(cohortID);
  checkDates({ ...cohort, startDate, endDate, schedule: [] });
  if (cohort.status === "cancelled") throw conflict("cohort.cancelled", "A cancelled cohort can't be deferred");
  try {
    await (await cohortEntity())
      .patch({ cohortID })
      .set({ status: "deferred", statusReason: reason, startDate, endDate })
      .where((a, op) => op.ne(a.status, "cancelled"))
      .go();
  } catch (e) {
    if (isConditionFailure(e)) throw conflict("cohort.cancelled", "A cancelled cohort can't be deferred");
    throw e;
  }
  return { ...cohort, status: "deferred" as const, statusReason: reason, startDate, endDate };
});

/** Lists or hides every live cohort of a course (its course was published or unpublished). */
export async function relist(courseID: string, listing: Info["listing"]): Promise<number> {
  const entity = await cohortEntity();
  const all = await entity.query.cohortsOfCourse({ courseID }).go({ pages: "all" });
  const changed = (all.data as Info[]).filter((c) => c.status !== "cancelled" && c.listing !== listing);
  await Promise.all(changed.map((c) => entity.patch({ cohortID: c.cohortID }).set({ listing }).go()));
  return changed.length;
}

/** Keeps the copied course title in step when the course is renamed. */
export async function retitle(courseID: string, courseTitle: string): Promise<void> {
  const entity = await cohortEntity();
  const all = await entity.query.cohortsOfCourse({ courseID }).go({ pages: "all" });
  await Promise.all(
    (all.data as Info[]).filter((c) => c.courseTitle !== courseTitle).map((c) => entity.patch({ cohortID: c.cohortID }).set({ courseTitle }).go()),
  );
}

/** The cohort, when the actor teaches it (its instructors, the agency's admins, ops); NOT_FOUND otherwise. */
export async function taught(id: string): Promise<Info> {
  const actor = Actor.person();
  const cohort = await Tenant.load(
    "cohort.not_found",
    () => read(id),
    (c) => ({ kind: "agency", id: c.agencyID }),
    { ops: true },
  );
  const teaches = cohort.instructorIDs.includes(actor.personID) || Actor.roleIn(cohort.agencyID) === "admin" || Actor.isOps();
  if (!teaches) throw notFound("cohort.not_found");
  return cohort;
}

/** For the enrolment module, which checks access itself. */
export const load = read;
export { cohortEntity as entity };
