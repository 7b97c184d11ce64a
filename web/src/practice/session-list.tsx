import { createResource, For, Show } from "solid-js";
import { api } from "../api/client";
import { loaded } from "../components/async";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { locale, t } from "../i18n";
import { formatClassTime } from "../i18n/format";
import { formatClock } from "./review";

/**
 * The learner's own practice sessions in a cohort, newest first: when, how long, and whether it
 * counted. A session shorter than the course's minimum is kept and marked too short: it adds to
 * neither the minutes nor the sessions on the progress card.
 */
export function SessionList(props: { cohortID: string }) {
  const [sessions, { refetch }] = createResource(
    () => props.cohortID,
    (cohortID) => api.practice.mySessions.query({ cohortID }),
  );
  return (
    <Card title={t("practice.sessions")} testid="practice-sessions">
      <Show when={!sessions.error} fallback={<LoadError error={sessions.error} retry={refetch} />}>
        <Show when={loaded(sessions)} fallback={<Loading />}>
          {(s) => (
            <div class="stack stack-sm">
              <p class="meta" data-testid="practice-min-session">
                {t("practice.minSession", { count: s().minSessionMinutes })}
              </p>
              <Show when={s().items.length} fallback={<EmptyState icon="inbox" title={t("practice.sessionsEmpty")} body={t("practice.sessionsEmptyBody")} />}>
                <ul class="list">
                  <For each={s().items}>
                    {(session) => (
                      <li class="list-row" data-testid="practice-session" data-counted={session.tooShort ? "no" : "yes"}>
                        <div class="list-main">
                          <p class="list-title">{formatClassTime(session.startedAt, locale())}</p>
                          <p class="meta">{t("review.duration", { time: formatClock(session.seconds) })}</p>
                        </div>
                        <span class={`badge ${session.tooShort ? "badge-muted" : "badge-active"}`} data-testid="practice-session-status">
                          {t(session.tooShort ? "practice.tooShort" : "practice.counted")}
                        </span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </div>
          )}
        </Show>
      </Show>
    </Card>
  );
}
