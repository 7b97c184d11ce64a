import { Dynamo } from "../dynamo/index.js";

/** "platform setting by name": the platform fee. */
export const platformSettingEntity = Dynamo.entity({
  model: { entity: "platformSetting", version: "1", service: "zhubo" },
  attributes: {
    setting: { type: ["fee"] as const, required: true, readOnly: true },
    platformFeeBps: { type: "number", required: true },
    updatedBy: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byName: { pk: { field: "pk", composite: ["setting"] }, sk: { field: "sk", composite: [] } },
  },
});

/** "agency share by agency": what ops approved and what the agency asks for. */
export const shareEntity = Dynamo.entity({
  model: { entity: "agencyShare", version: "1", service: "zhubo" },
  attributes: {
    agencyID: { type: "string", required: true, readOnly: true },
    approvedBps: { type: "number" },
    approvedMonths: { type: "number" },
    approvedAt: { type: "string" },
    approvedBy: { type: "string" },
    proposedBps: { type: "number" },
    proposedMonths: { type: "number" },
    proposedAt: { type: "string" },
    /** Present while a request waits for ops: the sparse "shares waiting" index. */
    waiting: { type: "string" },
  },
  indexes: {
    byAgency: { pk: { field: "pk", composite: ["agencyID"] }, sk: { field: "sk", composite: [] } },
    waiting: {
      index: "gsi1",
      condition: (attr) => attr.waiting === "yes",
      pk: { field: "gsi1pk", composite: [] },
      sk: { field: "gsi1sk", composite: ["proposedAt", "agencyID"] },
    },
  },
});
