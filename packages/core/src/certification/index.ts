import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Auth } from "../auth/index.js";
import { Clock } from "../clock/index.js";
import { Cohort } from "../cohort/index.js";
import { Course } from "../course/index.js";
import { Dynamo } from "../dynamo/index.js";
import { Enrolment } from "../enrolment/index.js";
import { conflict, forbidden, notFound } from "../error/index.js";
import { Event } from "../event/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Person } from "../person/index.js";
import { Text } from "../text/index.js";
import * as Code from "./code.js";
import * as Credential from "./credential.js";
import { type Definition, definitionID, load as loadDefinition } from "./definition.js";
import { certificateEntity, codeEntity, holdingEntity } from "./entity.js";
import { addMonths, type Check, checks, type Evidence, eligible, noticeAt, renewal, type Status, statusAt } from "./rules.js";

export { CODE_BITS, display as displayCode, normalise as normaliseCode } from "./code.js";
export { CLOCK_SKEW_SECONDS, generateSigningJwk, jwks, NATIONAL_LEVELS, type NationalLevel, resetKeys, type Signature } from "./credential.js";
export {
  approve,
  DefineSchema,
  type Definition,
  define,
  get as definition,
  listByOwner,
  listByStatus,
  PLATFORM_OWNER,
  reject,
  UpdateSchema,
  update,
} from "./definition.js";
export * as Certification from "./index.js";

const CertificateFacts = { certificateID: z.string(), holderID: z.string(), definitionID: z.string() };
/** A certificate was issued (automatically from evidence, or by an instructor): the host is re-listed. */
export const Issued = Event.define("certificate.issued", 1, z.object({ ...CertificateFacts, cohortID: z.string(), issuedBy: z.enum(["auto", "instructor"]) }));
/** A certificate's validity was extended (renewal, or an instructor's issue of an expired one). */
export const Renewed = Event.define("certificate.renewed", 1, z.object({ ...CertificateFacts, expiresAt: z.iso.datetime() }));
/** Ops revoked a certificate: it stops counting everywhere, and matching stops finding the host under it. */
export const Revoked = Event.define("certificate.revoked", 1, z.object(CertificateFacts));

const facts = (c: Pick<Certificate, "certificateID" | "holderID" | "definitionID">) => ({
  certificateID: c.certificateID,
  holderID: c.holderID,
  definitionID: c.definitionID,
});

export { type Check, checks, eligible, NOTICE_DAYS, type Requirements, RequirementsSchema, type Status, statusAt } from "./rules.js";

/** Public look-ups (by code, by uploaded file) per source address per 15 minutes. */
export const VERIFY_LIMIT = 60;

export interface Certificate {
  holderID: string;
  certificateID: string;
  code: string;
  holderName: string;
  definitionID: string;
  name: string;
  description: string;
  category: string;
  level: number;
  nationalLevel: Credential.NationalLevel;
  criteria: string;
  creatorID: string;
  creatorName: string;
  validityMonths: number;
  renewalWithinMonths: number;
  cohortID: string;
  issuedBy: string;
  issuedAt: string;
  expiresAt: string;
  renewedAt?: string;
  revokedAt?: string;
  revokedBy?: string;
  revokeReason?: string;
}

const certificateID = Id.schema("certificate", "certificate");
const cohortID = Cohort.cohortID;
const learnerID = Id.schema("learner", "person");

/** What the holder sees: everything, with the status and notice as of now. */
function holderView(c: Certificate) {
  const now = Clock.now();
  return { ...c, status: statusAt(c, now), notice: noticeAt(c, now), displayCode: Code.display(c.code) };
}

/** What anyone may see: the holder's display name and the certificate's facts — nothing else about the holder. */
function publicView(c: Certificate) {
  return {
    displayName: c.holderName,
    name: c.name,
    category: c.category,
    level: c.level,
    nationalLevel: c.nationalLevel,
    issuer: c.creatorName,
    issuedAt: c.issuedAt,
    expiresAt: c.expiresAt,
    status: statusAt(c, Clock.now()) as Status,
    revokedAt: c.revokedAt,
  };
}
export type PublicView = ReturnType<typeof publicView>;

async function read(holderID: string, id: string): Promise<Certificate | undefined> {
  const found = await (await certificateEntity()).get({ holderID, certificateID: id }).go();
  return (found.data as Certificate | null) ?? undefined;
}

/** The holder's certificate for a definition, if any (a revoked one keeps the place: it isn't issued again). */
async function held(holderID: string, defID: string): Promise<Certificate | undefined> {
  const found = await (await holdingEntity()).get({ holderID, definitionID: defID }).go();
  return found.data ? read(holderID, found.data.certificateID) : undefined;
}

function evidenceOf(e: Enrolment.Info): Evidence {
  return {
    lessonsDone: (e.completedLessons ?? []).filter((id) => e.lessonIDs.includes(id)).length,
    lessonsTotal: e.lessonIDs.length,
    practiceMinutes: e.practiceMinutes,
    practiceSessions: e.practiceSessions,
    scores: e.latestScores,
    rubric: e.rubric,
  };
}

interface Target {
  enrolment: Enrolment.Info;
  definition: Definition;
}

/** The approved certification a learner's seat in a cohort leads to (through its course), if any. */
async function targetOf(e: Enrolment.Info | undefined): Promise<Target | undefined> {
  if (e?.status !== "enrolled") return undefined;
  const course = await Course.load(e.courseID);
  if (!course?.certificationID) return undefined;
  const definition = await loadDefinition(course.certificationID);
  return definition?.status === "approved" ? { enrolment: e, definition } : undefined;
}

function criteriaText(d: Definition): string {
  const r = d.requirements;
  return [
    `Completed at least ${r.lessonsPercent}% of the course's lessons`,
    `practised live for at least ${r.practiceMinutes} minutes in ${r.practiceSessions} sessions`,
    `an instructor-scored rubric average of at least ${(r.rubricAverage / 100).toFixed(2)} of 4 with no criterion below ${r.criterionFloor}`,
  ].join("; ");
}

/**
 * Issues the certificate: the holding (only if the holder has none for this definition), the
 * certificate and its verification code in one transaction. A racing issue finds the holding
 * taken and gets the certificate that won.
 */
async function issue(t: Target, issuedBy: string): Promise<{ certificate: Certificate; created: boolean }> {
  const d = t.definition;
  const now = Clock.iso();
  const certificate: Certificate = {
    holderID: t.enrolment.learnerID,
    certificateID: Id.create("certificate"),
    code: Code.create(),
    holderName: (await Person.get(t.enrolment.learnerID))?.displayName ?? t.enrolment.learnerName,
    definitionID: d.definitionID,
    name: d.name,
    description: d.description,
    category: d.category,
    level: d.level,
    nationalLevel: d.nationalLevel,
    criteria: criteriaText(d),
    creatorID: d.ownerID,
    creatorName: d.ownerName,
    validityMonths: d.validityMonths,
    renewalWithinMonths: d.renewalWithinMonths,
    cohortID: t.enrolment.cohortID,
    issuedBy,
    issuedAt: now,
    expiresAt: addMonths(now, d.validityMonths),
  };
  const [holdings, certificates, codes] = await Promise.all([holdingEntity(), certificateEntity(), codeEntity()]);
  const rejected = await Dynamo.transact(holdings, [
    Dynamo.commit(holdings.create({ holderID: certificate.holderID, definitionID: d.definitionID, certificateID: certificate.certificateID })),
    Dynamo.commit(certificates.create(certificate)),
    Dynamo.commit(codes.create({ code: certificate.code, holderID: certificate.holderID, certificateID: certificate.certificateID })),
    await Event.create(Issued, { ...facts(certificate), cohortID: certificate.cohortID, issuedBy: issuedBy === "auto" ? "auto" : "instructor" }),
  ]);
  if (rejected === -1) return { certificate, created: true };
  const winner = rejected === 0 ? await held(certificate.holderID, d.definitionID) : undefined;
  if (!winner) throw new Error(`certificate issue for ${certificate.holderID}/${d.definitionID} failed on item ${rejected}`);
  return { certificate: winner, created: false };
}

/** Extends a certificate's validity (renewal); the condition keeps two renewals from stacking. */
async function extend(c: Certificate, expiresAt: string): Promise<Certificate> {
  const renewedAt = Clock.iso();
  const change = (await certificateEntity())
    .patch({ holderID: c.holderID, certificateID: c.certificateID })
    .set({ expiresAt, renewedAt })
    .where((a, op) => `${op.eq(a.expiresAt, c.expiresAt)} AND ${op.notExists(a.revokedAt)}`);
  // A racing renewal (or a revocation) that got there first leaves this one without a change, and so without an event.
  const rejected = await Event.transact([Dynamo.commit(change), await Event.create(Renewed, { ...facts(c), expiresAt })]);
  if (rejected > 0) throw new Error(`renewal of ${c.certificateID} failed on item ${rejected}`);
  return (await read(c.holderID, c.certificateID)) ?? c;
}

/** The latest practice of the holder in any cohort whose course leads to this definition. */
async function lastPractice(holderID: string, defID: string): Promise<string | undefined> {
  const seats = await Enrolment.ofLearner(holderID);
  const targets = await Promise.all(seats.map(targetOf));
  return targets
    .filter((t): t is Target => t?.definition.definitionID === defID)
    .map((t) => t.enrolment.lastPracticeAt)
    .filter((at): at is string => Boolean(at))
    .sort()
    .at(-1);
}

/**
 * After a learner's evidence changes: issues the certificate the moment every requirement holds
 * (automatic issue), or renews a held one that is due when there is fresh practice.
 */
export async function evaluate(cohort: string, learner: string): Promise<Certificate | undefined> {
  const t = await targetOf(await Enrolment.of(cohort, learner));
  if (!t) return undefined;
  const existing = await held(learner, t.definition.definitionID);
  if (existing) {
    const due = renewal(existing, existing, t.enrolment.lastPracticeAt, Clock.now());
    return due ? extend(existing, due.expiresAt) : existing;
  }
  if (!eligible(t.definition.requirements, evidenceOf(t.enrolment))) return undefined;
  return (await issue(t, "auto")).certificate;
}

const unmetFields = (list: Check[]) => Object.fromEntries(list.filter((c) => !c.met).map((c) => [c.requirement, `Needs ${c.need}, has ${c.have ?? "none"}`]));

/** An instructor of the cohort issues the certificate from the roster once the requirements hold. */
export const issueFor = fn(z.object({ cohortID, learnerID }), async (input) => {
  await Cohort.taught(input.cohortID);
  const actor = Actor.person();
  const t = await targetOf(await Enrolment.of(input.cohortID, input.learnerID));
  if (!t) throw conflict("certification.none", "This learner's course leads to no certification");
  const list = checks(t.definition.requirements, evidenceOf(t.enrolment));
  if (!list.every((c) => c.met)) throw conflict("certification.requirements_unmet", "Not every requirement is met yet", unmetFields(list));
  const existing = await held(input.learnerID, t.definition.definitionID);
  if (existing?.revokedAt) throw conflict("certificate.revoked", "This learner's certificate was revoked by platform operations");
  if (existing && statusAt(existing, Clock.now()) === "active") return holderView(existing);
  // An expired certificate comes back to life from today: the instructor vouches and the requirements hold.
  if (existing) return holderView(await extend(existing, addMonths(Clock.iso(), existing.validityMonths)));
  return holderView((await issue(t, actor.personID)).certificate);
});

export type RosterState =
  | { learnerID: string; state: "none" }
  | { learnerID: string; state: "issued"; certificateID: string; displayCode: string; status: Status }
  | { learnerID: string; state: "revoked"; certificateID: string; displayCode: string }
  | { learnerID: string; state: "can_issue"; expired?: boolean }
  | { learnerID: string; state: "missing"; missing: Record<string, string> };

/**
 * The roster's certificate column, for the cohort's instructors and admins: per learner, the
 * certificate held (issued / revoked), or whether it can be issued now, or what is missing — so
 * "issue" is offered only where issueFor would succeed. At most 50 learners (a roster page).
 */
export const ofRoster = fn(
  z.object({ cohortID, learnerIDs: z.array(learnerID).check(z.maxLength(50, "At most 50 learners")) }),
  async (input): Promise<{ items: RosterState[] }> => {
    await Cohort.taught(input.cohortID);
    const now = Clock.now();
    const items = await Promise.all(
      [...new Set(input.learnerIDs)].map(async (id): Promise<RosterState> => {
        const t = await targetOf(await Enrolment.of(input.cohortID, id));
        if (!t) return { learnerID: id, state: "none" };
        const existing = await held(id, t.definition.definitionID);
        if (existing?.revokedAt) return { learnerID: id, state: "revoked", certificateID: existing.certificateID, displayCode: Code.display(existing.code) };
        const status = existing ? statusAt(existing, now) : undefined;
        if (existing && status === "active")
          return { learnerID: id, state: "issued", certificateID: existing.certificateID, displayCode: Code.display(existing.code), status };
        const list = checks(t.definition.requirements, evidenceOf(t.enrolment));
        if (list.every((c) => c.met)) return { learnerID: id, state: "can_issue", ...(existing ? { expired: true } : {}) };
        return { learnerID: id, state: "missing", missing: unmetFields(list) };
      }),
    );
    return { items };
  },
);

/**
 * The holder's page: their certificates (status, expiry notice, renewal) and, per certification
 * they are working towards, each requirement met or missing. Evaluating here also issues a
 * certificate whose automatic issue was missed.
 */
export const mine = fn(z.object({}), async () => {
  const actor = Actor.person();
  const seats = await Enrolment.ofLearner(actor.personID);
  const targets = (await Promise.all(seats.map(targetOf))).filter((t): t is Target => t !== undefined);
  for (const t of targets) await evaluate(t.enrolment.cohortID, actor.personID);
  const found = await (await certificateEntity()).query.byHolder({ holderID: actor.personID }).go({ pages: "all" });
  const certificates = (found.data as Certificate[]).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)).map(holderView);
  const working = targets.map((t) => {
    const list = checks(t.definition.requirements, evidenceOf(t.enrolment));
    const holding = certificates.find((c) => c.definitionID === t.definition.definitionID);
    return {
      cohortID: t.enrolment.cohortID,
      definitionID: t.definition.definitionID,
      name: t.definition.name,
      level: t.definition.level,
      nationalLevel: t.definition.nationalLevel,
      category: t.definition.category,
      checks: list,
      eligible: list.every((c) => c.met),
      certificateID: holding?.certificateID,
    };
  });
  return { certificates, working };
});

async function own(id: string): Promise<Certificate> {
  const c = await read(Actor.person().personID, id);
  if (!c) throw notFound("certificate.not_found");
  return c;
}

/** The holder renews a certificate that is due, with practice within the definition's window. */
export const renew = fn(z.object({ certificateID }), async (input) => {
  const c = await own(input.certificateID);
  const due = renewal(c, c, await lastPractice(c.holderID, c.definitionID), Clock.now());
  if (!due) {
    throw conflict(
      "certificate.not_renewable",
      statusAt(c, Clock.now()) === "revoked"
        ? "A revoked certificate can't be renewed"
        : `Renewal opens 30 days before expiry and needs practice in the last ${c.renewalWithinMonths} months`,
    );
  }
  return holderView(await extend(c, due.expiresAt));
});

/** The holder's certificate as a signed Open Badges 3.0 credential (compact JWS) and its JSON. */
export const credential = fn(z.object({ certificateID }), async (input) => {
  const c = await own(input.certificateID);
  if (c.revokedAt) throw conflict("certificate.revoked", "A revoked certificate can't be exported");
  const facts: Credential.CredentialFacts = {
    ...c,
    creator: { id: c.creatorID === "zhubo" ? Credential.PLATFORM.id : `urn:zhubo:agency:${c.creatorID}`, name: c.creatorName },
  };
  return { filename: `zhubo-certificate-${c.code}.jwt`, jwt: await Credential.sign(facts), json: Credential.build(facts) };
});

/**
 * Ops revoke with a reason: the certificate stops counting everywhere at once. It keeps its
 * holder's place for the definition, so no automatic or instructor's issue brings it back.
 */
export const revoke = fn(
  z.object({
    holderID: learnerID,
    certificateID,
    reason: Text.prose({ min: 5, short: "Say why, in at least 5 characters", max: 500 }),
  }),
  async (input) => {
    if (!Actor.isOps()) throw forbidden("certification.ops_only", "Only platform operations revoke certificates");
    const c = await read(input.holderID, input.certificateID);
    if (!c) throw notFound("certificate.not_found");
    const revokedAt = Clock.iso();
    const revokedBy = Actor.person().personID;
    const change = (await certificateEntity())
      .patch({ holderID: c.holderID, certificateID: c.certificateID })
      .set({ revokedAt, revokedBy, revokeReason: input.reason })
      .where((a, op) => op.notExists(a.revokedAt));
    const rejected = await Event.transact([Dynamo.commit(change), await Event.create(Revoked, facts(c))]);
    if (rejected === 0) throw conflict("certificate.already_revoked", "This certificate is already revoked");
    if (rejected !== -1) throw new Error(`revocation of ${c.certificateID} failed on item ${rejected}`);
    return holderView({ ...c, revokedAt, revokedBy, revokeReason: input.reason });
  },
);

async function byCode(input: string): Promise<Certificate | undefined> {
  const code = Code.normalise(input);
  if (!code) return undefined;
  const found = await (await codeEntity()).get({ code }).go();
  return found.data ? read(found.data.holderID, found.data.certificateID) : undefined;
}

/** Ops find a certificate by its code (to revoke it): the whole record. */
export const find = fn(z.object({ code: z.string().check(z.maxLength(64, "Not a certificate code")) }), async (input) => {
  if (!Actor.isOps()) throw forbidden("certification.ops_only", "Only platform operations can look certificates up");
  const c = await byCode(input.code);
  if (!c) throw notFound("certificate.not_found", "No certificate has this code");
  return holderView(c);
});

const NOT_FOUND = () => notFound("certificate.not_found", "No certificate has this code");

/**
 * Public verification by code (typed or from the QR link). Rate-limited per source address; an
 * unknown or malformed code gets one plain "not found".
 */
export const verify = fn(z.object({ code: z.string().check(z.maxLength(64, "Not a certificate code")) }), async (input) => {
  await Auth.rateLimit("certificate.verify", Actor.use().ip, VERIFY_LIMIT, Clock.now());
  const c = await byCode(input.code);
  if (!c) throw NOT_FOUND();
  return publicView(c);
});

/**
 * Public verification of an uploaded credential. Two verdicts, reported apart: the file's
 * `signature` (signed by a platform key and unaltered, and within its own dates) and the
 * certificate's `status` now (revoked, expired, renewed since). `valid` only when the signature is
 * "valid" and the status "active". A file that fails its signature gets no status (`unchecked`):
 * nothing it claims is believed.
 */
export const verifyCredential = fn(
  z.object({ credential: z.string().check(z.maxLength(32_000, "Not a zhubo credential")) }),
  async (input): Promise<CredentialVerdict> => {
    await Auth.rateLimit("certificate.verify", Actor.use().ip, VERIFY_LIMIT, Clock.now());
    const checked = await Credential.check(input.credential, Clock.now());
    if (!checked.genuine) return { valid: false, signature: checked.signature, status: "unchecked" };
    const c = await byCode(checked.code);
    const certificate = c ? publicView(c) : undefined;
    const status = certificate?.status ?? "unknown";
    return {
      valid: checked.signature === "valid" && status === "active",
      signature: checked.signature,
      status,
      certificate,
      fileValidFrom: checked.credential.validFrom,
      fileValidUntil: checked.credential.validUntil,
    };
  },
);

export interface CredentialVerdict {
  /** The file is genuine and current and the certificate is active: both verdicts hold. */
  valid: boolean;
  signature: Credential.Signature;
  /** The certificate's status now; `unknown` when the platform has no such certificate, `unchecked` when the signature failed. */
  status: Status | "unknown" | "unchecked";
  certificate?: PublicView;
  fileValidFrom?: string;
  fileValidUntil?: string;
}

/** A holder's certificates active at an instant (matching and gig requirements count only these). */
/** A certificate by its holder and id, for reactions to its events (no tenancy: the caller is the system). */
export const load = (holderID: string, certificateID: string) => read(holderID, certificateID);

export async function activeOf(holderID: string, atMs: number = Clock.now()): Promise<Certificate[]> {
  const found = await (await certificateEntity()).query.byHolder({ holderID }).go({ pages: "all" });
  return (found.data as Certificate[]).filter((c) => statusAt(c, atMs) === "active" && Date.parse(c.issuedAt) <= atMs);
}

export { definitionID };
