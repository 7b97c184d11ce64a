import type { CertificationCheck } from "../api/types";
import type { MessageKey } from "../i18n/translate";

type Requirement = CertificationCheck["requirement"];

/** "练习时长 {have} / {need} 分钟": one message per requirement, in the requirement's unit. */
export const checkKeys: Record<Requirement, MessageKey> = {
  lessonsPercent: "certs.check.lessonsPercent",
  practiceMinutes: "certs.check.practiceMinutes",
  practiceSessions: "certs.check.practiceSessions",
  rubricAverage: "certs.check.rubricAverage",
  criterionFloor: "certs.check.criterionFloor",
};

/** Hundredths of a point (the API's unit for rubric averages) → "2.75". Integer maths: no float rounding. */
export function hundredths(value: number): string {
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(value));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** What the learner has and what is needed, as text for the check's message; "—" when there is nothing yet (no review). */
export function checkValues(c: Pick<CertificationCheck, "requirement" | "have" | "need">): { have: string; need: string } {
  const show = (n: number) => (c.requirement === "rubricAverage" ? hundredths(n) : String(n));
  return { have: c.have === null ? "—" : show(c.have), need: show(c.need) };
}
