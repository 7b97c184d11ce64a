import { Dynamo } from "../dynamo/index.js";

/** A certification definition: what it takes, how long it lasts, who defined it. */
export const definitionEntity = Dynamo.entity({
  model: { entity: "certDefinition", version: "1", service: "zhubo" },
  attributes: {
    definitionID: { type: "string", required: true, readOnly: true },
    /** "zhubo" (the platform, defined by ops) or the agency that proposed it. */
    ownerID: { type: "string", required: true, readOnly: true },
    ownerName: { type: "string", required: true },
    name: { type: "string", required: true },
    description: { type: "string", required: true },
    category: { type: "string", required: true },
    level: { type: "number", required: true },
    nationalLevel: { type: "string", required: true },
    requirements: { type: "any", required: true },
    validityMonths: { type: "number", required: true },
    renewalWithinMonths: { type: "number", required: true },
    /** Agencies' proposals wait for ops; ops' own definitions are approved at once. */
    status: { type: ["pending", "approved", "rejected"] as const, required: true },
    decisionNote: { type: "string" },
    version: { type: "number", required: true },
    createdAt: { type: "string", required: true, readOnly: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byID: { pk: { field: "pk", composite: ["definitionID"] }, sk: { field: "sk", composite: [] } },
    /** "definitions by status": ops' approval queue and the approved list courses pick from. */
    byStatus: { index: "gsi1", pk: { field: "gsi1pk", composite: ["status"] }, sk: { field: "gsi1sk", composite: ["createdAt", "definitionID"] } },
    /** "definitions of an owner": an agency's own proposals. */
    byOwner: { index: "gsi2", pk: { field: "gsi2pk", composite: ["ownerID"] }, sk: { field: "gsi2sk", composite: ["createdAt", "definitionID"] } },
  },
});

/** A certificate held by a person ("certificates of a holder"). Status is derived from the clock (rules.ts). */
export const certificateEntity = Dynamo.entity({
  model: { entity: "certificate", version: "1", service: "zhubo" },
  attributes: {
    holderID: { type: "string", required: true, readOnly: true },
    certificateID: { type: "string", required: true, readOnly: true },
    code: { type: "string", required: true, readOnly: true },
    holderName: { type: "string", required: true },
    definitionID: { type: "string", required: true, readOnly: true },
    /** The definition as it was at issue: what the certificate says, whatever later edits do. */
    name: { type: "string", required: true },
    description: { type: "string", required: true },
    category: { type: "string", required: true },
    level: { type: "number", required: true },
    nationalLevel: { type: "string", required: true },
    criteria: { type: "string", required: true },
    creatorID: { type: "string", required: true },
    creatorName: { type: "string", required: true },
    validityMonths: { type: "number", required: true },
    renewalWithinMonths: { type: "number", required: true },
    /** Where the evidence came from. */
    cohortID: { type: "string", required: true },
    /** "auto" or the instructor's personID. */
    issuedBy: { type: "string", required: true },
    issuedAt: { type: "string", required: true },
    expiresAt: { type: "string", required: true },
    renewedAt: { type: "string" },
    revokedAt: { type: "string" },
    revokedBy: { type: "string" },
    revokeReason: { type: "string" },
  },
  indexes: {
    byHolder: { pk: { field: "pk", composite: ["holderID"] }, sk: { field: "sk", composite: ["certificateID"] } },
  },
});

/** "certificate by verification code": the public lookup is one GetItem. */
export const codeEntity = Dynamo.entity({
  model: { entity: "certCode", version: "1", service: "zhubo" },
  attributes: {
    code: { type: "string", required: true, readOnly: true },
    holderID: { type: "string", required: true, readOnly: true },
    certificateID: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byCode: { pk: { field: "pk", composite: ["code"] }, sk: { field: "sk", composite: [] } },
  },
});

/**
 * The one certificate a holder has for a definition: created in the issuing transaction only if
 * absent, so racing issues (automatic and an instructor's) make exactly one certificate. It stays
 * after expiry (renewal extends that certificate) and after revocation (no new issue for it).
 */
export const holdingEntity = Dynamo.entity({
  model: { entity: "certHolding", version: "1", service: "zhubo" },
  attributes: {
    holderID: { type: "string", required: true, readOnly: true },
    definitionID: { type: "string", required: true, readOnly: true },
    certificateID: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byHolderDefinition: { pk: { field: "pk", composite: ["holderID", "definitionID"] }, sk: { field: "sk", composite: [] } },
  },
});
