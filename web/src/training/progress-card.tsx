import { For, Show } from "solid-js";
import type { EnrolmentView } from "../api/types";
import { BehindBadge, ProgressBar, ProgressRing } from "../components/progress";
import { Card } from "../components/ui";
import { t } from "../i18n";
import { LEVELS, weightedScore } from "./rubric";

/** Lessons, practice minutes and sessions against what the learner's enrolment requires, and the latest rubric scores. */
export function ProgressCard(props: { view: EnrolmentView }) {
  const p = () => props.view.progress;
  const e = () => props.view.enrolment;
  const overall = () => weightedScore(e().latestScores, e().rubric);
  return (
    <Card title={t("progress.title")} testid="progress-card">
      <div class="progress-head">
        <ProgressRing percent={p().percent} behind={p().behind} size={88} testid="progress-ring" />
        <div class="stack stack-sm">
          <ProgressBar percent={p().percent} expected={p().expectedPercent} behind={p().behind} label={t("progress.title")} />
          <p class="meta">{t("progress.expectedNow", { percent: p().expectedPercent })}</p>
          <Show when={p().behind}>
            <div>
              <BehindBadge />
              <p class="meta">{t("progress.behindHint")}</p>
            </div>
          </Show>
        </div>
      </div>
      <dl class="stats">
        <div data-testid="stat-lessons">
          <dt>{t("progress.lessons")}</dt>
          <dd>
            <strong>{p().lessonsDone}</strong> / {p().lessonsTotal}
          </dd>
        </div>
        <div data-testid="stat-minutes">
          <dt>{t("progress.practiceTime")}</dt>
          <dd>
            <strong>{p().practiceMinutes}</strong> / {t("common.minutes", { count: p().requirement.minutes })}
          </dd>
        </div>
        <div data-testid="stat-sessions">
          <dt>{t("progress.practiceSessions")}</dt>
          <dd>
            <strong>{p().practiceSessions}</strong> / {p().requirement.sessions}
          </dd>
        </div>
      </dl>
      <Show when={p().practiceMinutes === 0 && p().requirement.minutes > 0}>
        <p class="meta">{t("progress.practiceSoon")}</p>
      </Show>
      <div class="stack stack-sm" data-testid="scores">
        <p class="field-label">
          {t("progress.scores")}
          <Show when={overall() !== undefined}>
            <span class="muted"> · {t("progress.overall", { score: overall() ?? 0 })}</span>
          </Show>
        </p>
        <Show when={overall() !== undefined} fallback={<p class="meta">{t("progress.noScores")}</p>}>
          <ul class="plain scores">
            <For each={e().rubric}>
              {(c) => {
                const score = () => e().latestScores?.[c.criterionID];
                return (
                  <li>
                    <span class="score-name">
                      {c.name} <span class="muted">· {c.weight}%</span>
                    </span>
                    <span
                      class="score-dots"
                      role="img"
                      aria-label={score() === undefined ? t("progress.notScored") : t("progress.scoreOf", { score: score() ?? 0 })}
                    >
                      <For each={LEVELS.slice(1)}>{(n) => <span class="dot" classList={{ "dot-on": (score() ?? -1) >= n }} />}</For>
                      <span class="score-number">{score() ?? "—"}</span>
                    </span>
                  </li>
                );
              }}
            </For>
          </ul>
        </Show>
      </div>
    </Card>
  );
}
