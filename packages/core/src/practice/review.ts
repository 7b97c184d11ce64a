import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { Cohort } from "../cohort/index.js";
import { Enrolment } from "../enrolment/index.js";
import { notFound } from "../error/index.js";
import { fn, invalid } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Page } from "../page/index.js";
import { Person } from "../person/index.js";
import { Stream } from "../stream/index.js";
import { Text } from "../text/index.js";
import { creditEntity, reviewEntity } from "./entity.js";

const streamId = z.string().check(z.regex(/^st-[A-Za-z0-9]{1,64}$/, "Unknown session"));

/** The review queue: the cohort's practice sessions, newest first, with where to watch them. */
export const sessions = fn(z.object({ cohortID: Cohort.cohortID, cursor: Page.cursor }), async ({ cohortID, cursor }) => {
  await Cohort.taught(cohortID);
  const q = Page.query("practice.sessions", cohortID);
  const page = await (await creditEntity()).query.byCohort({ cohortID }).go({ cursor: Page.open(q, cursor), limit: 50, order: "desc" });
  const items = await Promise.all(
    page.data.map(async (c) => ({
      ...c,
      recordingUrl: c.recordingBucket && c.recordingPrefix ? await Stream.provider().recordingUrl(c.recordingBucket, c.recordingPrefix) : undefined,
    })),
  );
  return { items, cursor: Page.seal(q, page.cursor) };
});

export const ReviewSchema = z.object({
  cohortID: Cohort.cohortID,
  learnerID: Id.schema("learner", "person"),
  streamId,
  scores: z.record(z.string(), z.int().check(z.minimum(0, "Scores run 0 to 4"), z.maximum(4, "Scores run 0 to 4"))),
  comments: z
    .array(
      z.object({
        atSeconds: z.int().check(z.minimum(0, "Not before the start"), z.maximum(6 * 3600, "Past the end")),
        text: Text.prose({ min: 1, short: "Write a comment", max: 500 }),
      }),
    )
    .check(z.maxLength(100, "At most 100 comments")),
});

/**
 * Scores a finished session on the learner's own rubric (the one they enrolled under): every
 * criterion, 0–4, plus comments at moments of the recording. The learner's latest scores follow.
 */
export const review = fn(ReviewSchema, async (input) => {
  await Cohort.taught(input.cohortID);
  const credits = await creditEntity();
  const [credit, seat, me] = await Promise.all([
    credits.get({ cohortID: input.cohortID, learnerID: input.learnerID, streamId: input.streamId }).go(),
    Enrolment.of(input.cohortID, input.learnerID),
    Person.me(),
  ]);
  const session = credit.data;
  if (!session || !seat) throw notFound("practice.session_not_found");
  const criteria = seat.rubric.map((c) => c.criterionID);
  const issues = [
    ...criteria.filter((id) => input.scores[id] === undefined).map((id) => ({ path: ["scores", id], message: "Score every criterion" })),
    ...Object.keys(input.scores)
      .filter((id) => !criteria.includes(id))
      .map((id) => ({ path: ["scores", id], message: "Not a criterion of this learner's rubric" })),
    ...input.comments.flatMap((c, i) =>
      c.atSeconds > session.seconds + 60 ? [{ path: ["comments", i, "atSeconds"], message: "Past the end of the recording" }] : [],
    ),
  ];
  if (issues.length) throw invalid(issues);
  const item = {
    ...input,
    comments: [...input.comments].sort((a, b) => a.atSeconds - b.atSeconds),
    instructorID: me.personID,
    instructorName: me.displayName,
    reviewedAt: Clock.iso(),
  };
  await (await reviewEntity()).put(item).go();
  await credits.patch({ cohortID: input.cohortID, learnerID: input.learnerID, streamId: input.streamId }).set({ reviewed: true }).go();
  await Enrolment.setScores(input.cohortID, input.learnerID, input.scores);
  return item;
});

/** The learner's reviews in a cohort: scores and timestamped comments, newest first. */
export const myReviews = fn(z.object({ cohortID: Cohort.cohortID }), async ({ cohortID }) => {
  const actor = Actor.person();
  const found = await (await reviewEntity()).query.byLearner({ cohortID, learnerID: actor.personID }).go({ pages: "all" });
  return found.data.sort((a, b) => b.reviewedAt.localeCompare(a.reviewedAt));
});

/** A learner's practice session that an instructor has reviewed (hosts show these as clips on their card). */
export async function reviewedSession(cohortID: string, learnerID: string, streamId: string) {
  const found = await (await creditEntity()).get({ cohortID, learnerID, streamId }).go();
  return found.data?.reviewed ? found.data : undefined;
}
