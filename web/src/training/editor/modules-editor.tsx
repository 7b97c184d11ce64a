import { createSignal, createUniqueId, For, Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import type { FormBinding } from "../../components/field";
import { TextAreaField, TextField } from "../../components/field";
import { Markdown } from "../../components/markdown";
import { t } from "../../i18n";
import { COURSE_LIMITS, type CourseDraft, type LessonDraft, lessonCount, moved, newLesson, newModule } from "../course-draft";
import { toInt } from "../rubric";
import { PartHead } from "./part-head";

export interface EditorProps {
  draft: CourseDraft;
  set: SetStoreFunction<CourseDraft>;
  form: FormBinding<string>;
  /** After adding, removing or moving a part: field paths shift, so old messages no longer fit. */
  reshaped: () => void;
}

export function ModulesEditor(props: EditorProps) {
  const uid = createUniqueId();
  const total = () => lessonCount(props.draft);
  const minutes = () => props.draft.modules.reduce((n, m) => n + m.lessons.reduce((k, l) => k + (toInt(l.minutes) ?? 0), 0), 0);
  const reshape = (change: () => void) => {
    change();
    props.reshaped();
  };

  return (
    <div class="stack" data-testid="modules-editor">
      <p class="meta">{t("editor.contentTotals", { lessons: total(), minutes: minutes() })}</p>
      <For each={props.draft.modules}>
        {(module, mi) => (
          <fieldset class="part" aria-labelledby={`${uid}-module-${mi()}`} data-testid={`module-${mi()}`}>
            <PartHead
              id={`${uid}-module-${mi()}`}
              title={t("editor.moduleN", { n: mi() + 1 })}
              index={mi()}
              count={props.draft.modules.length}
              onMove={(step) => reshape(() => props.set("modules", (list) => moved(list, mi(), step)))}
              onRemove={() => reshape(() => props.set("modules", (list) => list.filter((_, i) => i !== mi())))}
            />
            <TextField
              label={t("editor.moduleTitle")}
              form={props.form}
              name={`modules.${mi()}.title`}
              value={() => module.title}
              setValue={(v) => props.set("modules", mi(), "title", v)}
              maxLength={120}
              data-testid={`module-title-${mi()}`}
            />
            <For each={module.lessons}>
              {(lesson, li) => (
                <LessonEditor
                  {...props}
                  lesson={lesson}
                  mi={mi()}
                  li={li()}
                  count={module.lessons.length}
                  onMove={(step) => reshape(() => props.set("modules", mi(), "lessons", (list) => moved(list, li(), step)))}
                  onRemove={() => reshape(() => props.set("modules", mi(), "lessons", (list) => list.filter((_, i) => i !== li())))}
                />
              )}
            </For>
            <button
              type="button"
              class="btn btn-secondary btn-small"
              data-testid={`add-lesson-${mi()}`}
              disabled={module.lessons.length >= COURSE_LIMITS.lessonsPerModule || total() >= COURSE_LIMITS.lessons}
              onClick={() => reshape(() => props.set("modules", mi(), "lessons", (list) => [...list, newLesson()]))}
            >
              {t("editor.addLesson")}
            </button>
          </fieldset>
        )}
      </For>
      <Show when={!props.draft.modules.length}>
        <p class="muted">{t("editor.noModules")}</p>
      </Show>
      <button
        type="button"
        class="btn btn-secondary"
        data-testid="add-module"
        disabled={props.draft.modules.length >= COURSE_LIMITS.modules || total() >= COURSE_LIMITS.lessons}
        onClick={() => reshape(() => props.set("modules", (list) => [...list, newModule()]))}
      >
        {t("editor.addModule")}
      </button>
    </div>
  );
}

interface LessonProps extends EditorProps {
  lesson: LessonDraft;
  mi: number;
  li: number;
  count: number;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}

function LessonEditor(props: LessonProps) {
  const at = () => `modules.${props.mi}.lessons.${props.li}`;
  const [preview, setPreview] = createSignal(false);
  const hasError = () => ["title", "minutes", "videoURL", "body"].some((f) => props.form.fieldError(`${at()}.${f}`));
  const set = <K extends keyof LessonDraft>(key: K, value: LessonDraft[K]) => props.set("modules", props.mi, "lessons", props.li, key, value);
  const label = () => t("editor.lessonN", { n: `${props.mi + 1}.${props.li + 1}` });

  return (
    <details class="fold lesson-edit" open={!props.lesson.lessonID || hasError()} data-testid={`lesson-${props.mi}-${props.li}`}>
      <summary>
        <span class="lesson-edit-n">
          {props.mi + 1}.{props.li + 1}
        </span>
        <span class="lesson-edit-title">{props.lesson.title.trim() || t("editor.untitledLesson")}</span>
        <span class="meta">{t("common.minutes", { count: toInt(props.lesson.minutes) ?? 0 })}</span>
      </summary>
      <div class="stack">
        <PartHead quiet title={label()} index={props.li} count={props.count} onMove={props.onMove} onRemove={props.onRemove} />
        <TextField
          label={t("editor.lessonTitle")}
          form={props.form}
          name={`${at()}.title`}
          value={() => props.lesson.title}
          setValue={(v) => set("title", v)}
          maxLength={120}
          data-testid={`lesson-title-${props.mi}-${props.li}`}
        />
        <div class="field-row">
          <TextField
            label={t("editor.lessonMinutes")}
            form={props.form}
            name={`${at()}.minutes`}
            value={() => props.lesson.minutes}
            setValue={(v) => set("minutes", v)}
            inputmode="numeric"
            maxLength={3}
            data-testid={`lesson-minutes-${props.mi}-${props.li}`}
          />
          <TextField
            label={t("editor.lessonVideo")}
            optional
            form={props.form}
            name={`${at()}.videoURL`}
            value={() => props.lesson.videoURL}
            setValue={(v) => set("videoURL", v)}
            type="url"
            inputmode="url"
            placeholder="https://"
            autocapitalize="none"
            spellcheck={false}
            maxLength={500}
          />
        </div>
        <TextAreaField
          label={t("editor.lessonBody")}
          hint={t("editor.lessonBodyHint", { max: COURSE_LIMITS.body })}
          form={props.form}
          name={`${at()}.body`}
          value={() => props.lesson.body}
          setValue={(v) => set("body", v)}
          rows={6}
          maxLength={COURSE_LIMITS.body}
          data-testid={`lesson-body-${props.mi}-${props.li}`}
        />
        <button type="button" class="btn btn-ghost btn-small preview-toggle" aria-pressed={preview()} onClick={() => setPreview(!preview())}>
          {preview() ? t("editor.hidePreview") : t("editor.preview")}
        </button>
        <Show when={preview()}>
          <div class="preview">
            <Show when={props.lesson.body.trim()} fallback={<p class="muted">{t("editor.emptyBody")}</p>}>
              <Markdown source={props.lesson.body} />
            </Show>
          </div>
        </Show>
      </div>
    </details>
  );
}
