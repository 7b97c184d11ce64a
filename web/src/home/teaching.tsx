import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { api } from "../api/client";
import { createPaged, LoadMore } from "../components/async";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { t } from "../i18n";
import { CohortFacts, CohortStatusBadge, CourseTitle } from "../training/cohort-bits";

/** Instructors: the cohorts that name them, each opening its roster. */
export function Teaching() {
  const list = createPaged(
    () => true,
    (_, cursor) => api.cohort.teaching.query({ cursor }),
  );
  return (
    <Card title={t("instructor.cohorts.title")} testid="my-cohorts">
      <Show when={list.state() !== "error"} fallback={<LoadError error={list.error()} retry={list.reload} />}>
        <Show when={list.state() !== "loading"} fallback={<Loading />}>
          <Show
            when={list.items().length}
            fallback={<EmptyState icon="users" title={t("instructor.cohorts.emptyTitle")} body={t("instructor.cohorts.emptyBody")} />}
          >
            <ul class="list">
              <For each={list.items()}>
                {(c) => (
                  <li class="list-row list-row-wrap" data-testid="teaching-cohort">
                    <div class="list-main">
                      <CourseTitle courseID={c.courseID} class="meta" />
                      <A class="list-title list-link" href={`/teach/${c.cohortID}`}>
                        {c.title}
                      </A>
                      <CohortFacts cohort={c} seats={false} />
                      <p class="meta">{t("roster.enrolledOf", { enrolled: c.enrolled, capacity: c.capacity })}</p>
                    </div>
                    <CohortStatusBadge cohort={c} />
                    <A class="btn btn-secondary btn-small row-actions" href={`/teach/${c.cohortID}`} data-testid="open-roster">
                      {t("roster.open")}
                    </A>
                  </li>
                )}
              </For>
            </ul>
            <LoadMore of={list} />
          </Show>
        </Show>
      </Show>
    </Card>
  );
}
