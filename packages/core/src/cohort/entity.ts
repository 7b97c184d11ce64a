import { Dynamo } from "../dynamo/index.js";

export const cohortEntity = Dynamo.entity({
  model: { entity: "cohort", version: "1", service: "zhubo" },
  attributes: {
    cohortID: { type: "string", required: true, readOnly: true },
    courseID: { type: "string", required: true, readOnly: true },
    agencyID: { type: "string", required: true, readOnly: true },
    title: { type: "string", required: true },
    startDate: { type: "string", required: true },
    endDate: { type: "string", required: true },
    capacity: { type: "number", required: true },
    city: { type: "string" },
    online: { type: "boolean", required: true },
    status: { type: ["scheduled", "cancelled"] as const, required: true },
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
  },
});
