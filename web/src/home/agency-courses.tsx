import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api } from "../api/client";
import { createPaged, LoadMore, loaded } from "../components/async";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { t } from "../i18n";
import { categoryName } from "../i18n/names";
import { CourseStatusBadge, hours } from "../training/cohort-bits";

/** An agency's courses, drafts and published, with the way in to edit each and run its cohorts. */
export function AgencyCourses(props: { orgID: string }) {
  const [org] = createResource(
    () => props.orgID,
    (orgID) => api.org.get.query({ orgID }),
  );
  const active = () => loaded(org)?.status === "active";
  const list = createPaged(
    () => props.orgID,
    (agencyID, cursor) => api.course.listByAgency.query({ agencyID, cursor }),
  );
  const title = () => (loaded(org) ? t("agencyCourses.titleOf", { org: loaded(org)?.name ?? "" }) : t("agencyCourses.title"));

  return (
    <Card
      title={title()}
      testid="agency-courses"
      action={
        <Show when={active()}>
          <A href={`/manage/courses/new?agency=${props.orgID}`} class="btn btn-primary btn-small" data-testid="course-new">
            {t("agencyCourses.new")}
          </A>
        </Show>
      }
    >
      <Show when={loaded(org) && !active()}>
        <p class="notice notice-info">{t("agencyCourses.waitForApproval")}</p>
      </Show>
      <Show when={list.state() !== "error"} fallback={<LoadError error={list.error()} retry={list.reload} />}>
        <Show when={list.state() !== "loading"} fallback={<Loading />}>
          <Show when={list.items().length} fallback={<EmptyState icon="book" title={t("agencyCourses.emptyTitle")} body={t("agencyCourses.emptyBody")} />}>
            <ul class="list">
              <For each={list.items()}>
                {(c) => (
                  <li class="list-row list-row-wrap" data-testid="agency-course">
                    <div class="list-main">
                      <A class="list-title list-link" href={`/manage/courses/${c.courseID}`}>
                        {c.title}
                      </A>
                      <p class="meta">
                        {[categoryName(c.category), t("course.lessonsCount", { count: c.lessons }), t("course.hours", { hours: hours(c.minutes) })].join(" · ")}
                      </p>
                    </div>
                    <CourseStatusBadge status={c.status} />
                    <div class="button-row row-actions">
                      <A class="btn btn-secondary btn-small" href={`/manage/courses/${c.courseID}`}>
                        {t("agencyCourses.edit")}
                      </A>
                      <A class="btn btn-secondary btn-small" href={`/manage/courses/${c.courseID}/cohorts`} data-testid="course-cohorts-link">
                        {t("manage.cohorts")}
                      </A>
                    </div>
                  </li>
                )}
              </For>
            </ul>
            <LoadMore of={list} />
          </Show>
        </Show>
      </Show>
      <A class="link-more" href={`/orgs/${props.orgID}/certifications`} data-testid="agency-certifications-link">
        {t("certAdmin.agencyLink")}
      </A>
    </Card>
  );
}
