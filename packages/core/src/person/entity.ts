import { Dynamo } from "../dynamo/index.js";

/** A person; every person is a learner/host, other roles come from memberships. */
export const personEntity = Dynamo.entity({
  model: { entity: "person", version: "1", service: "zhubo" },
  attributes: {
    personID: { type: "string", required: true, readOnly: true },
    displayName: { type: "string", required: true },
    email: { type: "string" },
    phone: { type: "string" },
    passwordHash: { type: "string", required: true },
    /** When the person proved they own their login with a one-time code (account/); absent until then. */
    verifiedAt: { type: "string" },
    /** The user agreement and privacy policy the person agreed to at sign-up (PIPL consent): version and time. */
    consentVersion: { type: "string" },
    consentAt: { type: "string" },
    city: { type: "string" },
    locale: { type: ["zh-CN", "en"] as const, required: true, default: "zh-CN" },
    createdAt: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byID: { pk: { field: "pk", composite: ["personID"] }, sk: { field: "sk", composite: [] } },
  },
});

/** Unique login → person: the "person by email/phone" pattern is a GetItem on this. */
export const loginEntity = Dynamo.entity({
  model: { entity: "login", version: "1", service: "zhubo" },
  attributes: {
    login: { type: "string", required: true, readOnly: true },
    personID: { type: "string", required: true },
  },
  indexes: {
    byLogin: { pk: { field: "pk", composite: ["login"] }, sk: { field: "sk", composite: [] } },
  },
});
