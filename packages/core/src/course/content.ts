import { z } from "zod/mini";
import { Id } from "../id/index.js";

/**
 * What a course teaches and asks for: modules → lessons, the practice requirement and the
 * scoring rubric. Stored inside the course item, so the sizes are bounded to stay far below
 * DynamoDB's 400 KB item limit (20 modules, 100 lessons, 5,000-character bodies).
 */
export const LIMITS = { modules: 20, lessonsPerModule: 30, lessons: 100, body: 5000, criteria: 10 } as const;

const idOf = (kind: Id.Prefix, label: string) => z.optional(Id.schema(label, kind));

export const LessonSchema = z.object({
  lessonID: idOf("lesson", "lesson"),
  title: z.string().check(z.trim(), z.minLength(1, "Enter a title"), z.maxLength(120, "At most 120 characters")),
  body: z.string().check(z.maxLength(LIMITS.body, `At most ${LIMITS.body} characters`)),
  videoURL: z.optional(z.string().check(z.maxLength(500), z.regex(/^https:\/\/[^\s]+$/, "Use an https:// link"))),
  minutes: z.int().check(z.minimum(1, "At least 1 minute"), z.maximum(600, "At most 600 minutes")),
});

export const ModuleSchema = z.object({
  moduleID: idOf("module", "module"),
  title: z.string().check(z.trim(), z.minLength(1, "Enter a title"), z.maxLength(120, "At most 120 characters")),
  lessons: z.array(LessonSchema).check(z.maxLength(LIMITS.lessonsPerModule, `At most ${LIMITS.lessonsPerModule} lessons in a module`)),
});

export const RequirementSchema = z.object({
  minutes: z.int().check(z.minimum(0, "Cannot be negative"), z.maximum(10_000, "At most 10000 minutes")),
  sessions: z.int().check(z.minimum(0, "Cannot be negative"), z.maximum(500, "At most 500 sessions")),
});

/** Scores run 0–4, so each criterion describes exactly five levels. */
export const CriterionSchema = z.object({
  criterionID: idOf("criterion", "criterion"),
  name: z.string().check(z.trim(), z.minLength(1, "Enter a name"), z.maxLength(60, "At most 60 characters")),
  weight: z.int().check(z.minimum(1, "At least 1"), z.maximum(100, "At most 100")),
  levels: z
    .array(z.string().check(z.trim(), z.minLength(1, "Describe this level"), z.maxLength(300, "At most 300 characters")))
    .check(z.length(5, "Describe levels 0 to 4")),
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
export type Requirement = z.output<typeof RequirementSchema>;
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

export function lessonIDs(modules: Module[]): string[] {
  return modules.flatMap((m) => m.lessons.map((l) => l.lessonID));
}

export function totalMinutes(modules: Module[]): number {
  return modules.reduce((n, m) => n + m.lessons.reduce((k, l) => k + l.minutes, 0), 0);
}
