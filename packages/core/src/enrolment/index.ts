import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { Cohort } from "../cohort/index.js";
import { Course } from "../course/index.js";
import { Dynamo } from "../dynamo/index.js";
import { conflict, isConditionFailure, notFound } from "../error/index.js";
import { Event } from "../event/index.js";
import { fn, invalid } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Page } from "../page/index.js";
import { Person } from "../person/index.js";
import { enrolmentEntity } from "./entity.js";
import { type Progress, summarise } from "./progress.js";

export * as Enrolment from "./index.js";

/**
 * A learner's evidence changed: a lesson done, practice credited, a review scored. Certification
 * reacts (functions/src/events/enrolment-evidence-changed.ts) and issues what is now earned.
 */
export const EvidenceChanged = Event.define(
  "enrolment.evidence_changed",
  1,
  z.object({ cohortID: z.string(), learnerID: z.string(), cause: z.enum(["lesson", "practice", "review"]) }),
);
export { BEHIND_MARGIN, expectedPercent, type Progress, percentDone, summarise } from "./progress.js";

export type Status = "enrolled" | "waitlisted" | "withdrawn";

export interface Info {
  cohortID: string;
  learnerID: string;
  learnerName: string;
  courseID: string;
  agencyID: string;
  startDate: string;
  status: Status;
  seq: number;
  courseVersion: number;
  requirement: Course.Requirement;
  lessonIDs: string[];
  rubric: { criterionID: string; name: string; weight: number }[];
  completedLessons?: string[];
  practiceMinutes: number;
  practiceSessions: number;
  lastPracticeAt?: string;
  latestScores?: Record<string, number>;
  joinedAt: string;
  updatedAt: string;
}

const cohortID = Cohort.cohortID;
const cursor = Page.cursor;
/** The seq of a waitlist place claimed but not yet numbered: after every ticket (the padding's largest). */
const UNNUMBERED = 999_999_999;
const PAGE = 50;

async function own(cohortID: string, learnerID: string): Promise<Info | undefined> {
  const found = await (await enrolmentEntity()).get({ cohortID, learnerID }).go();
  return (found.data as Info | null) ?? undefined;
}

/** Hands a freed seat to the head of the waitlist, seat by seat, until the cohort is full or nobody waits. */
export async function promote(id: string): Promise<number> {
  const enrolments = await enrolmentEntity();
  const cohorts = await Cohort.entity();
  let promoted = 0;
  for (;;) {
    const head = (await enrolments.query.queue({ cohortID: id, status: "waitlisted" }).go({ limit: 1 })).data[0];
    if (!head) return promoted;
    const rejected = await Dynamo.transact(cohorts, [
      Dynamo.commit(
        cohorts
          .patch({ cohortID: id })
          .add({ enrolled: 1 })
          .where((a, op) => `${op.name(a.enrolled)} < ${op.name(a.capacity)} AND ${op.ne(a.status, "cancelled")}`),
      ),
      Dynamo.commit(
        enrolments
          .patch({ cohortID: id, learnerID: head.learnerID })
          .set({ status: "enrolled", seq: head.seq, updatedAt: Clock.iso() })
          .where((a, op) => op.eq(a.status, "waitlisted")),
      ),
    ]);
    if (rejected === 0) return promoted;
    if (rejected === -1) promoted++;
  }
}

/**
 * Takes a seat when one is free (a conditional increment, atomic with the enrolment), else a
 * waitlist ticket in arrival order. The requirement and rubric are copied in as they are now.
 */
export const enrol = fn(z.object({ cohortID }), async ({ cohortID }) => {
  const actor = Actor.person();
  const cohort = await Cohort.get({ cohortID });
  if (cohort.status === "cancelled" || cohort.listing !== "open") throw conflict("cohort.not_open", "This cohort is not taking enrolments");
  const [course, me] = await Promise.all([Course.load(cohort.courseID), Person.me()]);
  if (!course) throw notFound("course.not_found");
  const now = Clock.iso();
  const base = {
    cohortID,
    learnerID: actor.personID,
    learnerName: me.displayName,
    courseID: course.courseID,
    agencyID: cohort.agencyID,
    startDate: cohort.startDate,
    courseVersion: course.version,
    requirement: course.requirement,
    lessonIDs: Course.lessonIDs(course.modules),
    rubric: course.rubric.map(({ criterionID, name, weight }) => ({ criterionID, name, weight })),
    practiceMinutes: 0,
    practiceSessions: 0,
    joinedAt: now,
    updatedAt: now,
  };
  const enrolments = await enrolmentEntity();
  const cohorts = await Cohort.entity();
  const fresh = (a: { status: string }, op: { notExists(x: unknown): string; eq(x: unknown, v: unknown): string }) =>
    `${op.notExists(a.status)} OR ${op.eq(a.status, "withdrawn")}`;
  const seat = await Dynamo.transact(cohorts, [
    Dynamo.commit(
      cohorts
        .patch({ cohortID })
        .add({ enrolled: 1 })
        .where((a, op) => `${op.name(a.enrolled)} < ${op.name(a.capacity)} AND ${op.ne(a.status, "cancelled")}`),
    ),
    Dynamo.commit(enrolments.put({ ...base, status: "enrolled", seq: 0 }).where(fresh)),
  ]);
  if (seat === 1) throw conflict("enrolment.exists", "You are already in this cohort");
  if (seat === -1) return { cohortID, status: "enrolled" as Status, position: 0 };

  // The waitlist place is claimed before a ticket is taken, so a refused call (already in the
  // cohort) writes nothing and the counter moves only for a place it numbers. Until numbered, the
  // claim sorts after every ticket (the counter is an atomic add, so simultaneous learners
  // never queue on it).
  try {
    await enrolments
      .put({ ...base, status: "waitlisted", seq: UNNUMBERED })
      .where(fresh)
      .go();
  } catch (e) {
    if (isConditionFailure(e)) throw conflict("enrolment.exists", "You are already in this cohort");
    throw e;
  }
  const ticket = await cohorts
    .patch({ cohortID })
    .add({ waitSeq: 1 })
    .where((a, op) => op.ne(a.status, "cancelled"))
    .go({ response: "updated_new" })
    .catch(async (e: unknown) => {
      if (!isConditionFailure(e)) throw e;
      await enrolments
        .delete({ cohortID, learnerID: actor.personID })
        .where((a, op) => op.eq(a.seq, UNNUMBERED))
        .go()
        .catch(() => undefined);
      throw conflict("cohort.not_open", "This cohort is not taking enrolments");
    });
  const seq = ticket.data.waitSeq as number;
  // Numbered, unless a freed seat went to the claim meanwhile (then it needs no number).
  await enrolments
    .patch({ cohortID, learnerID: actor.personID })
    .set({ status: "waitlisted", seq })
    .where((a, op) => `${op.eq(a.status, "waitlisted")} AND ${op.eq(a.seq, UNNUMBERED)}`)
    .go()
    .catch((e: unknown) => {
      if (!isConditionFailure(e)) throw e;
    });
  // A seat may have freed between the full cohort and the ticket.
  await promote(cohortID);
  const after = await own(cohortID, actor.personID);
  return { cohortID, status: (after?.status ?? "waitlisted") as Status, position: after?.status === "waitlisted" ? await positionOf(cohortID, seq) : 0 };
});

/** 1-based place in the waitlist. */
async function positionOf(cohortID: string, seq: number): Promise<number> {
  const ahead = await (await enrolmentEntity()).query
    .queue({ cohortID, status: "waitlisted" })
    .between({ seq: 0 }, { seq: seq - 1 })
    .go({ pages: "all" });
  return ahead.data.length + 1;
}

/** Leaving frees the seat (atomically with the count), which goes to exactly the head of the waitlist. */
export const withdraw = fn(z.object({ cohortID }), async ({ cohortID }) => {
  const actor = Actor.person();
  const mine = await own(cohortID, actor.personID);
  if (!mine || mine.status === "withdrawn") throw notFound("enrolment.not_found");
  const enrolments = await enrolmentEntity();
  const leave = enrolments
    .patch({ cohortID, learnerID: actor.personID })
    .set({ status: "withdrawn", seq: mine.seq, updatedAt: Clock.iso() })
    .where((a, op) => op.eq(a.status, mine.status));
  if (mine.status === "waitlisted") {
    await leave.go().catch(() => {
      throw conflict("enrolment.changed", "Your place changed meanwhile; reload");
    });
    return { cohortID, status: "withdrawn" as Status, promoted: 0 };
  }
  const cohorts = await Cohort.entity();
  const rejected = await Dynamo.transact(cohorts, [Dynamo.commit(leave), Dynamo.commit(cohorts.patch({ cohortID }).subtract({ enrolled: 1 }))]);
  if (rejected !== -1) throw conflict("enrolment.changed", "Your place changed meanwhile; reload");
  return { cohortID, status: "withdrawn" as Status, promoted: await promote(cohortID) };
});

function progressOf(e: Info, cohort: Pick<Cohort.Info, "startDate" | "endDate">): Progress {
  return summarise(
    {
      lessonsDone: (e.completedLessons ?? []).filter((id) => e.lessonIDs.includes(id)).length,
      lessonsTotal: e.lessonIDs.length,
      practiceMinutes: e.practiceMinutes,
      practiceSessions: e.practiceSessions,
      requirement: e.requirement,
    },
    cohort,
    Clock.now(),
  );
}

/** The learner's cohorts with their status and, when changed, the agency's reason. */
export const mine = fn(z.object({ cursor }), async ({ cursor }) => {
  const actor = Actor.person();
  const q = Page.query("enrolment.mine", actor.personID);
  const page = await (await enrolmentEntity()).query.cohortsOfLearner({ learnerID: actor.personID }).go({ cursor: Page.open(q, cursor), limit: PAGE });
  const items = (page.data as Info[]).filter((e) => e.status !== "withdrawn");
  const cohorts = await Promise.all(items.map((e) => Cohort.load(e.cohortID)));
  return {
    items: items.flatMap((e, i) => {
      const cohort = cohorts[i];
      return cohort ? [{ enrolment: e, cohort, progress: progressOf(e, cohort) }] : [];
    }),
    cursor: Page.seal(q, page.cursor),
  };
});

/** Every current enrolment of a learner (a learner is in a handful of cohorts): certification reads their evidence. */
export async function ofLearner(learnerID: string): Promise<Info[]> {
  const found = await (await enrolmentEntity()).query.cohortsOfLearner({ learnerID }).go({ pages: "all" });
  return (found.data as Info[]).filter((e) => e.status !== "withdrawn");
}

/** The learner's course page: the lessons, what is done, and progress against their own snapshot. */
export const progress = fn(z.object({ cohortID }), async ({ cohortID }) => {
  const actor = Actor.person();
  const e = await own(cohortID, actor.personID);
  if (!e || e.status === "withdrawn") throw notFound("enrolment.not_found");
  const [cohort, course] = await Promise.all([Cohort.load(cohortID), Course.load(e.courseID)]);
  if (!cohort || !course) throw notFound("cohort.not_found");
  return { enrolment: e, cohort, course, progress: progressOf(e, cohort), position: e.status === "waitlisted" ? await positionOf(cohortID, e.seq) : 0 };
});

export const completeLesson = fn(z.object({ cohortID, lessonID: Id.schema("lesson", "lesson") }), async ({ cohortID, lessonID }) => {
  const actor = Actor.person();
  const e = await own(cohortID, actor.personID);
  if (!e || e.status === "withdrawn") throw notFound("enrolment.not_found");
  if (e.status !== "enrolled") throw conflict("enrolment.waitlisted", "Lessons open when you have a seat");
  if (!e.lessonIDs.includes(lessonID)) throw invalid([{ path: ["lessonID"], message: "Not a lesson of your course" }]);
  const entity = await enrolmentEntity();
  await changeEvidence(
    entity
      .patch({ cohortID, learnerID: actor.personID })
      .add({ completedLessons: [lessonID] })
      .set({ updatedAt: Clock.iso() }),
    {
      cohortID,
      learnerID: actor.personID,
      cause: "lesson",
    },
  );
  const done = new Set([...(e.completedLessons ?? []), lessonID]);
  const cohort = await Cohort.load(cohortID);
  return { lessonID, progress: progressOf({ ...e, completedLessons: [...done] }, cohort ?? { startDate: e.startDate, endDate: e.startDate }) };
});

/** The latest review's scores (criterionID → 0..4), shown on the learner's progress. */
export async function setScores(cohortID: string, learnerID: string, scores: Record<string, number>): Promise<void> {
  const entity = await enrolmentEntity();
  await changeEvidence(entity.patch({ cohortID, learnerID }).set({ latestScores: scores, updatedAt: Clock.iso() }), { cohortID, learnerID, cause: "review" });
}

/** A learner's enrolment in a cohort, for sibling modules (practice booking checks the seat). */
export const of = own;

/**
 * Sets a learner's practice totals. The practice-session ledger recomputes totals from its
 * reconciled credits and sets them here (idempotent). The demo seed imports sessions through the
 * ledger too (only tests set totals directly), so totals always equal the credits behind them.
 */
export async function setPractice(cohortID: string, learnerID: string, totals: { minutes: number; sessions: number; lastAt?: string }): Promise<void> {
  const entity = await enrolmentEntity();
  const change = entity.patch({ cohortID, learnerID }).set({
    practiceMinutes: totals.minutes,
    practiceSessions: totals.sessions,
    updatedAt: Clock.iso(),
    ...(totals.lastAt ? { lastPracticeAt: totals.lastAt } : {}),
  });
  await changeEvidence(change, { cohortID, learnerID, cause: "practice" });
}

/** The evidence change and its event, in one transaction (the enrolment must exist). */
async function changeEvidence(change: object, event: z.output<typeof EvidenceChanged.schema>): Promise<void> {
  const rejected = await Event.transact([Dynamo.commit(change), await Event.create(EvidenceChanged, event)]);
  if (rejected === 0) throw notFound("enrolment.not_found");
  if (rejected !== -1) throw new Error(`evidence change for ${event.cohortID}/${event.learnerID} failed on item ${rejected}`);
}

/**
 * The roster: every learner of the cohort with progress and who is falling behind. For the
 * cohort's instructors, the agency's admins and ops; NOT_FOUND for everyone else.
 */
export const roster = fn(z.object({ cohortID, cursor }), async ({ cohortID, cursor }) => {
  const cohort = await Cohort.taught(cohortID);
  const q = Page.query("cohort.roster", cohortID);
  const page = await (await enrolmentEntity()).query.byCohort({ cohortID }).go({ cursor: Page.open(q, cursor), limit: PAGE });
  const items = (page.data as Info[]).filter((e) => e.status !== "withdrawn").map((e) => ({ enrolment: e, progress: progressOf(e, cohort) }));
  return { cohort, items, cursor: Page.seal(q, page.cursor) };
});
