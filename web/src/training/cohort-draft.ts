import { isCity } from "../api/catalog";
import type { CohortInput } from "../api/types";
import type { MessageKey } from "../i18n/translate";
import { addDays, classStart, isDay, isTime } from "./dates";
import { toInt } from "./rubric";

export interface ClassDraft {
  title: string;
  day: string;
  time: string;
  minutes: string;
}

export interface CohortDraft {
  title: string;
  startDate: string;
  endDate: string;
  capacity: string;
  online: boolean;
  city: string;
  instructorIDs: string[];
  schedule: ClassDraft[];
}

/** A cohort starting in two weeks and running about two months, which is how agencies usually plan. */
export function emptyCohort(today: string, city = ""): CohortDraft {
  const startDate = addDays(today, 14);
  return { title: "", startDate, endDate: addDays(startDate, 60), capacity: "30", online: false, city, instructorIDs: [], schedule: [] };
}

export const newClass = (day: string): ClassDraft => ({ title: "", day, time: "19:30", minutes: "120" });

const within = (value: string, min: number, max: number) => {
  const n = toInt(value);
  return n !== undefined && n >= min && n <= max;
};

/** Problems by the API's field paths; a live class's day and time are both reported on `schedule.N.startsAt`. */
export function checkCohort(d: CohortDraft): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {};
  const need = (path: string, ok: boolean, key: MessageKey) => {
    if (!ok) out[path] ??= key;
  };
  need("title", d.title.trim().length >= 2 && d.title.trim().length <= 120, "fieldHint.title");
  need("startDate", isDay(d.startDate), "fieldHint.startDate");
  need("endDate", isDay(d.endDate) && (!isDay(d.startDate) || d.endDate >= d.startDate), "fieldHint.endDate");
  need("capacity", within(d.capacity, 1, 500), "fieldHint.capacity");
  need("city", d.online || isCity(d.city), "fieldHint.cityInPerson");
  d.schedule.forEach((c, i) => {
    need(`schedule.${i}.title`, c.title.trim().length >= 1 && c.title.trim().length <= 120, "fieldHint.schedule.title");
    const inDates = isDay(c.day) && c.day >= d.startDate && c.day <= d.endDate;
    need(`schedule.${i}.startsAt`, inDates && isTime(c.time), "fieldHint.schedule.startsAt");
    need(`schedule.${i}.minutes`, within(c.minutes, 15, 600), "fieldHint.schedule.minutes");
  });
  return out;
}

/** The API input for a draft that passed checkCohort. */
export function toCohortInput(courseID: string, d: CohortDraft): CohortInput {
  return {
    courseID,
    title: d.title.trim(),
    startDate: d.startDate,
    endDate: d.endDate,
    capacity: toInt(d.capacity) ?? 0,
    online: d.online,
    city: isCity(d.city) ? d.city : undefined,
    instructorIDs: d.instructorIDs,
    schedule: d.schedule.map((c) => ({ title: c.title.trim(), startsAt: classStart(c.day, c.time), minutes: toInt(c.minutes) ?? 0 })),
  };
}
