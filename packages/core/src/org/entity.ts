import { Dynamo } from "../dynamo/index.js";

const attributes = {
  orgID: { type: "string", required: true, readOnly: true },
  name: { type: "string", required: true },
  city: { type: "string", required: true },
  description: { type: "string" },
  status: { type: ["pending", "active", "rejected"] as const, required: true },
  decisionNote: { type: "string" },
  createdBy: { type: "string", required: true, readOnly: true },
  createdAt: { type: "string", required: true, readOnly: true },
  decidedAt: { type: "string" },
} as const;

function indexes() {
  return {
    byID: { pk: { field: "pk", composite: ["orgID"] }, sk: { field: "sk", composite: [] } },
    /** "orgs by status": the ops approval queue, oldest first. */
    byStatus: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["status"] },
      sk: { field: "gsi1sk", composite: ["createdAt", "orgID"] },
    },
  } as const;
}

export const agencyEntity = Dynamo.entity({
  model: { entity: "agency", version: "1", service: "zhubo" },
  attributes,
  indexes: indexes(),
});

export const brandEntity = Dynamo.entity({
  model: { entity: "brand", version: "1", service: "zhubo" },
  attributes: { ...attributes, categories: { type: "set", items: "string" } },
  indexes: indexes(),
});
