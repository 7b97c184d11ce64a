import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, checks, type Evidence, eligible, noticeAt, type Requirements, renewal, rubricAverage, statusAt } from "./rules.js";

const rubric = [
  { criterionID: "crt_a", weight: 40 },
  { criterionID: "crt_b", weight: 35 },
  { criterionID: "crt_c", weight: 25 },
];
const req: Requirements = { lessonsPercent: 80, practiceMinutes: 120, practiceSessions: 3, rubricAverage: 250, criterionFloor: 2 };
const done: Evidence = { lessonsDone: 8, lessonsTotal: 10, practiceMinutes: 120, practiceSessions: 3, scores: { crt_a: 3, crt_b: 3, crt_c: 2 }, rubric };

const arbEvidence = fc.record({
  lessonsTotal: fc.integer({ min: 0, max: 100 }),
  lessonsDone: fc.integer({ min: 0, max: 100 }),
  practiceMinutes: fc.nat(2000),
  practiceSessions: fc.nat(50),
  scores: fc.option(fc.tuple(fc.nat(4), fc.nat(4), fc.nat(4)), { nil: undefined }),
});
const toEvidence = (a: {
  lessonsTotal: number;
  lessonsDone: number;
  practiceMinutes: number;
  practiceSessions: number;
  scores?: [number, number, number];
}): Evidence => ({
  lessonsTotal: a.lessonsTotal,
  lessonsDone: Math.min(a.lessonsDone, a.lessonsTotal),
  practiceMinutes: a.practiceMinutes,
  practiceSessions: a.practiceSessions,
  scores: a.scores ? { crt_a: a.scores[0], crt_b: a.scores[1], crt_c: a.scores[2] } : undefined,
  rubric,
});
const arbRequirements = fc.record({
  lessonsPercent: fc.integer({ min: 0, max: 100 }),
  practiceMinutes: fc.nat(2000),
  practiceSessions: fc.nat(50),
  rubricAverage: fc.integer({ min: 0, max: 400 }),
  criterionFloor: fc.integer({ min: 0, max: 4 }),
});

describe("eligibility", () => {
  it("says which requirement is met and which is missing, with what the learner has", () => {
    expect(eligible(req, done)).toBe(true);
    // 0.40×3 + 0.35×3 + 0.25×2 = 2.75
    expect(checks(req, done).find((c) => c.requirement === "rubricAverage")).toEqual({ requirement: "rubricAverage", met: true, have: 275, need: 250 });
    const short = checks(req, { ...done, lessonsDone: 7, practiceSessions: 2, scores: { crt_a: 4, crt_b: 4, crt_c: 1 } });
    expect(short.filter((c) => !c.met).map((c) => c.requirement)).toEqual(["lessonsPercent", "practiceSessions", "criterionFloor"]);
    expect(short.find((c) => c.requirement === "lessonsPercent")).toMatchObject({ have: 70, need: 80 });
  });

  it("needs a full review for the score requirements, unless they are 0", () => {
    expect(
      checks(req, { ...done, scores: undefined })
        .filter((c) => !c.met)
        .map((c) => c.requirement),
    ).toEqual(["rubricAverage", "criterionFloor"]);
    expect(checks(req, { ...done, scores: { crt_a: 4, crt_b: 4 } }).find((c) => c.requirement === "rubricAverage")).toMatchObject({ met: false, have: null });
    expect(eligible({ ...req, rubricAverage: 0, criterionFloor: 0 }, { ...done, scores: undefined })).toBe(true);
  });

  it("averages in integer hundredths, exactly", () => {
    expect(rubricAverage({ crt_a: 4, crt_b: 4, crt_c: 4 }, rubric)).toBe(400);
    expect(rubricAverage({ crt_a: 0, crt_b: 1, crt_c: 2 }, rubric)).toBe(85);
    expect(rubricAverage(undefined, rubric)).toBeNull();
  });

  it("is eligible exactly when every check is met", () => {
    fc.assert(
      fc.property(arbRequirements, arbEvidence, (r, a) => {
        const e = toEvidence(a);
        expect(eligible(r, e)).toBe(checks(r, e).every((c) => c.met));
        expect(checks(r, e).map((c) => c.requirement)).toEqual(["lessonsPercent", "practiceMinutes", "practiceSessions", "rubricAverage", "criterionFloor"]);
      }),
    );
  });

  it("never un-meets a requirement when evidence only grows (more lessons, minutes, sessions, higher scores)", () => {
    fc.assert(
      fc.property(arbRequirements, arbEvidence, fc.nat(10), fc.nat(300), fc.nat(5), fc.tuple(fc.nat(4), fc.nat(4), fc.nat(4)), (r, a, l, m, s, up) => {
        const before = toEvidence(a);
        const scores = a.scores ? (a.scores.map((v, i) => Math.min(4, v + (up[i] as number))) as [number, number, number]) : undefined;
        const after = toEvidence({
          ...a,
          lessonsDone: a.lessonsDone + l,
          practiceMinutes: a.practiceMinutes + m,
          practiceSessions: a.practiceSessions + s,
          scores,
        });
        const was = checks(r, before);
        const now = checks(r, after);
        was.forEach((c, i) => {
          if (c.met) expect(now[i]?.met, c.requirement).toBe(true);
        });
        if (eligible(r, before)) expect(eligible(r, after)).toBe(true);
      }),
    );
  });

  it("never asks more than it says: a learner with exactly the needed numbers is eligible", () => {
    fc.assert(
      fc.property(arbRequirements, fc.integer({ min: 1, max: 100 }), (r, total) => {
        const lessonsDone = Math.ceil((r.lessonsPercent * total) / 100);
        const score = Math.max(r.criterionFloor, Math.ceil(r.rubricAverage / 100));
        const e = toEvidence({
          lessonsTotal: total,
          lessonsDone,
          practiceMinutes: r.practiceMinutes,
          practiceSessions: r.practiceSessions,
          scores: [score, score, score],
        });
        expect(eligible(r, e)).toBe(true);
      }),
    );
  });
});

describe("status, notice and renewal against the clock", () => {
  const cert = { expiresAt: "2027-06-01T00:00:00.000Z" };
  const at = (iso: string) => Date.parse(iso);

  it("is active until the expiry instant, expired from it, revoked whatever the date", () => {
    expect(statusAt(cert, at("2027-05-31T23:59:59Z"))).toBe("active");
    expect(statusAt(cert, at("2027-06-01T00:00:00Z"))).toBe("expired");
    expect(statusAt({ ...cert, revokedAt: "2026-12-01T00:00:00Z" }, at("2026-01-01T00:00:00Z"))).toBe("revoked");
  });

  it("tells the holder 30 days before expiry, and after it", () => {
    expect(noticeAt(cert, at("2027-05-01T23:59:59Z"))).toBeUndefined();
    expect(noticeAt(cert, at("2027-05-02T00:00:00Z"))).toEqual({ kind: "expiring", days: 30 });
    expect(noticeAt(cert, at("2027-05-31T12:00:00Z"))).toEqual({ kind: "expiring", days: 1 });
    expect(noticeAt(cert, at("2027-06-02T00:00:00Z"))).toEqual({ kind: "expired" });
    expect(noticeAt({ ...cert, revokedAt: "2027-05-20T00:00:00Z" }, at("2027-05-21T00:00:00Z"))).toBeUndefined();
  });

  it("renews on practice within the window, from the old expiry when early and from now when late", () => {
    const rule = { validityMonths: 12, renewalWithinMonths: 3 };
    expect(renewal(cert, rule, "2027-05-10T00:00:00Z", at("2027-04-01T00:00:00Z"))).toBeUndefined(); // too early to renew
    expect(renewal(cert, rule, "2027-05-10T00:00:00Z", at("2027-05-15T00:00:00Z"))).toEqual({ expiresAt: "2028-06-01T00:00:00.000Z" });
    expect(renewal(cert, rule, "2027-07-01T00:00:00Z", at("2027-07-02T00:00:00Z"))).toEqual({ expiresAt: "2028-07-02T00:00:00.000Z" });
    expect(renewal(cert, rule, "2027-01-01T00:00:00Z", at("2027-05-15T00:00:00Z"))).toBeUndefined(); // stale practice
    expect(renewal(cert, rule, undefined, at("2027-05-15T00:00:00Z"))).toBeUndefined();
    expect(renewal({ ...cert, revokedAt: "2027-05-01T00:00:00Z" }, rule, "2027-05-10T00:00:00Z", at("2027-05-15T00:00:00Z"))).toBeUndefined();
  });

  it("adds calendar months, clamping to the month's end", () => {
    expect(addMonths("2027-01-31T08:00:00.000Z", 1)).toBe("2027-02-28T08:00:00.000Z");
    expect(addMonths("2028-01-31T08:00:00.000Z", 1)).toBe("2028-02-29T08:00:00.000Z");
    expect(addMonths("2027-05-15T00:00:00.000Z", -3)).toBe("2027-02-15T00:00:00.000Z");
    expect(addMonths("2026-11-25T00:00:00.000Z", 24)).toBe("2028-11-25T00:00:00.000Z");
  });
});
