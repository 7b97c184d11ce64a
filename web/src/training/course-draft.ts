import type { Category, Course, CourseInput, CourseLanguage } from "../api/types";
import type { MessageKey } from "../i18n/translate";
import { type CriterionDraft, rubricTotal, toInt } from "./rubric";

/** The API's size limits for a course (packages/core course/content.ts), checked here first for instant feedback. */
export const COURSE_LIMITS = { modules: 20, lessonsPerModule: 30, lessons: 100, body: 5000, criteria: 10 } as const;
/** A practice session counts from this length (course/content.ts); at most the longest slot. */
export const DEFAULT_MIN_SESSION_MINUTES = 10;
export const MAX_MIN_SESSION_MINUTES = 120;

export interface LessonDraft {
  lessonID?: string;
  title: string;
  body: string;
  videoURL: string;
  minutes: string;
}

export interface ModuleDraft {
  moduleID?: string;
  title: string;
  lessons: LessonDraft[];
}

/** What the editor holds: every box as typed, and the ids of existing parts so completed lessons stay valid. */
export interface CourseDraft {
  title: string;
  category: Category | "";
  language: CourseLanguage;
  summary: string;
  modules: ModuleDraft[];
  requirement: { minutes: string; sessions: string; minSessionMinutes: string };
  rubric: CriterionDraft[];
  /** The approved certification the course leads to; "" for none. */
  certificationID: string;
}

export const newLesson = (): LessonDraft => ({ title: "", body: "", videoURL: "", minutes: "30" });
export const newModule = (): ModuleDraft => ({ title: "", lessons: [newLesson()] });
export const newCriterion = (): CriterionDraft => ({ name: "", weight: "", levels: ["", "", "", "", ""] });

export function emptyDraft(rubric: CriterionDraft[]): CourseDraft {
  return {
    title: "",
    category: "",
    language: "zh-CN",
    summary: "",
    modules: [newModule()],
    requirement: { minutes: "600", sessions: "10", minSessionMinutes: String(DEFAULT_MIN_SESSION_MINUTES) },
    rubric,
    certificationID: "",
  };
}

export function draftFromCourse(course: Course): CourseDraft {
  return {
    title: course.title,
    category: course.category as Category,
    language: course.language as CourseLanguage,
    summary: course.summary ?? "",
    modules: course.modules.map((m) => ({
      moduleID: m.moduleID,
      title: m.title,
      lessons: m.lessons.map((l) => ({ lessonID: l.lessonID, title: l.title, body: l.body, videoURL: l.videoURL ?? "", minutes: String(l.minutes) })),
    })),
    requirement: {
      minutes: String(course.requirement.minutes),
      sessions: String(course.requirement.sessions),
      // Courses saved before the setting count from the default, as the API does.
      minSessionMinutes: String(course.requirement.minSessionMinutes ?? DEFAULT_MIN_SESSION_MINUTES),
    },
    rubric: course.rubric.map((c) => ({ criterionID: c.criterionID, name: c.name, weight: String(c.weight), levels: [...c.levels] })),
    certificationID: course.certificationID ?? "",
  };
}

export type CourseContent = Omit<CourseInput, "agencyID">;

/** The API input for a draft that passed checkDraft. */
export function toInput(d: CourseDraft): CourseContent {
  const summary = d.summary.trim();
  return {
    title: d.title.trim(),
    category: d.category as Category,
    language: d.language,
    summary: summary || undefined,
    modules: d.modules.map((m) => ({
      moduleID: m.moduleID,
      title: m.title.trim(),
      lessons: m.lessons.map((l) => ({
        lessonID: l.lessonID,
        title: l.title.trim(),
        body: l.body,
        videoURL: l.videoURL.trim() || undefined,
        minutes: toInt(l.minutes) ?? 0,
      })),
    })),
    requirement: {
      minutes: toInt(d.requirement.minutes) ?? 0,
      sessions: toInt(d.requirement.sessions) ?? 0,
      minSessionMinutes: toInt(d.requirement.minSessionMinutes) ?? DEFAULT_MIN_SESSION_MINUTES,
    },
    rubric: d.rubric.map((c) => ({ criterionID: c.criterionID, name: c.name.trim(), weight: toInt(c.weight) ?? 0, levels: c.levels.map((l) => l.trim()) })),
    // An update without it takes the course's certification away, so the draft's choice always goes.
    certificationID: d.certificationID || undefined,
  };
}

const within = (value: string, min: number, max: number) => {
  const n = toInt(value);
  return n !== undefined && n >= min && n <= max;
};

/** One message per dotted field path, named as the API names them (so server errors land on the same boxes). */
export function checkDraft(d: CourseDraft): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {};
  const need = (path: string, ok: boolean, key: MessageKey) => {
    if (!ok) out[path] ??= key;
  };
  need("title", d.title.trim().length >= 2 && d.title.trim().length <= 120, "fieldHint.title");
  need("category", d.category !== "", "fieldHint.category");
  need("summary", d.summary.trim().length <= 2000, "fieldHint.summary");
  d.modules.forEach((m, mi) => {
    need(`modules.${mi}.title`, m.title.trim().length >= 1 && m.title.trim().length <= 120, "fieldHint.modules.title");
    m.lessons.forEach((l, li) => {
      const at = `modules.${mi}.lessons.${li}`;
      need(`${at}.title`, l.title.trim().length >= 1 && l.title.trim().length <= 120, "fieldHint.modules.lessons.title");
      need(`${at}.body`, l.body.length <= COURSE_LIMITS.body, "fieldHint.modules.lessons.body");
      need(`${at}.videoURL`, l.videoURL.trim() === "" || /^https:\/\/\S+$/.test(l.videoURL.trim()), "fieldHint.modules.lessons.videoURL");
      need(`${at}.minutes`, within(l.minutes, 1, 600), "fieldHint.modules.lessons.minutes");
    });
  });
  need("requirement.minutes", within(d.requirement.minutes, 0, 10_000), "fieldHint.requirement.minutes");
  need("requirement.sessions", within(d.requirement.sessions, 0, 500), "fieldHint.requirement.sessions");
  need("requirement.minSessionMinutes", within(d.requirement.minSessionMinutes, 1, MAX_MIN_SESSION_MINUTES), "fieldHint.requirement.minSessionMinutes");
  d.rubric.forEach((c, ci) => {
    need(`rubric.${ci}.name`, c.name.trim().length >= 1 && c.name.trim().length <= 60, "fieldHint.rubric.name");
    need(`rubric.${ci}.weight`, within(c.weight, 1, 100), "fieldHint.rubric.weight");
    c.levels.forEach((level, n) => {
      need(`rubric.${ci}.levels.${n}`, level.trim().length >= 1 && level.trim().length <= 300, "fieldHint.rubric.levels");
    });
  });
  need("rubric", d.rubric.length >= 1 && rubricTotal(d.rubric.map((c) => c.weight)) === 100, "fieldHint.rubric");
  return out;
}

export function lessonCount(d: Pick<CourseDraft, "modules">): number {
  return d.modules.reduce((n, m) => n + m.lessons.length, 0);
}

/** Moves an item one place up or down; out-of-range moves leave the list as it is. */
export function moved<T>(list: readonly T[], from: number, step: -1 | 1): T[] {
  const to = from + step;
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}
