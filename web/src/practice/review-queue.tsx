import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { api } from "../api/client";
import { createPaged, LoadMore } from "../components/async";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { locale, t } from "../i18n";
import { formatClassTime } from "../i18n/format";
import { formatClock } from "./review";

/** The roster's review queue: each practice session, newest first, with who, when (Beijing time), how long, and whether it's reviewed. */
export function ReviewQueue(props: { cohortID: string }) {
  const sessions = createPaged(
    () => props.cohortID,
    (cohortID, cursor) => api.practice.sessions.query({ cohortID, cursor }),
  );
  const pending = () => sessions.items().filter((s) => !s.reviewed).length;
  return (
    <Card
      title={t("review.queue")}
      testid="review-queue"
      action={
        <Show when={pending()}>
          <span class="meta">{t("review.queueCount", { count: pending() })}</span>
        </Show>
      }
    >
      <Show when={sessions.state() !== "error"} fallback={<LoadError error={sessions.error()} retry={() => void sessions.reload()} />}>
        <Show when={sessions.state() !== "loading"} fallback={<Loading />}>
          <Show when={sessions.items().length} fallback={<EmptyState icon="inbox" title={t("review.queueEmpty")} body={t("review.queueEmptyBody")} />}>
            <ul class="list">
              <For each={sessions.items()}>
                {(s) => (
                  <li class="list-row" data-testid="review-session" data-reviewed={s.reviewed ? "yes" : "no"}>
                    <div class="list-main">
                      <p class="list-title">{s.learnerName}</p>
                      <p class="meta">
                        {formatClassTime(s.startedAt, locale())} · {t("review.duration", { time: formatClock(s.seconds) })}
                      </p>
                      <span class={`badge ${s.reviewed ? "badge-active" : "badge-info"}`} data-testid="review-status">
                        {t(s.reviewed ? "review.reviewed" : "review.pending")}
                      </span>
                      <Show when={s.tooShort}>
                        <span class="badge badge-muted" data-testid="review-too-short">
                          {t("practice.tooShort")}
                        </span>
                      </Show>
                    </div>
                    <A
                      class={`btn btn-small ${s.reviewed ? "btn-secondary" : "btn-primary"}`}
                      href={`/teach/${props.cohortID}/review/${encodeURIComponent(s.learnerID)}/${encodeURIComponent(s.streamId)}`}
                      aria-label={t("review.openFor", { name: s.learnerName })}
                      data-testid="review-open"
                    >
                      {t(s.reviewed ? "review.reopen" : "review.open")}
                    </A>
                  </li>
                )}
              </For>
            </ul>
            <LoadMore of={sessions} />
          </Show>
        </Show>
      </Show>
    </Card>
  );
}
