import { createSignal, For, Show } from "solid-js";
import { createStore, reconcile, unwrap } from "solid-js/store";
import { categories, courseLanguages } from "../../api/catalog";
import { api } from "../../api/client";
import type { Category, Course, CourseLanguage } from "../../api/types";
import { CertificationSelect } from "../../certification/admin/certification-select";
import { SelectField, TextAreaField, TextField } from "../../components/field";
import { createForm } from "../../components/form";
import { notify } from "../../components/toast";
import { Card, FormError } from "../../components/ui";
import { t } from "../../i18n";
import { categoryName, languageName } from "../../i18n/names";
import { forgetCourse } from "../course-cache";
import { checkDraft, draftFromCourse, emptyDraft, toInput } from "../course-draft";
import { defaultRubric } from "../rubric";
import { ModulesEditor } from "./modules-editor";
import { RubricEditor } from "./rubric-editor";

/** Paths this editor shows beside a box; anything else ("modules" on publish, "_") is said at the top. */
const shown = (path: string) => /^(title|category|language|summary|rubric|certificationID)$|^(modules|requirement|rubric)\./.test(path);

/** Create (no course yet) or edit a course; saving sends back the loaded version and every part's id. */
export function CourseEditor(props: { agencyID: string; course?: Course; onCreated?: (course: Course) => void; onSaved?: (course: Course) => void }) {
  const [draft, setDraft] = createStore(props.course ? draftFromCourse(props.course) : emptyDraft(defaultRubric(t)));
  const [saved, setSaved] = createSignal(props.course);
  const [dirty, setDirty] = createSignal(false);
  const [pressed, setPressed] = createSignal<"save" | "publish" | "unpublish" | null>(null);
  const form = createForm<string>(shown);

  const reshaped = () => {
    setDirty(true);
    form.reset();
  };

  async function save(): Promise<Course> {
    const content = toInput(unwrap(draft));
    const current = saved();
    if (!current) {
      const created = await api.course.create.mutate({ agencyID: props.agencyID, ...content });
      setDirty(false);
      notify(() => t("editor.created"));
      props.onCreated?.(created);
      return created;
    }
    const next = await api.course.update.mutate({ courseID: current.courseID, version: current.version, ...content, modules: content.modules ?? [] });
    forgetCourse(next.courseID);
    setSaved(next);
    setDraft(reconcile(draftFromCourse(next)));
    setDirty(false);
    props.onSaved?.(next);
    return next;
  }

  const act = (which: "save" | "publish" | "unpublish") => {
    setPressed(which);
    return form.run(
      () => (which === "unpublish" ? {} : checkDraft(unwrap(draft))),
      async () => {
        const course = which === "unpublish" || !dirty() ? (saved() as Course) : await save();
        if (which === "save") {
          if (saved()) notify(() => t("editor.saved"));
          return;
        }
        const next =
          which === "publish"
            ? await api.course.publish.mutate({ courseID: course.courseID })
            : await api.course.unpublish.mutate({ courseID: course.courseID });
        setSaved({ ...course, status: next.status });
        props.onSaved?.({ ...course, status: next.status });
        forgetCourse(course.courseID);
        notify(() => t(which === "publish" ? "editor.published" : "editor.unpublished"));
      },
    );
  };
  const busy = (which: "save" | "publish" | "unpublish") => form.submitting() && pressed() === which;

  return (
    <form
      ref={form.ref}
      class="stack editor"
      novalidate
      data-testid="course-editor"
      onInput={() => setDirty(true)}
      onChange={() => setDirty(true)}
      onSubmit={(e) => {
        e.preventDefault();
        void act("save");
      }}
    >
      <Card title={t("editor.basics")}>
        <TextField
          label={t("editor.title")}
          form={form}
          name="title"
          value={() => draft.title}
          setValue={(v) => setDraft("title", v)}
          maxLength={120}
          data-testid="course-title"
        />
        <div class="field-row">
          <SelectField
            label={t("editor.category")}
            form={form}
            name="category"
            value={() => draft.category}
            setValue={(v) => setDraft("category", v as Category)}
            testid="course-category"
          >
            <option value="" disabled>
              {t("fieldHint.category")}
            </option>
            <For each={categories}>{(c) => <option value={c}>{categoryName(c)}</option>}</For>
          </SelectField>
          <SelectField
            label={t("editor.language")}
            form={form}
            name="language"
            value={() => draft.language}
            setValue={(v) => setDraft("language", v as CourseLanguage)}
          >
            <For each={courseLanguages}>{(l) => <option value={l}>{languageName(l)}</option>}</For>
          </SelectField>
        </div>
        <TextAreaField
          label={t("editor.summary")}
          optional
          form={form}
          name="summary"
          value={() => draft.summary}
          setValue={(v) => setDraft("summary", v)}
          rows={3}
          maxLength={2000}
        />
        <CertificationSelect agencyID={props.agencyID} form={form} value={() => draft.certificationID} setValue={(v) => setDraft("certificationID", v)} />
      </Card>
      <Card title={t("editor.content")}>
        <ModulesEditor draft={draft} set={setDraft} form={form} reshaped={reshaped} />
      </Card>
      <Card title={t("editor.requirement")}>
        <p class="meta">{t("editor.requirementHint")}</p>
        <div class="field-row">
          <TextField
            label={t("editor.practiceMinutes")}
            form={form}
            name="requirement.minutes"
            value={() => draft.requirement.minutes}
            setValue={(v) => setDraft("requirement", "minutes", v)}
            inputmode="numeric"
            maxLength={5}
          />
          <TextField
            label={t("editor.practiceSessions")}
            form={form}
            name="requirement.sessions"
            value={() => draft.requirement.sessions}
            setValue={(v) => setDraft("requirement", "sessions", v)}
            inputmode="numeric"
            maxLength={3}
          />
          <TextField
            label={t("editor.minSessionMinutes")}
            hint={t("editor.minSessionMinutesHint")}
            form={form}
            name="requirement.minSessionMinutes"
            value={() => draft.requirement.minSessionMinutes}
            setValue={(v) => setDraft("requirement", "minSessionMinutes", v)}
            inputmode="numeric"
            maxLength={3}
          />
        </div>
      </Card>
      <Card title={t("editor.rubric")}>
        <p class="meta">{t("editor.rubricHint")}</p>
        <RubricEditor draft={draft} set={setDraft} form={form} reshaped={reshaped} />
      </Card>
      {/* In the sticky bar, so a refusal (edited elsewhere, nothing to publish) shows where the button was pressed. */}
      <div class="action-bar" data-testid="editor-actions">
        <FormError message={form.formError()} />
        <span class="meta action-bar-state" data-testid="editor-dirty">
          {dirty() ? t("editor.unsaved") : saved() ? t("editor.allSaved") : ""}
        </span>
        <div class="button-row">
          <button type="submit" class="btn btn-secondary" disabled={form.submitting()} data-testid="course-save">
            {busy("save") ? t("common.saving") : saved() ? t("editor.save") : t("editor.createDraft")}
          </button>
          <Show when={saved()}>
            {(c) => (
              <Show
                when={c().status === "published"}
                fallback={
                  <button type="button" class="btn btn-primary" disabled={form.submitting()} data-testid="course-publish" onClick={() => act("publish")}>
                    {busy("publish") ? t("common.saving") : dirty() ? t("editor.saveAndPublish") : t("editor.publish")}
                  </button>
                }
              >
                <button
                  type="button"
                  class="btn btn-danger-outline"
                  disabled={form.submitting()}
                  data-testid="course-unpublish"
                  onClick={() => act("unpublish")}
                >
                  {busy("unpublish") ? t("common.saving") : t("editor.unpublish")}
                </button>
              </Show>
            )}
          </Show>
        </div>
      </div>
    </form>
  );
}
