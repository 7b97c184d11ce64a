import type { MessageKey } from "../i18n/translate";

/** A whole number typed into a box, or undefined for anything else ("", "1.5", "-3", "12a"). */
export function toInt(value: string): number | undefined {
  return /^\s*\d{1,6}\s*$/.test(value) ? Number(value) : undefined;
}

/** The running total the editor shows; boxes that are not whole numbers count as 0. */
export function rubricTotal(weights: readonly string[]): number {
  return weights.reduce((sum, w) => sum + (toInt(w) ?? 0), 0);
}

/** 100 split as evenly as whole numbers allow, the remainder going to the first criteria. */
export function evenWeights(count: number): number[] {
  if (count <= 0) return [];
  const base = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 100 - base * count ? 1 : 0));
}

/** The weighted mean of the scored criteria on the 0–4 scale, to one decimal; undefined before any score. */
export function weightedScore(
  scores: Readonly<Record<string, number>> | undefined,
  rubric: readonly { criterionID: string; weight: number }[],
): number | undefined {
  let points = 0;
  let weight = 0;
  for (const c of rubric) {
    const score = scores?.[c.criterionID];
    if (score === undefined) continue;
    points += score * c.weight;
    weight += c.weight;
  }
  return weight === 0 ? undefined : Math.round((points / weight) * 10) / 10;
}

export const LEVELS = [0, 1, 2, 3, 4] as const;

/** DESIGN.md's five criteria; their names and level descriptors are messages, so a new course starts in the author's language. */
const defaults = [
  { key: "product", weight: 25 },
  { key: "presence", weight: 20 },
  { key: "engagement", weight: 20 },
  { key: "compliance", weight: 20 },
  { key: "technical", weight: 15 },
] as const;

export interface CriterionDraft {
  criterionID?: string;
  name: string;
  weight: string;
  levels: string[];
}

export function defaultRubric(tr: (key: MessageKey) => string): CriterionDraft[] {
  return defaults.map((c) => ({
    name: tr(`rubric.default.${c.key}.name`),
    weight: String(c.weight),
    levels: LEVELS.map((n) => tr(`rubric.default.${c.key}.${n}`)),
  }));
}
