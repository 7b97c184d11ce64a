import { createSignal, For, Show } from "solid-js";
import type { EnrolmentView } from "../api/types";
import { Markdown } from "../components/markdown";
import { Card } from "../components/ui";
import { t } from "../i18n";

/** The course's lessons by module; a lesson opens to its text and video and can be marked done. */
export function LessonList(props: { view: EnrolmentView; onComplete: (lessonID: string) => Promise<void> }) {
  const done = () => new Set(props.view.enrolment.completedLessons ?? []);
  const counted = () => new Set(props.view.enrolment.lessonIDs);
  const canComplete = () => props.view.enrolment.status === "enrolled" && props.view.cohort.status !== "cancelled";
  const [busy, setBusy] = createSignal<string | null>(null);

  async function complete(lessonID: string) {
    setBusy(lessonID);
    try {
      await props.onComplete(lessonID);
    } finally {
      setBusy(null);
    }
  }

  return (
    <For each={props.view.course.modules}>
      {(m, mi) => (
        <Card title={m.title} testid={`learn-module-${mi()}`}>
          <ol class="lessons">
            <For each={m.lessons}>
              {(l) => (
                <li class="lesson" classList={{ "lesson-done": done().has(l.lessonID) }} data-testid="lesson">
                  <details class="fold">
                    <summary>
                      <span class="lesson-check" aria-hidden="true">
                        {done().has(l.lessonID) ? "✓" : ""}
                      </span>
                      <span class="lesson-title">{l.title}</span>
                      <span class="meta">{t("common.minutes", { count: l.minutes })}</span>
                      <Show when={done().has(l.lessonID)}>
                        <span class="sr-only">{t("learn.done")}</span>
                      </Show>
                    </summary>
                    <div class="lesson-body stack">
                      <Show when={l.body.trim()}>
                        <Markdown source={l.body} testid="lesson-body" />
                      </Show>
                      <Show when={l.videoURL}>
                        {(url) => (
                          <a class="btn btn-secondary btn-small video-link" href={url()} target="_blank" rel="noopener noreferrer">
                            {t("learn.watchVideo")}
                          </a>
                        )}
                      </Show>
                      <Show when={counted().has(l.lessonID)} fallback={<p class="meta">{t("learn.notCounted")}</p>}>
                        <Show when={!done().has(l.lessonID)} fallback={<p class="enrol-state enrol-state-ok">{t("learn.done")}</p>}>
                          <button
                            type="button"
                            class="btn btn-primary"
                            disabled={!canComplete() || busy() === l.lessonID}
                            data-testid="complete-lesson"
                            onClick={() => complete(l.lessonID)}
                          >
                            {busy() === l.lessonID ? t("common.saving") : t("learn.markDone")}
                          </button>
                        </Show>
                      </Show>
                    </div>
                  </details>
                </li>
              )}
            </For>
          </ol>
        </Card>
      )}
    </For>
  );
}
