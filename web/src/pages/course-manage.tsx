import { A, useNavigate, useParams, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { api } from "../api/client";
import { Async } from "../components/async";
import { EmptyState } from "../components/ui";
import { t } from "../i18n";
import { session } from "../session/session";
import { orgIDsFor } from "../session/tokens";
import { CourseStatusBadge } from "../training/cohort-bits";
import { CourseEditor } from "../training/editor/course-editor";

const adminOf = (agencyID: string | undefined) => agencyID !== undefined && orgIDsFor(session()?.memberships ?? [], "agencyAdmin").includes(agencyID);

export function BackHome() {
  return (
    <A href="/?as=agencyAdmin" class="back-link">
      {t("org.back")}
    </A>
  );
}

/** The two halves of managing a course: its content, and its cohorts. */
export function CourseTabs(props: { courseID: string; active: "content" | "cohorts" }) {
  return (
    <nav class="sub-tabs" aria-label={t("manage.sections")}>
      <A href={`/manage/courses/${props.courseID}`} aria-current={props.active === "content" ? "page" : undefined} data-testid="tab-content" end>
        {t("manage.content")}
      </A>
      <A href={`/manage/courses/${props.courseID}/cohorts`} aria-current={props.active === "cohorts" ? "page" : undefined} data-testid="tab-cohorts">
        {t("manage.cohorts")}
      </A>
    </nav>
  );
}

export function CourseNewPage() {
  const [params] = useSearchParams<{ agency: string }>();
  const navigate = useNavigate();
  return (
    <div class="page page-narrow" data-testid="course-new-page">
      <BackHome />
      <header class="page-head">
        <h1>{t("manage.newCourse")}</h1>
        <p class="muted">{t("manage.newCourseHint")}</p>
      </header>
      <Show when={adminOf(params.agency) && params.agency} fallback={<EmptyState icon="book" title={t("manage.notAdmin")} />}>
        {(agencyID) => <CourseEditor agencyID={agencyID()} onCreated={(c) => navigate(`/manage/courses/${c.courseID}`, { replace: true })} />}
      </Show>
    </div>
  );
}

export function CourseEditPage() {
  const params = useParams<{ courseID: string }>();
  const [course, { refetch }] = createResource(
    () => params.courseID,
    (courseID) => api.course.get.query({ courseID }),
  );
  return (
    <div class="page page-narrow" data-testid="course-edit-page">
      <BackHome />
      <Async of={course} retry={refetch}>
        {(c) => {
          const [current, setCurrent] = createSignal(c);
          return (
            <>
              <header class="page-head page-head-row">
                <h1 data-testid="course-heading">{current().title}</h1>
                <CourseStatusBadge status={current().status} />
              </header>
              <CourseTabs courseID={c.courseID} active="content" />
              <Show when={adminOf(c.agencyID)} fallback={<EmptyState icon="book" title={t("manage.notAdmin")} />}>
                <CourseEditor agencyID={c.agencyID} course={c} onSaved={setCurrent} />
              </Show>
            </>
          );
        }}
      </Async>
    </div>
  );
}
