import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { conflict } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Org } from "../org/index.js";
import { Tenant } from "../tenant/index.js";
import { courseEntity } from "./entity.js";

export * as Course from "./index.js";

export const languages = ["zh-CN", "en", "wuu", "yue"] as const;

export interface Info {
  courseID: string;
  agencyID: string;
  title: string;
  category: string;
  language: string;
  summary?: string;
  status: "draft" | "published";
  createdAt: string;
}

const agencyID = z.string().check(z.regex(/^agy_[0-9A-HJKMNP-TV-Z]{26}$/, "Unknown agency"));
const courseID = z.string().check(z.regex(/^crs_[0-9A-HJKMNP-TV-Z]{26}$/, "Unknown course"));
const PAGE = 50;

async function read(id: string): Promise<Info | undefined> {
  const found = await (await courseEntity()).get({ courseID: id }).go();
  return found.data ?? undefined;
}

export const CreateSchema = z.object({
  agencyID,
  title: z.string().check(z.trim(), z.minLength(2, "At least 2 characters"), z.maxLength(120, "At most 120 characters")),
  category: z.enum(Org.categories),
  language: z.enum(languages),
  summary: z.optional(z.string().check(z.trim(), z.maxLength(2000, "At most 2000 characters"))),
});

/** Agency admins of an approved agency create courses; they start as drafts. */
export const create = fn(CreateSchema, async (input) => {
  Tenant.assert("agency.not_found", { kind: "agency", id: input.agencyID }, { roles: ["admin"] });
  const agency = await Org.get({ orgID: input.agencyID });
  if (agency.status !== "active") throw conflict("agency.not_active", "Your agency is waiting for approval");
  const item = { ...input, courseID: Id.create("course"), status: "draft" as const, createdAt: Clock.iso() };
  await (await courseEntity()).create(item).go();
  return item satisfies Info;
});

/** Members of the agency (and ops) see its courses; everyone else gets NOT_FOUND. */
export const get = fn(z.object({ courseID }), ({ courseID }) =>
  Tenant.load(
    "course.not_found",
    () => read(courseID),
    (c) => ({ kind: "agency", id: c.agencyID }),
    { ops: true },
  ),
);

export const listByAgency = fn(z.object({ agencyID, cursor: z.optional(z.nullable(z.string().check(z.maxLength(2048)))) }), async ({ agencyID, cursor }) => {
  Tenant.assert("agency.not_found", { kind: "agency", id: agencyID }, { ops: true });
  const page = await (await courseEntity()).query.coursesOfAgency({ agencyID }).go({ cursor: cursor ?? null, limit: PAGE });
  return { items: page.data as Info[], cursor: page.cursor };
});

export const publish = fn(z.object({ courseID }), async ({ courseID }) => {
  const course = await Tenant.load(
    "course.not_found",
    () => read(courseID),
    (c) => ({ kind: "agency", id: c.agencyID }),
    { roles: ["admin"] },
  );
  await (await courseEntity()).patch({ courseID }).set({ status: "published" }).go();
  return { ...course, status: "published" as const };
});

/** The actor may administer the course's agency (cohort creation and later course editing). */
export async function administered(id: string): Promise<Info> {
  Actor.person();
  return Tenant.load(
    "course.not_found",
    () => read(id),
    (c) => ({ kind: "agency", id: c.agencyID }),
    { roles: ["admin"] },
  );
}
