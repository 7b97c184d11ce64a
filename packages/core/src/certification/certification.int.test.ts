import { describe, expect, it } from "vitest";
import { as, courseInput, credentialFacts, openCohort, ops, org, people } from "../../test/factory.js";
import type { Actor } from "../actor/index.js";
import { Catalogue } from "../catalogue/index.js";
import { Clock } from "../clock/index.js";
import { Course } from "../course/index.js";
import { Enrolment } from "../enrolment/index.js";
import type { VisibleError } from "../error/index.js";
import * as Credential from "./credential.js";
import { Certification } from "./index.js";

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );
const publicActor = (ip = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`): Actor.Info => ({ type: "public", ip });

const requirements = { lessonsPercent: 100, practiceMinutes: 60, practiceSessions: 2, rubricAverage: 250, criterionFloor: 2 };
function definitionInput(ownerID: string) {
  return {
    ownerID,
    name: "食品带货主播（初级）",
    description: "能独立完成一场食品类直播：选品讲解、合规话术、稳定画面。",
    category: "food" as const,
    level: 1,
    nationalLevel: "5" as const,
    requirements,
    validityMonths: 12,
    renewalWithinMonths: 3,
  };
}

/** A course now leads to a certification (or to none). */
const lead = (actor: Actor.Info, course: Course.Info, certificationID?: string) =>
  as(actor, () => Catalogue.update({ ...course, category: course.category as "food", language: course.language as "zh-CN", certificationID }));

/** An open cohort whose course leads to an approved platform certification, and a learner with a seat. */
async function setup() {
  const c = await openCohort({ startDate: "2026-01-01", endDate: "2030-12-31" });
  const definition = await as(c.ops.actor, () => Certification.define(definitionInput(Certification.PLATFORM_OWNER)));
  await lead(c.admin.actor, c.course, definition.definitionID);
  const [learner] = (await people(1, "周小雨")) as [Actor.PersonActor];
  await as(learner, () => Enrolment.enrol({ cohortID: c.cohort.cohortID }));
  return { ...c, definition, learner };
}

/** Every requirement but the review: the last scored review completes the evidence. */
async function almost(cohortID: string, learner: Actor.PersonActor) {
  const seat = await Enrolment.of(cohortID, learner.personID);
  for (const lessonID of seat?.lessonIDs ?? []) await as(learner, () => Enrolment.completeLesson({ cohortID, lessonID }));
  await Enrolment.setPractice(cohortID, learner.personID, { minutes: 75, sessions: 3, lastAt: Clock.iso() });
  return seat?.rubric.map((c) => c.criterionID) ?? [];
}

describe("certification definitions", () => {
  it("ops define approved ones; an agency's proposal waits for ops and only then can a course lead to it", async () => {
    const c = await openCohort();
    const other = await org("agency", "南京直播学院");
    const proposal = await as(c.admin.actor, () => Certification.define(definitionInput(c.org.orgID)));
    expect(proposal).toMatchObject({ status: "pending", ownerName: "苏州主播学院" });
    // another agency can't see or use it, and the course can't lead to it yet
    expect((await reject(as(other.admin.actor, () => Certification.definition({ definitionID: proposal.definitionID })))).kind).toBe("not_found");
    const pending = await reject(lead(c.admin.actor, c.course, proposal.definitionID));
    expect(pending.fields).toEqual({ certificationID: "Pick an approved certification" });
    expect((await reject(as(c.admin.actor, () => Certification.approve({ definitionID: proposal.definitionID })))).kind).toBe("forbidden");

    await as(c.ops.actor, () => Certification.approve({ definitionID: proposal.definitionID, note: "符合标准" }));
    const linked = await lead(c.admin.actor, c.course, proposal.definitionID);
    expect(linked.certificationID).toBe(proposal.definitionID);
    // another agency's courses can't lead to this agency's certification
    const theirs = await as(other.admin.actor, () => Course.create(courseInput(other.org.orgID)));
    const foreign = await reject(lead(other.admin.actor, theirs, proposal.definitionID));
    expect(foreign.fields).toEqual({ certificationID: "Pick an approved certification" });
  });

  it("refuses bad definitions field by field and writes nothing", async () => {
    const operator = await ops();
    const bad = await reject(
      as(operator.actor, () =>
        Certification.define({
          ...definitionInput(Certification.PLATFORM_OWNER),
          level: 9,
          validityMonths: 0,
          requirements: { ...requirements, rubricAverage: 401, criterionFloor: -1 },
        }),
      ),
    );
    expect(bad.fields).toEqual({
      level: "Levels run 1 to 5",
      validityMonths: "1 to 60 months",
      "requirements.rubricAverage": "0 to 400 (hundredths of a point)",
      "requirements.criterionFloor": "Scores run 0 to 4",
    });
    const listed = await as(operator.actor, () => Certification.listByStatus({ status: "approved" }));
    expect(listed.items.filter((d) => d.level === 9)).toEqual([]);
    const [nobody] = (await people(1)) as [Actor.PersonActor];
    expect((await reject(as(nobody, () => Certification.define(definitionInput(Certification.PLATFORM_OWNER))))).kind).toBe("not_found");
  });
});

describe("earning a certificate", () => {
  it("shows each requirement met or missing, issues automatically when the last one holds, and verifies publicly", async () => {
    const s = await setup();
    const before = await as(s.learner, () => Certification.mine({}));
    expect(before.certificates).toEqual([]);
    expect(before.working).toHaveLength(1);
    expect(before.working[0]?.checks.map((c) => [c.requirement, c.met])).toEqual([
      ["lessonsPercent", false],
      ["practiceMinutes", false],
      ["practiceSessions", false],
      ["rubricAverage", false],
      ["criterionFloor", false],
    ]);

    const criteria = await almost(s.cohort.cohortID, s.learner);
    expect((await as(s.learner, () => Certification.mine({}))).working[0]?.checks.filter((c) => !c.met).map((c) => c.requirement)).toEqual([
      "rubricAverage",
      "criterionFloor",
    ]);
    await Enrolment.setScores(s.cohort.cohortID, s.learner.personID, Object.fromEntries(criteria.map((id) => [id, 3])));

    const after = await as(s.learner, () => Certification.mine({}));
    const [cert] = after.certificates;
    expect(cert).toMatchObject({ status: "active", issuedBy: "auto", holderName: "周小雨1", name: "食品带货主播（初级）", level: 1, nationalLevel: "5" });
    expect(after.working[0]).toMatchObject({ eligible: true, certificateID: cert?.certificateID });
    expect(cert?.code).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(Date.parse(cert?.expiresAt as string) - Date.parse(cert?.issuedAt as string)).toBeGreaterThan(364 * 86_400_000);

    // anyone verifies it by its code, typed in groups or lower case: the display name and the facts, nothing else
    const seen = await as(publicActor(), () => Certification.verify({ code: String(cert?.displayCode).toLowerCase() }));
    expect(seen).toEqual({
      displayName: "周小雨1",
      name: "食品带货主播（初级）",
      category: "food",
      level: 1,
      nationalLevel: "5",
      issuer: "主播 zhubo",
      issuedAt: cert?.issuedAt,
      expiresAt: cert?.expiresAt,
      status: "active",
      revokedAt: undefined,
    });
    expect(JSON.stringify(seen)).not.toContain(s.learner.personID);
    // unknown and malformed codes get the same plain answer
    const unknown = await reject(as(publicActor(), () => Certification.verify({ code: "0".repeat(26) })));
    const malformed = await reject(as(publicActor(), () => Certification.verify({ code: "not-a-code" })));
    expect([unknown.kind, unknown.code, unknown.message]).toEqual(["not_found", "certificate.not_found", "No certificate has this code"]);
    expect([malformed.kind, malformed.code, malformed.message]).toEqual([unknown.kind, unknown.code, unknown.message]);
  });

  it("issues exactly one certificate when the automatic issue and instructors' issues race", async () => {
    const c = await openCohort({ startDate: "2026-01-01", endDate: "2030-12-31" });
    const definition = await as(c.ops.actor, () => Certification.define(definitionInput(Certification.PLATFORM_OWNER)));
    const [learner] = (await people(1)) as [Actor.PersonActor];
    await as(learner, () => Enrolment.enrol({ cohortID: c.cohort.cohortID }));
    // the evidence is complete before the course leads to the certification: nothing issues yet
    const criteria = await almost(c.cohort.cohortID, learner);
    await Enrolment.setScores(c.cohort.cohortID, learner.personID, Object.fromEntries(criteria.map((id) => [id, 4])));
    const course = await Course.load(c.course.courseID);
    await lead(c.admin.actor, course as Course.Info, definition.definitionID);

    const results = await Promise.all([
      ...Array.from({ length: 6 }, () => Certification.evaluate(c.cohort.cohortID, learner.personID)),
      ...Array.from({ length: 6 }, () => as(c.admin.actor, () => Certification.issueFor({ cohortID: c.cohort.cohortID, learnerID: learner.personID }))),
    ]);
    const ids = new Set(results.map((r) => r?.certificateID));
    expect(ids.size).toBe(1);
    const mine = await as(learner, () => Certification.mine({}));
    expect(mine.certificates).toHaveLength(1);
    expect(mine.certificates[0]?.certificateID).toBe([...ids][0]);
  });

  it("lets an instructor issue from the roster only once the requirements hold, naming what is missing", async () => {
    const s = await setup();
    const early = await reject(as(s.admin.actor, () => Certification.issueFor({ cohortID: s.cohort.cohortID, learnerID: s.learner.personID })));
    expect(early.code).toBe("certification.requirements_unmet");
    expect(Object.keys(early.fields ?? {})).toEqual(["lessonsPercent", "practiceMinutes", "practiceSessions", "rubricAverage", "criterionFloor"]);
    const [stranger] = (await people(1)) as [Actor.PersonActor];
    expect((await reject(as(stranger, () => Certification.issueFor({ cohortID: s.cohort.cohortID, learnerID: s.learner.personID })))).kind).toBe("not_found");
    // the roster's column: what is missing (no "issue"), for the cohort's staff only
    const roster = () => as(s.admin.actor, () => Certification.ofRoster({ cohortID: s.cohort.cohortID, learnerIDs: [s.learner.personID, stranger.personID] }));
    expect((await roster()).items).toEqual([
      { learnerID: s.learner.personID, state: "missing", missing: expect.objectContaining({ lessonsPercent: expect.any(String) }) },
      { learnerID: stranger.personID, state: "none" },
    ]);
    expect((await reject(as(stranger, () => Certification.ofRoster({ cohortID: s.cohort.cohortID, learnerIDs: [s.learner.personID] })))).kind).toBe(
      "not_found",
    );
    expect((await reject(as(s.admin.actor, () => Certification.ofRoster({ cohortID: s.cohort.cohortID, learnerIDs: ["nope"] })))).kind).toBe("input");
    // once every requirement holds it can be issued; issued, it shows the code
    const criteria = await almost(s.cohort.cohortID, s.learner);
    expect((await roster()).items[0]).toEqual({ learnerID: s.learner.personID, state: "missing", missing: expect.any(Object) });
    await Enrolment.setScores(s.cohort.cohortID, s.learner.personID, Object.fromEntries(criteria.map((id) => [id, 3])));
    const [first] = (await roster()).items;
    expect(first).toMatchObject({ learnerID: s.learner.personID, state: expect.stringMatching(/^(can_issue|issued)$/) });
    await as(s.admin.actor, () => Certification.issueFor({ cohortID: s.cohort.cohortID, learnerID: s.learner.personID }));
    expect((await roster()).items[0]).toMatchObject({ state: "issued", status: "active", displayCode: expect.stringMatching(/^[0-9A-Z]{4}-/) });
  });
});

describe("a certificate over time", () => {
  it("expires by the clock, is noticed 30 days ahead, renews on fresh practice, and stops counting when expired", async () => {
    const s = await setup();
    const criteria = await almost(s.cohort.cohortID, s.learner);
    await Enrolment.setScores(s.cohort.cohortID, s.learner.personID, Object.fromEntries(criteria.map((id) => [id, 3])));
    const [cert] = (await as(s.learner, () => Certification.mine({}))).certificates;
    const expiresAt = Date.parse(cert?.expiresAt as string);
    try {
      Clock.use(Clock.fixed(expiresAt - 20 * 86_400_000));
      const soon = (await as(s.learner, () => Certification.mine({}))).certificates[0];
      expect(soon).toMatchObject({ status: "active", notice: { kind: "expiring", days: 20 } });
      expect(await Certification.activeOf(s.learner.personID)).toHaveLength(1);

      Clock.use(Clock.fixed(expiresAt + 1000));
      expect((await as(publicActor(), () => Certification.verify({ code: cert?.code as string }))).status).toBe("expired");
      expect(await Certification.activeOf(s.learner.personID)).toEqual([]);
      // practice months ago doesn't renew it…
      const stale = await reject(as(s.learner, () => Certification.renew({ certificateID: cert?.certificateID as string })));
      expect(stale.code).toBe("certificate.not_renewable");
      // …fresh practice does, automatically, for another full validity from today
      await Enrolment.setPractice(s.cohort.cohortID, s.learner.personID, { minutes: 95, sessions: 4, lastAt: new Date(expiresAt - 3600_000).toISOString() });
      const renewed = (await as(s.learner, () => Certification.mine({}))).certificates[0];
      expect(renewed).toMatchObject({ certificateID: cert?.certificateID, code: cert?.code, status: "active" });
      expect(Date.parse(renewed?.expiresAt as string)).toBeGreaterThan(expiresAt + 364 * 86_400_000);
      expect(renewed?.renewedAt).toBe(new Date(expiresAt + 1000).toISOString());
    } finally {
      Clock.reset();
    }
  });

  it("ops revoke with a reason: it verifies as revoked, stops counting, and is never issued again", async () => {
    const s = await setup();
    const criteria = await almost(s.cohort.cohortID, s.learner);
    await Enrolment.setScores(s.cohort.cohortID, s.learner.personID, Object.fromEntries(criteria.map((id) => [id, 3])));
    const [cert] = (await as(s.learner, () => Certification.mine({}))).certificates;
    const target = { holderID: s.learner.personID, certificateID: cert?.certificateID as string };
    expect((await reject(as(s.admin.actor, () => Certification.revoke({ ...target, reason: "考试中舞弊行为" })))).kind).toBe("forbidden");
    expect((await reject(as(s.ops.actor, () => Certification.revoke({ ...target, reason: "" })))).fields).toEqual({
      reason: "Say why, in at least 5 characters",
    });
    // the holder's signed credential verifies (signature and status) for anyone; an altered copy doesn't
    const file = await as(s.learner, () => Certification.credential({ certificateID: cert?.certificateID as string }));
    expect(file.filename).toBe(`zhubo-certificate-${cert?.code}.jwt`);
    expect(file.json.credentialSubject.achievement.name).toBe("食品带货主播（初级）");
    const genuine = await as(publicActor(), () => Certification.verifyCredential({ credential: file.jwt }));
    expect(genuine).toMatchObject({
      valid: true,
      signature: "valid",
      status: "active",
      certificate: { displayName: "周小雨1", status: "active" },
      fileValidFrom: file.json.validFrom,
      fileValidUntil: file.json.validUntil,
    });
    const [h, p, sig] = file.jwt.split(".");
    const altered = JSON.parse(Buffer.from(p as string, "base64url").toString());
    altered.credentialSubject.achievement.name = "食品带货主播（高级）";
    const tampered = `${h}.${Buffer.from(JSON.stringify(altered)).toString("base64url")}.${sig}`;
    expect(await as(publicActor(), () => Certification.verifyCredential({ credential: tampered }))).toEqual({
      valid: false,
      signature: "invalid",
      status: "unchecked",
    });
    // other people can't export someone's certificate
    expect((await reject(as(s.admin.actor, () => Certification.credential({ certificateID: cert?.certificateID as string })))).kind).toBe("not_found");

    const found = await as(s.ops.actor, () => Certification.find({ code: cert?.displayCode as string }));
    expect(found.certificateID).toBe(cert?.certificateID);

    await as(s.ops.actor, () => Certification.revoke({ ...target, reason: "冒名顶替参加考核" }));
    expect((await reject(as(s.ops.actor, () => Certification.revoke({ ...target, reason: "再次撤销试试" })))).code).toBe("certificate.already_revoked");
    const seen = await as(publicActor(), () => Certification.verify({ code: cert?.code as string }));
    expect(seen.status).toBe("revoked");
    expect(JSON.stringify(seen)).not.toContain("冒名顶替");
    expect(await Certification.activeOf(s.learner.personID)).toEqual([]);
    // the credential downloaded before still has a valid signature, but the certificate is revoked: not valid
    expect(await as(publicActor(), () => Certification.verifyCredential({ credential: file.jwt }))).toMatchObject({
      valid: false,
      signature: "valid",
      status: "revoked",
      certificate: { status: "revoked" },
    });
    // more evidence, the learner's page, or an instructor: none brings it back
    await Enrolment.setPractice(s.cohort.cohortID, s.learner.personID, { minutes: 200, sessions: 6, lastAt: Clock.iso() });
    const mine = await as(s.learner, () => Certification.mine({}));
    expect(mine.certificates.map((c) => c.status)).toEqual(["revoked"]);
    expect((await reject(as(s.admin.actor, () => Certification.issueFor({ cohortID: s.cohort.cohortID, learnerID: s.learner.personID })))).code).toBe(
      "certificate.revoked",
    );
    expect((await reject(as(s.learner, () => Certification.credential({ certificateID: cert?.certificateID as string })))).code).toBe("certificate.revoked");
  });
});

describe("public verification", () => {
  it("reports an uploaded file's signature and the certificate's status apart: an expired file stays expired after the certificate is renewed", async () => {
    const s = await setup();
    const criteria = await almost(s.cohort.cohortID, s.learner);
    await Enrolment.setScores(s.cohort.cohortID, s.learner.personID, Object.fromEntries(criteria.map((id) => [id, 3])));
    const [cert] = (await as(s.learner, () => Certification.mine({}))).certificates;
    const file = await as(s.learner, () => Certification.credential({ certificateID: cert?.certificateID as string }));
    const expiresAt = Date.parse(cert?.expiresAt as string);
    const check = (jwt: string) => as(publicActor(), () => Certification.verifyCredential({ credential: jwt }));
    try {
      Clock.use(Clock.fixed(expiresAt + 2 * 60_000));
      expect(await check(file.jwt)).toMatchObject({ valid: false, signature: "expired", status: "expired", fileValidUntil: file.json.validUntil });
      // fresh practice renews the certificate: the old file is still expired, the certificate active, so still not valid
      await Enrolment.setPractice(s.cohort.cohortID, s.learner.personID, { minutes: 95, sessions: 4, lastAt: new Date(expiresAt - 3600_000).toISOString() });
      expect((await as(s.learner, () => Certification.mine({}))).certificates[0]?.status).toBe("active");
      expect(await check(file.jwt)).toMatchObject({ valid: false, signature: "expired", status: "active", certificate: { status: "active" } });
      // a freshly downloaded file is valid again
      const fresh = await as(s.learner, () => Certification.credential({ certificateID: cert?.certificateID as string }));
      expect(await check(fresh.jwt)).toMatchObject({ valid: true, signature: "valid", status: "active" });
    } finally {
      Clock.reset();
    }
  });

  it("answers status unknown for a genuine file whose certificate the platform doesn't have", async () => {
    const facts = { ...credentialFacts(), issuedAt: Clock.iso(), expiresAt: new Date(Clock.now() + 86_400_000).toISOString() };
    const jwt = await Credential.sign(facts);
    expect(await as(publicActor(), () => Certification.verifyCredential({ credential: jwt }))).toEqual({
      valid: false,
      signature: "valid",
      status: "unknown",
      fileValidFrom: expect.any(String),
      fileValidUntil: expect.any(String),
    });
  });

  it("limits look-ups per source address", async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < Certification.VERIFY_LIMIT; i++) await reject(as(publicActor(ip), () => Certification.verify({ code: "0".repeat(26) })));
    const limited = await reject(as(publicActor(ip), () => Certification.verify({ code: "0".repeat(26) })));
    expect(limited.kind).toBe("too_many");
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    // another address is unaffected
    expect((await reject(as(publicActor("203.0.113.78"), () => Certification.verify({ code: "0".repeat(26) })))).kind).toBe("not_found");
  });
});
