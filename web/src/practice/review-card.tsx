import { createResource, For, Show } from "solid-js";
import { api } from "../api/client";
import type { EnrolmentView } from "../api/types";
import { loaded } from "../components/async";
import { Card, LoadError, Loading } from "../components/ui";
import { locale, t } from "../i18n";
import { formatClassTime } from "../i18n/format";
import { LEVELS } from "../training/rubric";
import { formatClock, namedScores, weightedAverage } from "./review";

/** The learner's practice reviews, newest first: who, when, each criterion's score, the weighted average, and comments at moments. */
export function ReviewsCard(props: { cohortID: string; rubric: EnrolmentView["enrolment"]["rubric"] }) {
  const [reviews, { refetch }] = createResource(
    () => props.cohortID,
    (cohortID) => api.practice.myReviews.query({ cohortID }),
  );
  return (
    <Card title={t("review.mine")} testid="my-reviews">
      <Show when={!reviews.error} fallback={<LoadError error={reviews.error} retry={refetch} />}>
        <Show when={loaded(reviews)} fallback={<Loading />}>
          {(list) => (
            <Show when={list().length} fallback={<p class="meta">{t("review.mineEmpty")}</p>}>
              <ul class="list">
                <For each={list()}>
                  {(r) => {
                    const average = () => weightedAverage(r.scores, props.rubric);
                    return (
                      <li class="list-row review-item" data-testid="my-review">
                        <div class="list-main stack stack-sm">
                          <p class="list-title">{t("review.by", { name: r.instructorName, date: formatClassTime(r.reviewedAt, locale()) })}</p>
                          <Show when={average() !== undefined}>
                            <p class="meta" data-testid="review-average">
                              {t("review.average", { score: average() ?? 0 })}
                            </p>
                          </Show>
                          <ul class="plain scores" data-testid="review-scores">
                            <For each={namedScores(r.scores, props.rubric)}>
                              {(c) => (
                                <li>
                                  <span class="score-name">
                                    {c.name}
                                    <Show when={c.weight !== undefined}>
                                      <span class="muted"> · {c.weight}%</span>
                                    </Show>
                                  </span>
                                  <span class="score-dots" role="img" aria-label={t("progress.scoreOf", { score: c.score })}>
                                    <For each={LEVELS.slice(1)}>{(n) => <span class="dot" classList={{ "dot-on": c.score >= n }} />}</For>
                                    <span class="score-number">{c.score}</span>
                                  </span>
                                </li>
                              )}
                            </For>
                          </ul>
                          <Show when={r.comments.length}>
                            <ul class="plain review-comments" data-testid="review-comments">
                              <For each={r.comments}>
                                {(c) => (
                                  <li>
                                    <span class="clock">{formatClock(c.atSeconds)}</span>
                                    <span>{c.text}</span>
                                  </li>
                                )}
                              </For>
                            </ul>
                          </Show>
                        </div>
                      </li>
                    );
                  }}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
    </Card>
  );
}
