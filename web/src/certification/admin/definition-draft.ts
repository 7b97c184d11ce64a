import type { Category, CertDefinition, CertDefinitionInput, NationalLevel } from "../../api/types";
import type { MessageKey } from "../../i18n/translate";
import { toInt } from "../../training/rubric";

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;

/** National Internet Marketer (互联网营销师) levels, entry level (5) first; their names are the `certs.national.*` messages. */
export const nationalLevels = ["5", "4", "3", "2", "1"] as const satisfies readonly NationalLevel[];
export const allNationalLevelsListed: Exhaustive<NationalLevel, (typeof nationalLevels)[number]> = true;

export const PLATFORM_OWNER = "zhubo";
export const LEVELS = ["1", "2", "3", "4", "5"] as const;

/** A score typed as "2.50" (also "2.5", "2", ".75", "2．5") → hundredths (250), by string, never through floats. */
export function parseHundredths(value: string): number | undefined {
  const m = /^\s*(\d{0,3})(?:[.．](\d{0,2}))?\s*$/.exec(value);
  if (!m || (!m[1] && !m[2])) return undefined;
  return Number(m[1] || "0") * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** 250 → "2.50". */
export function formatHundredths(n: number): string {
  const whole = Math.trunc(n / 100);
  return `${whole}.${String(Math.abs(n - whole * 100)).padStart(2, "0")}`;
}

export interface DefinitionDraft {
  name: string;
  description: string;
  category: Category | "";
  level: string;
  nationalLevel: NationalLevel;
  requirements: {
    lessonsPercent: string;
    practiceMinutes: string;
    practiceSessions: string;
    /** As typed, "2.50"; sent as hundredths. */
    rubricAverage: string;
    criterionFloor: string;
  };
  validityMonths: string;
  renewalWithinMonths: string;
}

export function emptyDefinition(): DefinitionDraft {
  return {
    name: "",
    description: "",
    category: "",
    level: "1",
    nationalLevel: "5",
    requirements: { lessonsPercent: "100", practiceMinutes: "240", practiceSessions: "4", rubricAverage: "2.50", criterionFloor: "2" },
    validityMonths: "12",
    renewalWithinMonths: "3",
  };
}

export function draftFromDefinition(d: CertDefinition): DefinitionDraft {
  const r = d.requirements;
  return {
    name: d.name,
    description: d.description,
    category: d.category as Category,
    level: String(d.level),
    nationalLevel: d.nationalLevel,
    requirements: {
      lessonsPercent: String(r.lessonsPercent),
      practiceMinutes: String(r.practiceMinutes),
      practiceSessions: String(r.practiceSessions),
      rubricAverage: formatHundredths(r.rubricAverage),
      criterionFloor: String(r.criterionFloor),
    },
    validityMonths: String(d.validityMonths),
    renewalWithinMonths: String(d.renewalWithinMonths),
  };
}

export type DefinitionFields = Omit<CertDefinitionInput, "ownerID">;

/** The API fields for a draft that passed checkDefinition. */
export function toDefinitionFields(d: DefinitionDraft): DefinitionFields {
  const r = d.requirements;
  return {
    name: d.name.trim(),
    description: d.description.trim(),
    category: d.category as Category,
    level: toInt(d.level) ?? 1,
    nationalLevel: d.nationalLevel,
    requirements: {
      lessonsPercent: toInt(r.lessonsPercent) ?? 0,
      practiceMinutes: toInt(r.practiceMinutes) ?? 0,
      practiceSessions: toInt(r.practiceSessions) ?? 0,
      rubricAverage: parseHundredths(r.rubricAverage) ?? 0,
      criterionFloor: toInt(r.criterionFloor) ?? 0,
    },
    validityMonths: toInt(d.validityMonths) ?? 0,
    renewalWithinMonths: toInt(d.renewalWithinMonths) ?? 0,
  };
}

const within = (n: number | undefined, min: number, max: number) => n !== undefined && n >= min && n <= max;

/** One message per field, named by the API's dotted paths so server errors land on the same boxes. */
export function checkDefinition(d: DefinitionDraft): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {};
  const need = (path: string, ok: boolean, key: MessageKey) => {
    if (!ok) out[path] = key;
  };
  const r = d.requirements;
  need("name", within(d.name.trim().length, 2, 80), "fieldHint.name");
  need("description", within(d.description.trim().length, 10, 1000), "certAdmin.hint.description");
  need("category", d.category !== "", "fieldHint.category");
  need("level", within(toInt(d.level), 1, 5), "fieldHint.level");
  need("requirements.lessonsPercent", within(toInt(r.lessonsPercent), 0, 100), "fieldHint.requirements.lessonsPercent");
  need("requirements.practiceMinutes", within(toInt(r.practiceMinutes), 0, 10_000), "fieldHint.requirements.practiceMinutes");
  need("requirements.practiceSessions", within(toInt(r.practiceSessions), 0, 500), "fieldHint.requirements.practiceSessions");
  need("requirements.rubricAverage", within(parseHundredths(r.rubricAverage), 0, 400), "fieldHint.requirements.rubricAverage");
  need("requirements.criterionFloor", within(toInt(r.criterionFloor), 0, 4), "fieldHint.requirements.criterionFloor");
  need("validityMonths", within(toInt(d.validityMonths), 1, 60), "fieldHint.validityMonths");
  need("renewalWithinMonths", within(toInt(d.renewalWithinMonths), 1, 24), "fieldHint.renewalWithinMonths");
  return out;
}
