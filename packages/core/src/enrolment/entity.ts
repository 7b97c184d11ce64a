import { Dynamo } from "../dynamo/index.js";

/** A learner's place in a cohort: seat or waitlist ticket, the requirements they enrolled under, and their progress. */
export const enrolmentEntity = Dynamo.entity({
  model: { entity: "enrolment", version: "1", service: "zhubo" },
  attributes: {
    cohortID: { type: "string", required: true, readOnly: true },
    learnerID: { type: "string", required: true, readOnly: true },
    learnerName: { type: "string", required: true },
    courseID: { type: "string", required: true },
    agencyID: { type: "string", required: true },
    startDate: { type: "string", required: true },
    status: { type: ["enrolled", "waitlisted", "withdrawn"] as const, required: true },
    /** Waitlist ticket from the cohort's counter (arrival order); 0 for a seat taken directly. */
    seq: { type: "number", required: true, padding: { length: 9, char: "0" } },
    /** Snapshot at enrolment: later course edits never change what this learner must do. */
    courseVersion: { type: "number", required: true },
    requirement: { type: "any", required: true },
    lessonIDs: { type: "list", items: { type: "string" }, required: true },
    rubric: { type: "any", required: true },
    completedLessons: { type: "set", items: "string" },
    practiceMinutes: { type: "number", required: true, default: 0 },
    practiceSessions: { type: "number", required: true, default: 0 },
    /** When the latest credited practice session started: fresh practice renews a certificate. */
    lastPracticeAt: { type: "string" },
    /** criterionID → 0..4 from the latest scored review. */
    latestScores: { type: "any" },
    joinedAt: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    /** "enrolments of a cohort": the roster; also makes (cohort, learner) unique. */
    byCohort: { pk: { field: "pk", composite: ["cohortID"] }, sk: { field: "sk", composite: ["learnerID"] } },
    /** "cohorts of a learner": the learner's own page. */
    cohortsOfLearner: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["learnerID"] },
      sk: { field: "gsi1sk", composite: ["startDate", "cohortID"] },
    },
    /** The waitlist in ticket order: the head is who a freed seat goes to. */
    queue: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["cohortID"] },
      sk: { field: "gsi2sk", composite: ["status", "seq"] },
    },
  },
});
