import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { api } from "../api/client";
import type { MyEnrolment } from "../api/types";
import { createPaged, LoadMore } from "../components/async";
import { BehindBadge, ProgressRing } from "../components/progress";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { t } from "../i18n";
import { CohortFacts, CohortNotice, CourseTitle } from "../training/cohort-bits";

/** The learner's cohorts, each with progress and anything the agency changed (deferred, cancelled). */
export function MyLearning() {
  const list = createPaged(
    () => true,
    (_, cursor) => api.enrolment.mine.query({ cursor }),
  );
  return (
    <Card
      title={t("learner.learning.title")}
      testid="my-learning"
      action={
        <Show when={list.items().length}>
          <A href="/browse" class="btn btn-ghost btn-small">
            {t("learner.learning.findMore")}
          </A>
        </Show>
      }
    >
      <Show when={list.state() !== "error"} fallback={<LoadError error={list.error()} retry={list.reload} />}>
        <Show when={list.state() !== "loading"} fallback={<Loading />}>
          <Show
            when={list.items().length}
            fallback={
              <EmptyState icon="book" title={t("learner.learning.emptyTitle")} body={t("learner.learning.emptyBody")} testid="my-learning-empty">
                <A href="/browse" class="btn btn-primary" data-testid="browse-courses">
                  {t("learner.learning.browse")}
                </A>
              </EmptyState>
            }
          >
            <ul class="list">
              <For each={list.items()}>{(item) => <LearningRow item={item} />}</For>
            </ul>
            <LoadMore of={list} />
          </Show>
        </Show>
      </Show>
    </Card>
  );
}

function LearningRow(props: { item: MyEnrolment }) {
  const e = () => props.item.enrolment;
  const c = () => props.item.cohort;
  const p = () => props.item.progress;
  const waiting = () => e().status === "waitlisted";
  return (
    <li class="list-row list-row-wrap learning-row" data-testid="learning-item">
      <ProgressRing percent={p().percent} behind={p().behind} testid="learning-ring" />
      <div class="list-main">
        <CourseTitle courseID={c().courseID} class="meta" />
        <A class="list-title list-link" href={`/learn/${c().cohortID}`}>
          {c().title}
        </A>
        <CohortFacts cohort={c()} seats={false} />
        <p class="meta">
          {waiting()
            ? t("learner.learning.waitlisted")
            : t("progress.summary", { done: p().lessonsDone, total: p().lessonsTotal, minutes: p().practiceMinutes, required: p().requirement.minutes })}
        </p>
        <Show when={p().behind && !waiting() && c().status !== "cancelled"}>
          <BehindBadge />
        </Show>
      </div>
      <div class="row-actions stack">
        <CohortNotice cohort={c()} />
        <A class="btn btn-secondary btn-small" href={`/learn/${c().cohortID}`} data-testid="continue-learning">
          {waiting() ? t("learner.learning.view") : t("learner.learning.continue")}
        </A>
      </div>
    </li>
  );
}
