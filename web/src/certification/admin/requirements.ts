import type { CertDefinition } from "../../api/types";
import type { MessageKey, Params } from "../../i18n/translate";
import { formatHundredths } from "./definition-draft";

export type Requirements = CertDefinition["requirements"];
export type RequirementName = keyof Requirements;
type Translate = (key: MessageKey, params?: Params) => string;

/** In the order the API checks them (and the learner's checklist shows them). */
export const requirementNames = [
  "lessonsPercent",
  "practiceMinutes",
  "practiceSessions",
  "rubricAverage",
  "criterionFloor",
] as const satisfies readonly RequirementName[];

/** What a learner still lacks for one requirement; `have` is null when nothing was measured yet (no review). */
export interface Gap {
  requirement: RequirementName;
  need: number;
  have: number | null;
}

/**
 * certification.requirements_unmet carries one field per unmet requirement, "Needs 250, has 200"
 * (or "has none" before any review). Read back into numbers, in requirement order; anything
 * unreadable is left out rather than guessed.
 */
export function gapsOf(fields: Readonly<Record<string, string>>): Gap[] {
  const out: Gap[] = [];
  for (const requirement of requirementNames) {
    const m = /^Needs (\d+), has (\d+|none)$/.exec(fields[requirement]?.trim() ?? "");
    if (m) out.push({ requirement, need: Number(m[1]), have: m[2] === "none" ? null : Number(m[2]) });
  }
  return out;
}

/** "Lessons: needs 100%, has 80%", in the reader's language and the requirement's unit. */
export function gapText(g: Gap, tr: Translate): string {
  const score = (n: number) => (g.requirement === "rubricAverage" ? formatHundredths(n) : String(n));
  if (g.have === null) return tr(`certAdmin.gap.${g.requirement}.none`, { need: score(g.need) });
  return tr(`certAdmin.gap.${g.requirement}`, { need: score(g.need), have: score(g.have) });
}

/** A definition's requirements as short sentences; a requirement of 0 asks for nothing and is left out. */
export function requirementLines(r: Requirements, tr: Translate): string[] {
  const lines: string[] = [];
  if (r.lessonsPercent > 0) lines.push(tr("certAdmin.req.lessons", { percent: r.lessonsPercent }));
  if (r.practiceMinutes > 0 || r.practiceSessions > 0) lines.push(tr("certAdmin.req.practice", { minutes: r.practiceMinutes, sessions: r.practiceSessions }));
  if (r.rubricAverage > 0) lines.push(tr("certAdmin.req.average", { average: formatHundredths(r.rubricAverage) }));
  if (r.criterionFloor > 0) lines.push(tr("certAdmin.req.floor", { floor: r.criterionFloor }));
  return lines.length ? lines : [tr("certAdmin.req.nothing")];
}
