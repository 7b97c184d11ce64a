import { z } from "zod/mini";
import { Clock } from "../clock/index.js";
import { Course } from "../course/index.js";
import { fn, invalid } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Person } from "../person/index.js";
import { cohortEntity } from "./entity.js";

export * as Cohort from "./index.js";

export const MAX_CAPACITY = 500;

export interface Info {
  cohortID: string;
  courseID: string;
  agencyID: string;
  title: string;
  startDate: string;
  endDate: string;
  capacity: number;
  city?: string;
  online: boolean;
  status: "scheduled" | "cancelled";
  createdAt: string;
}

const courseID = z.string().check(z.regex(/^crs_[0-9A-HJKMNP-TV-Z]{26}$/, "Unknown course"));
const day = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-01"),
  z.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "Not a real date"),
);

export const CreateSchema = z.object({
  courseID,
  title: z.string().check(z.trim(), z.minLength(2, "At least 2 characters"), z.maxLength(120, "At most 120 characters")),
  startDate: day,
  endDate: day,
  capacity: z.int().check(z.minimum(1, "At least 1 seat"), z.maximum(MAX_CAPACITY, `At most ${MAX_CAPACITY} seats`)),
  city: z.optional(z.enum(Person.cities)),
  online: z.boolean(),
});

/** A run of a course; in person (a city) or online, never neither. */
export const create = fn(CreateSchema, async (input) => {
  if (input.endDate < input.startDate) throw invalid([{ path: ["endDate"], message: "Ends before it starts" }]);
  if (!input.online && !input.city) throw invalid([{ path: ["city"], message: "Choose a city or make it online" }]);
  const course = await Course.administered(input.courseID);
  const item = { ...input, cohortID: Id.create("cohort"), agencyID: course.agencyID, status: "scheduled" as const, createdAt: Clock.iso() };
  await (await cohortEntity()).create(item).go();
  return item satisfies Info;
});

export const listByCourse = fn(z.object({ courseID, cursor: z.optional(z.nullable(z.string().check(z.maxLength(2048)))) }), async ({ courseID, cursor }) => {
  await Course.get({ courseID });
  const page = await (await cohortEntity()).query.cohortsOfCourse({ courseID }).go({ cursor: cursor ?? null, limit: 50 });
  return { items: page.data as Info[], cursor: page.cursor };
});
