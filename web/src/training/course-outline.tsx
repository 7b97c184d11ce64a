import { For, Show } from "solid-js";
import type { Course } from "../api/types";
import { Card } from "../components/ui";
import { t } from "../i18n";
import { categoryName, languageName } from "../i18n/names";
import { hours } from "./cohort-bits";

/** What a learner weighs before enrolling: the facts, what practice is asked, how they will be scored, the lesson list. */
export function CourseOverview(props: { course: Course }) {
  const c = () => props.course;
  const lessons = () => c().modules.reduce((n, m) => n + m.lessons.length, 0);
  const minutes = () => c().modules.reduce((n, m) => n + m.lessons.reduce((k, l) => k + l.minutes, 0), 0);
  return (
    <>
      <Card title={t("course.about")} testid="course-about">
        <Show when={c().summary}>
          <p class="org-desc">{c().summary}</p>
        </Show>
        <dl class="facts">
          <div>
            <dt>{t("editor.category")}</dt>
            <dd>{categoryName(c().category)}</dd>
          </div>
          <div>
            <dt>{t("editor.language")}</dt>
            <dd>{languageName(c().language)}</dd>
          </div>
          <div>
            <dt>{t("course.lessons")}</dt>
            <dd>{t("course.lessonsAndHours", { count: lessons(), hours: hours(minutes()) })}</dd>
          </div>
          <div>
            <dt>{t("course.practice")}</dt>
            <dd>{t("course.practiceRequirement", { minutes: c().requirement.minutes, sessions: c().requirement.sessions })}</dd>
          </div>
        </dl>
        <Show when={c().rubric.length}>
          <div class="stack stack-sm">
            <p class="field-label">{t("course.scoredOn")}</p>
            <ul class="chips">
              <For each={c().rubric}>
                {(r) => (
                  <li class="chip">
                    {r.name} · {r.weight}%
                  </li>
                )}
              </For>
            </ul>
          </div>
        </Show>
      </Card>
      <Card title={t("course.outline")} testid="course-outline">
        <ol class="outline">
          <For each={c().modules}>
            {(m) => (
              <li>
                <p class="list-title">{m.title}</p>
                <ul class="plain outline-lessons">
                  <For each={m.lessons}>
                    {(l) => (
                      <li>
                        <span>{l.title}</span>
                        <span class="meta">{t("common.minutes", { count: l.minutes })}</span>
                      </li>
                    )}
                  </For>
                </ul>
              </li>
            )}
          </For>
        </ol>
      </Card>
    </>
  );
}
