import { A, useParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api } from "../api/client";
import { Async, createPaged } from "../components/async";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { t } from "../i18n";
import { CohortFacts, CohortStatusBadge, today } from "../training/cohort-bits";
import { CourseOverview } from "../training/course-outline";

/** A published course as learners see it, with the cohorts they can still join. */
export function CoursePage() {
  const params = useParams<{ courseID: string }>();
  const [course, { refetch }] = createResource(
    () => params.courseID,
    (courseID) => api.course.get.query({ courseID }),
  );
  const cohorts = createPaged(
    () => params.courseID,
    (courseID, cursor) => api.cohort.listByCourse.query({ courseID, cursor }),
  );
  const open = () => cohorts.items().filter((c) => c.status !== "cancelled" && c.endDate >= today());

  return (
    <div class="page page-narrow" data-testid="course-page">
      <A href="/browse?view=courses" class="back-link">
        {t("browse.back")}
      </A>
      <Async of={course} retry={refetch}>
        {(c) => (
          <div class="stack">
            <header class="page-head">
              <h1>{c.title}</h1>
            </header>
            <Card title={t("course.cohorts")} testid="course-cohort-list">
              <Show when={cohorts.state() !== "error"} fallback={<LoadError error={cohorts.error()} retry={cohorts.reload} />}>
                <Show when={cohorts.state() !== "loading"} fallback={<Loading />}>
                  <Show when={open().length} fallback={<EmptyState icon="users" title={t("course.noCohorts")} />}>
                    <ul class="list">
                      <For each={open()}>
                        {(cohort) => (
                          <li class="list-row list-row-wrap">
                            <div class="list-main">
                              <A class="list-title list-link" href={`/cohorts/${cohort.cohortID}`}>
                                {cohort.title}
                              </A>
                              <CohortFacts cohort={cohort} />
                            </div>
                            <CohortStatusBadge cohort={cohort} />
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                </Show>
              </Show>
            </Card>
            <CourseOverview course={c} />
          </div>
        )}
      </Async>
    </div>
  );
}
