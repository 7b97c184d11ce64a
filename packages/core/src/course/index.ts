import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import * as Definitions from "../certification/definition.js";
import { Clock } from "../clock/index.js";
import { conflict, isConditionFailure } from "../error/index.js";
import { fn, invalid } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Org } from "../org/index.js";
import { Page } from "../page/index.js";
import { Tenant } from "../tenant/index.js";
import { Text } from "../text/index.js";
import { type Criterion, lessonIDs, type Module, ModulesSchema, type Requirement, RequirementSchema, RubricSchema, withIDs } from "./content.js";
import { courseEntity } from "./entity.js";

export {
  type Criterion,
  DEFAULT_MIN_SESSION_MINUTES,
  type Lesson,
  LIMITS,
  lessonIDs,
  MAX_MIN_SESSION_MINUTES,
  type Module,
  minSessionSeconds,
  type Requirement,
  totalMinutes,
} from "./content.js";
export * as Course from "./index.js";

export const languages = ["zh-CN", "en", "wuu", "yue"] as const;
const PAGE = 50;

export interface Info {
  courseID: string;
  agencyID: string;
  title: string;
  category: string;
  language: string;
  summary?: string;
  modules: Module[];
  requirement: Requirement;
  rubric: Criterion[];
  certificationID?: string;
  version: number;
  status: "draft" | "published";
  createdAt: string;
  updatedAt: string;
}

/** What a catalogue list shows: no lesson bodies. */
export type Summary = Omit<Info, "modules" | "rubric"> & { lessons: number; minutes: number };

const agencyID = Id.schema("agency", "agency");
const courseID = Id.schema("course", "course");
const cursor = Page.cursor;

const Fields = {
  title: Text.line({ min: 2, max: 120 }),
  category: z.enum(Org.categories),
  language: z.enum(languages),
  summary: z.optional(Text.prose({ max: 2000 })),
  modules: ModulesSchema,
  requirement: RequirementSchema,
  rubric: RubricSchema,
  certificationID: z.optional(Id.schema("certification", "definition")),
};

/** The certification a course leads to must be approved and the platform's or the agency's own. */
async function assertCertification(agencyID: string, id: string | undefined): Promise<void> {
  if (id && !(await Definitions.usableBy(agencyID, id))) throw invalid([{ path: ["certificationID"], message: "Pick an approved certification" }]);
}

async function read(id: string): Promise<Info | undefined> {
  const found = await (await courseEntity()).get({ courseID: id }).go();
  return (found.data as Info | null) ?? undefined;
}

export function summarise(course: Info): Summary {
  const { modules, rubric: _rubric, ...rest } = course;
  const lessons = modules.flatMap((m) => m.lessons);
  return { ...rest, lessons: lessons.length, minutes: lessons.reduce((n, l) => n + l.minutes, 0) };
}

/** Who may see a course: anyone once published; its agency (and ops) while a draft. */
const visible = (c: Info): Tenant.Ref => (c.status === "published" ? { kind: "public" } : { kind: "agency", id: c.agencyID });

export const CreateSchema = z.object({ agencyID, ...Fields, modules: z.optional(ModulesSchema) });

/** Agency admins of an approved agency create courses; they start as drafts. */
export const create = fn(CreateSchema, async (input) => {
  Tenant.assert("agency.not_found", { kind: "agency", id: input.agencyID }, { roles: ["admin"] });
  const agency = await Org.get({ orgID: input.agencyID });
  if (agency.status !== "active") throw conflict("agency.not_active", "Your agency is waiting for approval");
  await assertCertification(input.agencyID, input.certificationID);
  const now = Clock.iso();
  const { modules, rubric } = withIDs(input.modules ?? [], input.rubric);
  const item: Info = { ...input, modules, rubric, courseID: Id.create("course"), status: "draft", version: 1, createdAt: now, updatedAt: now };
  await (await courseEntity()).create(item).go();
  return item;
});

export const UpdateSchema = z.object({ courseID, version: z.int(), ...Fields });

/**
 * Replaces the course's content. `version` is the one the editor loaded: an edit made meanwhile
 * by someone else is a conflict, not silently overwritten. Enrolled learners keep the
 * requirement and rubric snapshotted at enrolment.
 */
export const update = fn(UpdateSchema, async (input) => {
  const course = await administered(input.courseID);
  await assertCertification(course.agencyID, input.certificationID);
  const { modules, rubric } = withIDs(input.modules, input.rubric);
  const next: Info = { ...course, ...input, certificationID: input.certificationID, modules, rubric, version: course.version + 1, updatedAt: Clock.iso() };
  try {
    const patch = (await courseEntity()).patch({ courseID: input.courseID }).composite({ createdAt: course.createdAt }).set({
      title: next.title,
      category: next.category,
      language: next.language,
      summary: next.summary,
      modules,
      rubric,
      requirement: next.requirement,
      version: next.version,
      updatedAt: next.updatedAt,
    });
    // Leading to no certification any more removes the link.
    await (input.certificationID ? patch.set({ certificationID: input.certificationID }) : patch.remove(["certificationID"]))
      .where((a, op) => op.eq(a.version, input.version))
      .go();
  } catch (e) {
    if (isConditionFailure(e)) throw conflict("course.edited_elsewhere", "Someone else saved this course meanwhile. Reload and try again.");
    throw e;
  }
  return next;
});

export const CourseRef = z.object({ courseID });

/** Publishing needs at least one lesson. Catalogue.publish/unpublish call this and relist the cohorts. */
export async function setStatus(id: string, status: Info["status"]): Promise<Info> {
  const course = await administered(id);
  if (status === "published" && lessonIDs(course.modules).length === 0) {
    throw conflict("course.empty", "Add at least one lesson before publishing", { modules: "Add at least one lesson" });
  }
  await (await courseEntity())
    .patch({ courseID: id })
    .composite({ category: course.category, createdAt: course.createdAt })
    .set({ status, updatedAt: Clock.iso() })
    .go();
  return { ...course, status };
}

export const get = fn(z.object({ courseID }), ({ courseID }) => Tenant.load("course.not_found", () => read(courseID), visible, { ops: true }));

export const listByAgency = fn(z.object({ agencyID, cursor }), async ({ agencyID, cursor }) => {
  Tenant.assert("agency.not_found", { kind: "agency", id: agencyID }, { ops: true });
  const q = Page.query("course.listByAgency", agencyID);
  const page = await (await courseEntity()).query.coursesOfAgency({ agencyID }).go({ cursor: Page.open(q, cursor), limit: PAGE });
  return { items: (page.data as Info[]).map(summarise), cursor: Page.seal(q, page.cursor) };
});

/** The catalogue: published courses, all or one category, served by the catalogue index. */
export const browse = fn(z.object({ category: z.optional(z.enum(Org.categories)), cursor }), async ({ category, cursor }) => {
  const query = (await courseEntity()).query.catalogue({ status: "published", ...(category ? { category } : {}) });
  const q = Page.query("course.browse", category);
  const page = await query.go({ cursor: Page.open(q, cursor), limit: PAGE });
  return { items: (page.data as Info[]).map(summarise), cursor: Page.seal(q, page.cursor) };
});

/** The course, when the actor may administer its agency (cohort creation, editing). */
export async function administered(id: string): Promise<Info> {
  Actor.person();
  return Tenant.load(
    "course.not_found",
    () => read(id),
    (c) => ({ kind: "agency", id: c.agencyID }),
    { roles: ["admin"] },
  );
}

/** For sibling modules (cohorts, enrolment) that have already checked access. */
export const load = read;
