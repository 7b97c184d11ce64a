import { Dynamo } from "../dynamo/index.js";

/**
 * A refresh session; the token secret rotates on every refresh and `generation` counts the rotations,
 * so a token of any earlier generation is known to be spent (missing on sessions from before: 0).
 */
export const sessionEntity = Dynamo.entity({
  model: { entity: "session", version: "1", service: "zhubo" },
  attributes: {
    sessionID: { type: "string", required: true, readOnly: true },
    personID: { type: "string", required: true, readOnly: true },
    tokenDigest: { type: "string", required: true },
    generation: { type: "number" },
    createdAt: { type: "string", required: true, readOnly: true },
    rotatedAt: { type: "string" },
    revokedAt: { type: "string" },
    expiresAt: { type: "number", required: true },
  },
  indexes: {
    byID: { pk: { field: "pk", composite: ["sessionID"] }, sk: { field: "sk", composite: [] } },
    /** "sign out everywhere" and the account's session list. */
    sessionsOfPerson: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["personID"] },
      sk: { field: "gsi1sk", composite: ["createdAt"] },
    },
  },
});

/** Sign-in attempt and look-up counters in fixed windows; expire through the table's TTL. */
export const throttleEntity = Dynamo.entity({
  model: { entity: "throttle", version: "1", service: "zhubo" },
  attributes: {
    key: { type: "string", required: true, readOnly: true },
    failures: { type: "number", required: true, default: 0 },
    expiresAt: { type: "number", required: true },
  },
  indexes: {
    byKey: { pk: { field: "pk", composite: ["key"] }, sk: { field: "sk", composite: [] } },
  },
});
