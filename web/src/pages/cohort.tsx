import { A, useParams } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { api } from "../api/client";
import { toApiError } from "../api/errors";
import { Async, loaded } from "../components/async";
import { Card } from "../components/ui";
import { t } from "../i18n";
import { CohortFacts, CohortNotice, CohortStatusBadge, ScheduleList } from "../training/cohort-bits";
import { CourseOverview } from "../training/course-outline";
import { EnrolPanel } from "../training/enrol-panel";

/** A cohort as a learner sees it before and after enrolling: dates, place, live classes, the course, and enrol/withdraw. */
export function CohortPage() {
  const params = useParams<{ cohortID: string }>();
  const [cohort, { refetch }] = createResource(
    () => params.cohortID,
    (cohortID) => api.cohort.get.query({ cohortID }),
  );
  const [course] = createResource(
    () => loaded(cohort)?.courseID,
    (courseID) => api.course.get.query({ courseID }),
  );
  // Not enrolled is an answer here, not an error.
  const [mine, { refetch: refetchMine }] = createResource(
    () => params.cohortID,
    (cohortID) =>
      api.enrolment.progress.query({ cohortID }).catch((e: unknown) => {
        if (toApiError(e).code === "enrolment.not_found") return null;
        throw e;
      }),
  );
  const reload = () => Promise.all([refetch(), refetchMine()]);

  return (
    <div class="page page-narrow" data-testid="cohort-page">
      <A href="/browse" class="back-link">
        {t("browse.back")}
      </A>
      <Async of={cohort} retry={refetch}>
        {(c) => (
          <div class="stack">
            <header class="page-head">
              <p class="muted" data-testid="cohort-course-title">
                {c.courseTitle} · {c.agencyName}
              </p>
              <div class="page-head-row">
                <h1>{c.title}</h1>
                <CohortStatusBadge cohort={loaded(cohort) ?? c} />
              </div>
              <CohortFacts cohort={loaded(cohort) ?? c} seats={false} />
              <Show when={c.instructors.length > 0}>
                <p class="meta" data-testid="cohort-instructors">
                  {t("cohort.taughtBy", { names: c.instructors.map((i) => i.displayName).join("、") })}
                </p>
              </Show>
            </header>
            <CohortNotice cohort={loaded(cohort) ?? c} />
            <Show when={mine.state === "ready" || mine.state === "refreshing" || mine.state === "errored"}>
              <EnrolPanel cohort={loaded(cohort) ?? c} mine={loaded(mine) ?? null} onChanged={reload} />
            </Show>
            <Card title={t("cohort.schedule")}>
              <ScheduleList schedule={c.schedule} />
            </Card>
            <Show when={loaded(course)}>{(co) => <CourseOverview course={co()} />}</Show>
          </div>
        )}
      </Async>
    </div>
  );
}
