import { api } from "../api/client";
import type { Course } from "../api/types";

/**
 * Cohort lists carry a course id but not its title, so list rows look the course up once per page
 * view; the batching client sends a screen's look-ups in one request. Editors read fresh and forget.
 */
const cache = new Map<string, Promise<Course>>();

export function loadCourse(courseID: string): Promise<Course> {
  let found = cache.get(courseID);
  if (!found) {
    found = api.course.get.query({ courseID });
    found.catch(() => cache.delete(courseID));
    cache.set(courseID, found);
  }
  return found;
}

export function forgetCourse(courseID: string): void {
  cache.delete(courseID);
}
