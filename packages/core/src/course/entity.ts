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
    status: { type: ["draft", "published"] as const, required: true },
    createdAt: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byID: { pk: { field: "pk", composite: ["courseID"] }, sk: { field: "sk", composite: [] } },
    /** "courses of an agency": the agency admin's course list, newest last. */
    coursesOfAgency: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["agencyID"] },
      sk: { field: "gsi1sk", composite: ["createdAt", "courseID"] },
    },
  },
});
