import type { Actor } from "@zhubo/core/actor";
import { Catalogue } from "@zhubo/core/catalogue";
import { Certification } from "@zhubo/core/certification";
import { Clock } from "@zhubo/core/clock";
import type { Course } from "@zhubo/core/course";
import { Enrolment } from "@zhubo/core/enrolment";
import { beforeAll, describe, expect, it } from "vitest";
import { as, openCohort, people } from "../../../../packages/core/test/factory.js";
import { caller } from "./testing.js";

const visitor = () => caller({ type: "public", ip: `198.51.100.${Math.floor(Math.random() * 250)}` });

/** A learner holding an active certificate, earned from complete evidence, and the file they downloaded. */
async function certified() {
  const c = await openCohort({ startDate: "2026-01-01", endDate: "2030-12-31" });
  const definition = await caller(c.ops.actor).certification.define({
    ownerID: Certification.PLATFORM_OWNER,
    name: "食品带货主播（初级）",
    description: "能独立完成一场食品类直播。",
    category: "food",
    level: 1,
    nationalLevel: "5",
    requirements: { lessonsPercent: 100, practiceMinutes: 60, practiceSessions: 2, rubricAverage: 250, criterionFloor: 2 },
    validityMonths: 12,
    renewalWithinMonths: 3,
  });
  const course = c.course as Course.Info;
  await as(c.admin.actor, () =>
    Catalogue.update({ ...course, category: course.category as "food", language: course.language as "zh-CN", certificationID: definition.definitionID }),
  );
  const [learner] = (await people(1, "周小雨")) as [Actor.PersonActor];
  await as(learner, () => Enrolment.enrol({ cohortID: c.cohort.cohortID }));
  const seat = await Enrolment.of(c.cohort.cohortID, learner.personID);
  for (const lessonID of seat?.lessonIDs ?? []) await as(learner, () => Enrolment.completeLesson({ cohortID: c.cohort.cohortID, lessonID }));
  await Enrolment.setPractice(c.cohort.cohortID, learner.personID, { minutes: 75, sessions: 3, lastAt: Clock.iso() });
  await Enrolment.setScores(c.cohort.cohortID, learner.personID, Object.fromEntries((seat?.rubric ?? []).map((r) => [r.criterionID, 3])));
  const [cert] = (await caller(learner).certification.mine({})).certificates;
  if (!cert) throw new Error("no certificate was issued");
  const file = await caller(learner).certification.credential({ certificateID: cert.certificateID });
  return { ...c, learner, cert, file };
}

describe("certification.verifyCredential", () => {
  // One certificate for the file (issuing one signs people up, each a slow scrypt hash); the revoking test runs last.
  let s: Awaited<ReturnType<typeof certified>>;
  beforeAll(async () => {
    s = await certified();
  });

  it("refuses a tampered file without looking up the certificate, and calls an expired file expired", async () => {
    const [h, p, sig] = s.file.jwt.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    claims.credentialSubject.achievement.humanCode = "L3";
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${sig}`;
    expect(await visitor().certification.verifyCredential({ credential: tampered })).toEqual({ valid: false, signature: "invalid", status: "unchecked" });
    expect(await visitor().certification.verifyCredential({ credential: "not a credential" })).toEqual({
      valid: false,
      signature: "malformed",
      status: "unchecked",
    });

    try {
      Clock.use(Clock.fixed(Date.parse(s.cert.expiresAt) + 2 * 60_000));
      expect(await visitor().certification.verifyCredential({ credential: s.file.jwt })).toMatchObject({
        valid: false,
        signature: "expired",
        status: "expired",
      });
    } finally {
      Clock.reset();
    }
  });
  it("answers the file's signature and the certificate's status apart, valid only when both hold: a revoked certificate's genuine file is not valid", async () => {
    expect(await visitor().certification.verifyCredential({ credential: s.file.jwt })).toMatchObject({
      valid: true,
      signature: "valid",
      status: "active",
      certificate: { displayName: "周小雨1", status: "active" },
      fileValidUntil: s.file.json.validUntil,
    });

    await caller(s.ops.actor).certification.revoke({ holderID: s.learner.personID, certificateID: s.cert.certificateID, reason: "冒名顶替参加考核" });
    const revoked = await visitor().certification.verifyCredential({ credential: s.file.jwt });
    expect(revoked).toMatchObject({ valid: false, signature: "valid", status: "revoked", certificate: { status: "revoked" } });
    expect(JSON.stringify(revoked)).not.toContain("冒名顶替");
  });
});
