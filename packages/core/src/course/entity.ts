import { Dynamo } from "../dynamo/index.js";

export const courseEntity = Dynamo.entity({
  model: { entity: "course", version: "1", service: "zhubo" },
  attributes: {
    courseID: { type: "string", required: true, readOnly: true },
    agencyID: { type: "string", required: true, readOnly: true },
    title: { type: "string", required: true },
    category: { type: "string", required: true },
    language: { type: "string", required: true },
    summary: { type: "string" },
    /** Module[] and Criterion[] (course/content.ts), validated by zod before every write. */
    modules: { type: "any", required: true },
    requirement: { type: "any", required: true },
    rubric: { type: "any", required: true },
    /** The certification the course leads to (an approved definition of the platform or this agency). */
    certificationID: { type: "string" },
    /** Rises on every edit; an enrolment snapshots the version it enrolled under. */
    version: { type: "number", required: true },
    status: { type: ["draft", "published"] as const, required: true },
    createdAt: { type: "string", required: true, readOnly: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byID: { pk: { field: "pk", composite: ["courseID"] }, sk: { field: "sk", composite: [] } },
    /** "courses of an agency": the agency admin's course list. */
    coursesOfAgency: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["agencyID"] },
      sk: { field: "gsi1sk", composite: ["createdAt", "courseID"] },
    },
    /** "published courses by category": the learner's catalogue (drafts sit under status=draft). */
    catalogue: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["status"] },
      sk: { field: "gsi2sk", composite: ["category", "createdAt", "courseID"] },
    },
  },
});
