import { Dynamo } from "../dynamo/index.js";

export const cohortEntity = Dynamo.entity({
  model: { entity: "cohort", version: "1", service: "zhubo" },
  attributes: {
    cohortID: { type: "string", required: true, readOnly: true },
    courseID: { type: "string", required: true, readOnly: true },
    agencyID: { type: "string", required: true, readOnly: true },
    category: { type: "string", required: true },
    title: { type: "string", required: true },
    startDate: { type: "string", required: true },
    endDate: { type: "string", required: true },
    capacity: { type: "number", required: true },
    /** Seats taken; only ever changed by conditional writes (enrolled < capacity). */
    enrolled: { type: "number", required: true, default: 0 },
    /** Waitlist tickets handed out, in arrival order. */
    waitSeq: { type: "number", required: true, default: 0 },
    city: { type: "string" },
    online: { type: "boolean", required: true },
    instructorIDs: { type: "list", items: { type: "string" }, required: true },
    /** Names and titles copied at creation (cohort/index.ts), so lists and pages need no extra reads. */
    instructors: { type: "any", required: true },
    courseTitle: { type: "string", required: true },
    agencyName: { type: "string", required: true },
    /** LiveClass[] (cohort/index.ts), validated by zod before every write. */
    schedule: { type: "any", required: true },
    status: { type: ["scheduled", "deferred", "cancelled"] as const, required: true },
    statusReason: { type: "string" },
    /** "open" while learners may find it in the catalogue (course published, not cancelled). */
    listing: { type: ["open", "hidden"] as const, required: true },
    createdAt: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byID: { pk: { field: "pk", composite: ["cohortID"] }, sk: { field: "sk", composite: [] } },
    /** "cohorts of a course by start date": the course page's runs. */
    cohortsOfCourse: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["courseID"] },
      sk: { field: "gsi1sk", composite: ["startDate", "cohortID"] },
    },
    /** "cohorts of an agency by start date": the agency's and its instructors' timetable. */
    cohortsOfAgency: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["agencyID"] },
      sk: { field: "gsi2sk", composite: ["startDate", "cohortID"] },
    },
    /** "upcoming cohorts": the learner's browse page, from a start date on. */
    upcoming: {
      index: "gsi3",
      pk: { field: "gsi3pk", composite: ["listing"] },
      sk: { field: "gsi3sk", composite: ["startDate", "cohortID"] },
    },
  },
});
