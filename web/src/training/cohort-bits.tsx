import { createResource, For, Show } from "solid-js";
import type { Cohort, CourseSummary } from "../api/types";
import { loaded } from "../components/async";
import { locale, type MessageKey, t } from "../i18n";
import { formatClassTime, formatDayRange } from "../i18n/format";
import { cityName } from "../i18n/names";
import { loadCourse } from "./course-cache";
import { chinaDay, phaseOf } from "./dates";

export const today = () => chinaDay(Date.now());

type Dated = Pick<Cohort, "startDate" | "endDate" | "status">;

const statusKeys: Record<Cohort["status"] | "upcoming" | "running" | "ended", { key: MessageKey; tone: string }> = {
  upcoming: { key: "cohort.phase.upcoming", tone: "info" },
  running: { key: "cohort.phase.running", tone: "active" },
  ended: { key: "cohort.phase.ended", tone: "muted" },
  scheduled: { key: "cohort.phase.upcoming", tone: "info" },
  deferred: { key: "cohort.status.deferred", tone: "pending" },
  cancelled: { key: "cohort.status.cancelled", tone: "rejected" },
};

/** Cancelled and deferred say so; a scheduled cohort shows where it is on the calendar. */
export function CohortStatusBadge(props: { cohort: Dated }) {
  const s = () => statusKeys[props.cohort.status === "scheduled" ? phaseOf(props.cohort, today()) : props.cohort.status];
  return (
    <span class={`badge badge-${s().tone}`} data-testid="cohort-status">
      {t(s().key)}
    </span>
  );
}

export function CourseStatusBadge(props: { status: CourseSummary["status"] }) {
  return (
    <span class={`badge ${props.status === "published" ? "badge-active" : "badge-pending"}`} data-testid="course-status">
      {t(props.status === "published" ? "course.status.published" : "course.status.draft")}
    </span>
  );
}

export function placeOf(c: Pick<Cohort, "online" | "city">): string {
  if (!c.online) return cityName(c.city);
  return c.city ? `${t("cohort.online")} · ${cityName(c.city)}` : t("cohort.online");
}

export function seatsText(c: Pick<Cohort, "enrolled" | "capacity">): string {
  const left = c.capacity - c.enrolled;
  return left > 0 ? t("cohort.seatsLeft", { count: left, capacity: c.capacity }) : t("cohort.full");
}

export const dayRange = (c: Pick<Cohort, "startDate" | "endDate">) => formatDayRange(c.startDate, c.endDate, locale());

/** "Dec 1 – Dec 20, 2026 · Suzhou · 5 of 30 seats left" */
export function CohortFacts(props: { cohort: Cohort; seats?: boolean }) {
  return (
    <p class="meta">{[dayRange(props.cohort), placeOf(props.cohort), props.seats === false ? "" : seatsText(props.cohort)].filter(Boolean).join(" · ")}</p>
  );
}

/** What learners must be told: a deferred or cancelled cohort and the agency's reason. */
export function CohortNotice(props: { cohort: Pick<Cohort, "status" | "statusReason"> }) {
  return (
    <Show when={props.cohort.status !== "scheduled"}>
      <p class={`notice ${props.cohort.status === "cancelled" ? "notice-error" : "notice-warn"}`} data-testid="cohort-notice">
        {t(props.cohort.status === "cancelled" ? "cohort.notice.cancelled" : "cohort.notice.deferred", { reason: props.cohort.statusReason ?? "" })}
      </p>
    </Show>
  );
}

export function ScheduleList(props: { schedule: Cohort["schedule"] }) {
  const now = () => Date.now();
  return (
    <Show when={props.schedule.length} fallback={<p class="muted">{t("cohort.schedule.none")}</p>}>
      <ol class="schedule" data-testid="schedule">
        <For each={props.schedule}>
          {(c) => (
            <li classList={{ "schedule-past": Date.parse(c.startsAt) + c.minutes * 60_000 < now() }}>
              <span class="schedule-time">{formatClassTime(c.startsAt, locale())}</span>
              <span class="schedule-title">{c.title}</span>
              <span class="meta">{t("common.minutes", { count: c.minutes })}</span>
            </li>
          )}
        </For>
      </ol>
    </Show>
  );
}

/** A course's title for a cohort row; blank while loading or when the course is no longer visible. */
export function CourseTitle(props: { courseID: string; class?: string }) {
  const [course] = createResource(() => props.courseID, loadCourse);
  return <span class={props.class}>{loaded(course)?.title ?? ""}</span>;
}

/** Minutes as hours with at most one decimal: how the national standard counts training. */
export const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
