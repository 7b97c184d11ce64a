import { Cohort } from "../cohort/index.js";
import { Course } from "../course/index.js";
import { fn } from "../fn/index.js";

export * as Catalogue from "./index.js";

/**
 * What learners can find: a course and its cohorts go into the catalogue together and leave it
 * together, so a cohort of an unpublished course can never be enrolled in.
 */
export const publish = fn(Course.CourseRef, async ({ courseID }) => {
  const course = await Course.setStatus(courseID, "published");
  await Cohort.relist(courseID, "open");
  return course;
});

export const unpublish = fn(Course.CourseRef, async ({ courseID }) => {
  const course = await Course.setStatus(courseID, "draft");
  await Cohort.relist(courseID, "hidden");
  return course;
});

/** Editing a course renames its cohorts' copied title too. */
export const update = fn(Course.UpdateSchema, async (input) => {
  const course = await Course.update(input);
  await Cohort.retitle(course.courseID, course.title);
  return course;
});
