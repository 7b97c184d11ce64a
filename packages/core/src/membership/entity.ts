import { Dynamo } from "../dynamo/index.js";

export const membershipEntity = Dynamo.entity({
  model: { entity: "membership", version: "1", service: "zhubo" },
  attributes: {
    personID: { type: "string", required: true, readOnly: true },
    orgID: { type: "string", required: true, readOnly: true },
    kind: { type: ["agency", "brand", "platform"] as const, required: true, readOnly: true },
    role: { type: ["admin", "instructor", "member", "ops"] as const, required: true },
    displayName: { type: "string", required: true },
    createdAt: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    /** "memberships of a person": builds the token's roles at sign-in and refresh. */
    membershipsOfPerson: { pk: { field: "pk", composite: ["personID"] }, sk: { field: "sk", composite: ["orgID"] } },
    /** "members of an agency/brand": the org's member list. */
    membersOfOrg: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["orgID"] },
      sk: { field: "gsi1sk", composite: ["personID"] },
    },
  },
});

export const invitationEntity = Dynamo.entity({
  model: { entity: "invitation", version: "1", service: "zhubo" },
  attributes: {
    orgID: { type: "string", required: true, readOnly: true },
    login: { type: "string", required: true, readOnly: true },
    kind: { type: ["agency", "brand"] as const, required: true },
    orgName: { type: "string", required: true },
    role: { type: ["admin", "instructor", "member"] as const, required: true },
    invitedBy: { type: "string", required: true },
    createdAt: { type: "string", required: true },
    expiresAt: { type: "number", required: true },
  },
  indexes: {
    /** "invitations of an org": the admin's pending list. */
    invitationsOfOrg: { pk: { field: "pk", composite: ["orgID"] }, sk: { field: "sk", composite: ["login"] } },
    /** "invitations for a login": what a person sees after signing in with that email/phone. */
    invitationsForLogin: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["login"] },
      sk: { field: "gsi1sk", composite: ["orgID"] },
    },
  },
});
