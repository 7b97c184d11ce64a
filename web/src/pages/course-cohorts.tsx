import { A, useParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { Cohort, Course } from "../api/types";
import { Async, createPaged, LoadMore } from "../components/async";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { t } from "../i18n";
import { CohortActions } from "../training/admin/cohort-actions";
import { CohortForm } from "../training/admin/cohort-form";
import { CohortFacts, CohortNotice, CohortStatusBadge, CourseStatusBadge, ScheduleList } from "../training/cohort-bits";
import { BackHome, CourseTabs } from "./course-manage";

/** Agency admins: the course's cohorts, a form for a new one, and cancel/defer for each. */
export function CourseCohortsPage() {
  const params = useParams<{ courseID: string }>();
  const [course, { refetch }] = createResource(
    () => params.courseID,
    (courseID) => api.course.get.query({ courseID }),
  );
  return (
    <div class="page page-narrow" data-testid="course-cohorts-page">
      <BackHome />
      <Async of={course} retry={refetch}>
        {(c) => (
          <>
            <header class="page-head page-head-row">
              <h1>{c.title}</h1>
              <CourseStatusBadge status={c.status} />
            </header>
            <CourseTabs courseID={c.courseID} active="cohorts" />
            <Cohorts course={c} />
          </>
        )}
      </Async>
    </div>
  );
}

function Cohorts(props: { course: Course }) {
  const [adding, setAdding] = createSignal(false);
  const list = createPaged(
    () => props.course.courseID,
    (courseID, cursor) => api.cohort.listByCourse.query({ courseID, cursor }),
  );
  const [members] = createResource(
    () => props.course.agencyID,
    (orgID) => api.org.members.query({ orgID }),
  );
  const names = createMemo(() => new Map((members.latest?.items ?? []).map((m) => [m.personID, m.displayName])));
  const [changed, setChanged] = createSignal<Record<string, Cohort>>({});
  const current = (c: Cohort) => changed()[c.cohortID] ?? c;

  return (
    <div class="stack">
      <Show
        when={adding()}
        fallback={
          <button type="button" class="btn btn-primary btn-block" data-testid="cohort-new" onClick={() => setAdding(true)}>
            {t("cohortForm.open")}
          </button>
        }
      >
        <Card
          title={t("cohortForm.heading")}
          action={
            <button type="button" class="btn btn-ghost btn-small" onClick={() => setAdding(false)}>
              {t("common.close")}
            </button>
          }
        >
          <CohortForm
            course={props.course}
            onCreated={() => {
              setAdding(false);
              void list.reload();
            }}
          />
        </Card>
      </Show>
      <Card title={t("manage.cohorts")} testid="course-cohorts">
        <Show when={list.state() !== "error"} fallback={<LoadError error={list.error()} retry={list.reload} />}>
          <Show when={list.state() !== "loading"} fallback={<Loading />}>
            <Show when={list.items().length} fallback={<EmptyState icon="users" title={t("manage.noCohorts")} body={t("manage.noCohortsBody")} />}>
              <ul class="list">
                <For each={list.items()}>
                  {(item) => {
                    const c = () => current(item);
                    const instructors = () =>
                      c()
                        .instructorIDs.map((id) => names().get(id))
                        .filter(Boolean)
                        .join("、");
                    return (
                      <li class="list-row list-row-wrap cohort-admin" data-testid="admin-cohort">
                        <div class="list-main stack">
                          <div class="row-head">
                            <p class="list-title">{c().title}</p>
                            <CohortStatusBadge cohort={c()} />
                          </div>
                          <CohortFacts cohort={c()} />
                          <Show when={instructors()}>
                            <p class="meta">{t("cohort.instructors", { names: instructors() })}</p>
                          </Show>
                          <CohortNotice cohort={c()} />
                          <details class="fold levels">
                            <summary>{t("cohort.scheduleCount", { count: c().schedule.length })}</summary>
                            <ScheduleList schedule={c().schedule} />
                          </details>
                          <CohortActions cohort={c()} onChanged={(next) => setChanged((m) => ({ ...m, [next.cohortID]: next }))}>
                            <A class="btn btn-secondary btn-small" href={`/teach/${c().cohortID}`} data-testid="open-roster">
                              {t("roster.open")}
                            </A>
                          </CohortActions>
                        </div>
                      </li>
                    );
                  }}
                </For>
              </ul>
              <LoadMore of={list} />
            </Show>
          </Show>
        </Show>
      </Card>
    </div>
  );
}
