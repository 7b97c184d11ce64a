import { A, useParams } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { api } from "../api/client";
import { loaded } from "../components/async";
import { notify, notifyError } from "../components/toast";
import { Card, LoadError, Loading } from "../components/ui";
import { t } from "../i18n";
import { ReviewsCard } from "../practice/review-card";
import { CohortFacts, CohortNotice } from "../training/cohort-bits";
import { LessonList } from "../training/lesson-list";
import { ProgressCard } from "../training/progress-card";

/** A learner's course inside one cohort: progress first, then the lessons to work through. */
export function LearnPage() {
  const params = useParams<{ cohortID: string }>();
  const [view, { refetch, mutate }] = createResource(
    () => params.cohortID,
    (cohortID) => api.enrolment.progress.query({ cohortID }),
  );

  async function complete(lessonID: string) {
    try {
      const result = await api.enrolment.completeLesson.mutate({ cohortID: params.cohortID, lessonID });
      mutate((v) =>
        v
          ? {
              ...v,
              progress: result.progress,
              enrolment: { ...v.enrolment, completedLessons: [...new Set([...(v.enrolment.completedLessons ?? []), lessonID])] },
            }
          : v,
      );
      notify(() => t("learn.marked"));
    } catch (e) {
      notifyError(e);
    }
  }

  return (
    <div class="page page-narrow" data-testid="learn-page">
      <A href="/?as=learner" class="back-link">
        {t("learn.back")}
      </A>
      <Show when={!view.error} fallback={<LoadError error={view.error} retry={refetch} />}>
        <Show when={loaded(view)} fallback={<Loading />}>
          {(v) => (
            <div class="stack">
              <header class="page-head">
                <p class="muted">{v().course.title}</p>
                <h1>{v().cohort.title}</h1>
                <CohortFacts cohort={v().cohort} seats={false} />
                <A class="link-more" href={`/cohorts/${v().cohort.cohortID}`}>
                  {t("learn.cohortDetails")}
                </A>
              </header>
              <CohortNotice cohort={v().cohort} />
              <Show when={v().enrolment.status === "waitlisted"}>
                <p class="notice notice-info" data-testid="waitlisted-notice">
                  {t("learn.waitlisted", { position: v().position })}
                </p>
              </Show>
              <ProgressCard view={v()} />
              <Show when={v().enrolment.status === "enrolled"}>
                <Card title={t("learn.practice")} testid="practice-entry">
                  <p class="meta">{t("learn.practiceBody")}</p>
                  <A class="btn btn-primary btn-block" href={`/learn/${v().cohort.cohortID}/practice`} data-testid="practice-link">
                    {t("learn.practiceOpen")}
                  </A>
                </Card>
                <ReviewsCard cohortID={v().cohort.cohortID} rubric={v().enrolment.rubric} />
              </Show>
              <h2 class="section-title">{t("learn.lessons")}</h2>
              <LessonList view={v()} onComplete={complete} />
            </div>
          )}
        </Show>
      </Show>
    </div>
  );
}
