import { Dynamo } from "../dynamo/index.js";

/**
 * One live one-time code per purpose and login: a new code replaces the previous one. Only an
 * HMAC of the code is stored; `tries` counts guesses; the table's TTL removes it after expiry.
 */
export const codeEntity = Dynamo.entity({
  model: { entity: "code", version: "1", service: "zhubo" },
  attributes: {
    purpose: { type: ["verify_login", "reset_password"] as const, required: true, readOnly: true },
    login: { type: "string", required: true, readOnly: true },
    codeID: { type: "string", required: true },
    digest: { type: "string", required: true },
    /** The person the code was made for. */
    personID: { type: "string", required: true },
    tries: { type: "number", required: true, default: 0 },
    createdAt: { type: "string", required: true },
    /** Epoch seconds: the code's end, and the table's TTL attribute. */
    expiresAt: { type: "number", required: true },
  },
  indexes: {
    byLogin: { pk: { field: "pk", composite: ["purpose", "login"] }, sk: { field: "sk", composite: [] } },
  },
});
