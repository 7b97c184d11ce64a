import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { Cohort, RosterCertState, RosterItem } from "../api/types";
import { IssueCertificate } from "../certification/admin/issue-certificate";
import { createPaged, LoadMore, loaded } from "../components/async";
import { BehindBadge, ProgressBar } from "../components/progress";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { t } from "../i18n";
import { LiveNow } from "../practice/live-now";
import { ReviewQueue } from "../practice/review-queue";
import { roles } from "../session/actions";
import { CohortFacts, CohortNotice, CohortStatusBadge, CourseTitle, ScheduleList } from "../training/cohort-bits";
import { loadCourse } from "../training/course-cache";

/** Instructors and agency admins: every learner of a cohort with progress, those falling behind marked. */
export function RosterPage() {
  const params = useParams<{ cohortID: string }>();
  const [cohort, setCohort] = createSignal<Cohort>();
  const [onlyBehind, setOnlyBehind] = createSignal(false);
  const roster = createPaged(
    () => params.cohortID,
    async (cohortID, cursor) => {
      const page = await api.cohort.roster.query({ cohortID, cursor });
      setCohort(page.cohort);
      return page;
    },
  );
  const behind = () => roster.items().filter((r) => r.progress.behind && r.enrolment.status === "enrolled");
  // "Issue certificate" only where the course leads to one (if the course can't be read, the API decides).
  const [course] = createResource(() => cohort()?.courseID, loadCourse);
  const issuing = () => course.state === "errored" || Boolean(loaded(course)?.certificationID);
  const shown = () => (onlyBehind() ? behind() : roster.items());
  // Each learner's certificate state: issued, can be issued now, or what is missing (one call per roster page).
  const learnerIDs = () => (issuing() && cohort() ? roster.items().map((r) => r.enrolment.learnerID) : undefined);
  const [states, { refetch: refetchStates }] = createResource(
    () => {
      const ids = learnerIDs();
      return ids?.length ? { cohortID: params.cohortID, ids } : undefined;
    },
    async ({ cohortID, ids }) => {
      const found = new Map<string, RosterCertState>();
      for (let i = 0; i < ids.length; i += 50) {
        const { items } = await api.certification.ofRoster.query({ cohortID, learnerIDs: ids.slice(i, i + 50) });
        for (const item of items) found.set(item.learnerID, item);
      }
      return found;
    },
  );

  return (
    <div class="page" data-testid="roster-page">
      <A href={roles().includes("instructor") ? "/?as=instructor" : "/?as=agencyAdmin"} class="back-link">
        {t("org.back")}
      </A>
      <Show when={roster.state() !== "error"} fallback={<LoadError error={roster.error()} retry={roster.reload} />}>
        <Show when={cohort()} fallback={<Loading />}>
          {(c) => (
            <div class="stack">
              <header class="page-head">
                <CourseTitle courseID={c().courseID} class="muted" />
                <div class="page-head-row">
                  <h1>{c().title}</h1>
                  <CohortStatusBadge cohort={c()} />
                </div>
                <CohortFacts cohort={c()} seats={false} />
              </header>
              <CohortNotice cohort={c()} />
              <LiveNow cohortID={c().cohortID} />
              <ReviewQueue cohortID={c().cohortID} />
              <Card
                title={t("roster.title")}
                testid="roster"
                action={
                  <span class="meta" data-testid="roster-summary">
                    {t("roster.summary", { enrolled: c().enrolled, capacity: c().capacity, behind: behind().length })}
                  </span>
                }
              >
                <Show when={roster.items().length} fallback={<EmptyState icon="users" title={t("roster.empty")} />}>
                  <fieldset class="pills">
                    <legend class="sr-only">{t("roster.filter")}</legend>
                    <button type="button" class="pill" aria-pressed={!onlyBehind()} onClick={() => setOnlyBehind(false)}>
                      {t("roster.all", { count: roster.items().length })}
                    </button>
                    <button type="button" class="pill" aria-pressed={onlyBehind()} data-testid="only-behind" onClick={() => setOnlyBehind(true)}>
                      {t("roster.onlyBehind", { count: behind().length })}
                    </button>
                  </fieldset>
                  <RosterTable
                    items={shown()}
                    cohortID={c().cohortID}
                    issuing={issuing()}
                    stateOf={(id) => states()?.get(id)}
                    onIssued={() => void refetchStates()}
                  />
                  <LoadMore of={roster} />
                </Show>
              </Card>
              <Card title={t("cohort.schedule")}>
                <ScheduleList schedule={c().schedule} />
              </Card>
            </div>
          )}
        </Show>
      </Show>
    </div>
  );
}

/** A table on wide screens; on phones each row stacks into a card with its own labels. */
function RosterTable(props: {
  items: RosterItem[];
  cohortID: string;
  issuing: boolean;
  stateOf: (learnerID: string) => RosterCertState | undefined;
  onIssued: () => void;
}) {
  return (
    <table class="roster-table">
      <thead>
        <tr>
          <th scope="col">{t("roster.learner")}</th>
          <th scope="col">{t("progress.lessons")}</th>
          <th scope="col">{t("progress.practiceMinutes")}</th>
          <th scope="col">{t("progress.practiceSessions")}</th>
          <th scope="col">{t("progress.title")}</th>
          <Show when={props.issuing}>
            <th scope="col">{t("certAdmin.issueColumn")}</th>
          </Show>
        </tr>
      </thead>
      <tbody>
        <For each={props.items}>
          {(r) => {
            const p = () => r.progress;
            const waiting = () => r.enrolment.status === "waitlisted";
            const behind = () => p().behind && !waiting();
            return (
              <tr classList={{ "row-behind": behind() }} data-testid="roster-row">
                <th scope="row" class="roster-who">
                  <span class="roster-name">
                    <span>{r.enrolment.learnerName}</span>
                    <Show when={waiting()}>
                      <span class="badge badge-muted">{t("roster.waitlisted")}</span>
                    </Show>
                    <Show when={behind()}>
                      <BehindBadge />
                    </Show>
                  </span>
                </th>
                <td data-label={t("progress.lessons")} data-testid="roster-lessons">
                  {p().lessonsDone} / {p().lessonsTotal}
                </td>
                <td data-label={t("progress.practiceMinutes")}>
                  {p().practiceMinutes} / {p().requirement.minutes}
                </td>
                <td data-label={t("progress.practiceSessions")}>
                  {p().practiceSessions} / {p().requirement.sessions}
                </td>
                <td data-label={t("progress.title")} class="roster-progress">
                  <span class="roster-percent" data-testid="roster-percent">
                    {p().percent}%
                  </span>
                  <ProgressBar
                    percent={p().percent}
                    expected={p().expectedPercent}
                    behind={behind()}
                    label={t("roster.progressOf", { name: r.enrolment.learnerName })}
                  />
                </td>
                <Show when={props.issuing}>
                  <td data-label={t("certAdmin.issueColumn")} class="roster-issue">
                    <Show when={!waiting()}>
                      <Show when={props.stateOf(r.enrolment.learnerID)} fallback={<span class="meta">…</span>}>
                        {(state) => (
                          <IssueCertificate
                            cohortID={props.cohortID}
                            learnerID={r.enrolment.learnerID}
                            learnerName={r.enrolment.learnerName}
                            state={state()}
                            onIssued={props.onIssued}
                          />
                        )}
                      </Show>
                    </Show>
                  </td>
                </Show>
              </tr>
            );
          }}
        </For>
      </tbody>
    </table>
  );
}
