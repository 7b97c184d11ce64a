import { z } from "zod/mini";
import { Id } from "../id/index.js";
import { Text } from "../text/index.js";

/**
 * What a course teaches and asks for: modules → lessons, the practice requirement and the
 * scoring rubric. Stored inside the course item, so the sizes are bounded to stay far below
 * DynamoDB's 400 KB item limit (20 modules, 100 lessons, 5,000-character bodies).
 */
export const LIMITS = { modules: 20, lessonsPerModule: 30, lessons: 100, body: 5000, criteria: 10 } as const;

const idOf = (kind: Id.Prefix, label: string) => z.optional(Id.schema(label, kind));

export const LessonSchema = z.object({
  lessonID: idOf("lesson", "lesson"),
  title: Text.line({ min: 1, short: "Enter a title", max: 120 }),
  body: z.string().check(z.maxLength(LIMITS.body, `At most ${LIMITS.body} characters`)),
  videoURL: z.optional(z.string().check(z.maxLength(500), z.regex(/^https:\/\/[^\s]+$/, "Use an https:// link"))),
  minutes: z.int().check(z.minimum(1, "At least 1 minute"), z.maximum(600, "At most 600 minutes")),
});

export const ModuleSchema = z.object({
  moduleID: idOf("module", "module"),
  title: Text.line({ min: 1, short: "Enter a title", max: 120 }),
  lessons: z.array(LessonSchema).check(z.maxLength(LIMITS.lessonsPerModule, `At most ${LIMITS.lessonsPerModule} lessons in a module`)),
});

/** A practice session shorter than this counts for nothing (a test push isn't practice); courses saved before the setting get it too. */
export const DEFAULT_MIN_SESSION_MINUTES = 10;
/** A slot is at most 120 minutes, so a longer minimum could never be met. */
export const MAX_MIN_SESSION_MINUTES = 120;

export const RequirementSchema = z.object({
  minutes: z.int().check(z.minimum(0, "Cannot be negative"), z.maximum(10_000, "At most 10000 minutes")),
  sessions: z.int().check(z.minimum(0, "Cannot be negative"), z.maximum(500, "At most 500 sessions")),
  /** The shortest session that counts towards minutes and sessions. */
  minSessionMinutes: z._default(
    z
      .int()
      .check(z.minimum(1, "At least 1 minute"), z.maximum(MAX_MIN_SESSION_MINUTES, `At most ${MAX_MIN_SESSION_MINUTES} minutes (the longest practice slot)`)),
    DEFAULT_MIN_SESSION_MINUTES,
  ),
});

/** Scores run 0–4, so each criterion describes exactly five levels. */
export const CriterionSchema = z.object({
  criterionID: idOf("criterion", "criterion"),
  name: Text.line({ min: 1, short: "Enter a name", max: 60 }),
  weight: z.int().check(z.minimum(1, "At least 1"), z.maximum(100, "At most 100")),
  levels: z.array(Text.line({ min: 1, short: "Describe this level", max: 300 })).check(z.length(5, "Describe levels 0 to 4")),
});

export const RubricSchema = z.array(CriterionSchema).check(
  z.minLength(1, "Add at least one criterion"),
  z.maxLength(LIMITS.criteria, `At most ${LIMITS.criteria} criteria`),
  z.refine((criteria) => criteria.reduce((sum, c) => sum + c.weight, 0) === 100, "Weights must add up to 100"),
);

export const ModulesSchema = z.array(ModuleSchema).check(
  z.maxLength(LIMITS.modules, `At most ${LIMITS.modules} modules`),
  z.refine((modules) => modules.reduce((n, m) => n + m.lessons.length, 0) <= LIMITS.lessons, `At most ${LIMITS.lessons} lessons in a course`),
);

export interface Module {
  moduleID: string;
  title: string;
  lessons: (z.output<typeof LessonSchema> & { lessonID: string })[];
}
export type Lesson = Module["lessons"][number];
/** As stored: courses and enrolments saved before `minSessionMinutes` existed have none (see minSessionSeconds). */
export type Requirement = Omit<z.output<typeof RequirementSchema>, "minSessionMinutes"> & { minSessionMinutes?: number };
export type Criterion = z.output<typeof CriterionSchema> & { criterionID: string };

/** Keeps the ids an edit sends back (so completed lessons stay completed) and gives new parts new ids. */
export function withIDs(modules: z.output<typeof ModulesSchema>, rubric: z.output<typeof RubricSchema>): { modules: Module[]; rubric: Criterion[] } {
  return {
    modules: modules.map((m) => ({
      moduleID: m.moduleID ?? Id.create("module"),
      title: m.title,
      lessons: m.lessons.map((l) => ({ ...l, lessonID: l.lessonID ?? Id.create("lesson") })),
    })),
    rubric: rubric.map((c) => ({ ...c, criterionID: c.criterionID ?? Id.create("criterion") })),
  };
}

/** The shortest session that counts, in seconds, for a requirement as stored (enrolments made before the setting have none). */
export function minSessionSeconds(requirement: Pick<Requirement, "minSessionMinutes"> | undefined): number {
  return (requirement?.minSessionMinutes ?? DEFAULT_MIN_SESSION_MINUTES) * 60;
}

export function lessonIDs(modules: Module[]): string[] {
  return modules.flatMap((m) => m.lessons.map((l) => l.lessonID));
}

export function totalMinutes(modules: Module[]): number {
  return modules.reduce((n, m) => n + m.lessons.reduce((k, l) => k + l.minutes, 0), 0);
}
