import { createUniqueId, For, Show } from "solid-js";
import { TextField } from "../../components/field";
import { t } from "../../i18n";
import { COURSE_LIMITS, moved, newCriterion } from "../course-draft";
import { type CriterionDraft, defaultRubric, evenWeights, LEVELS, rubricTotal } from "../rubric";
import type { EditorProps } from "./modules-editor";
import { PartHead } from "./part-head";

/** Criteria with weights that must add up to 100 (the running total says so) and five level descriptors each. */
export function RubricEditor(props: EditorProps) {
  const total = () => rubricTotal(props.draft.rubric.map((c) => c.weight));
  const reshape = (change: () => void) => {
    change();
    props.reshaped();
  };
  const balance = () =>
    reshape(() => {
      const weights = evenWeights(props.draft.rubric.length);
      props.set("rubric", (list) => list.map((c, i) => ({ ...c, weight: String(weights[i] ?? 0) })));
    });

  return (
    <div class="stack" data-testid="rubric-editor">
      {/* Focusable and marked invalid so a failed save brings a phone user to the total, as it does for inputs. */}
      <div
        class="rubric-total"
        classList={{ "rubric-total-ok": total() === 100 }}
        data-testid="rubric-total"
        role="status"
        tabindex="-1"
        aria-invalid={Boolean(props.form.fieldError("rubric"))}
      >
        <span class="rubric-total-number">{t("rubric.total", { total: total() })}</span>
        <span>{total() === 100 ? t("rubric.totalOk") : t("rubric.totalMust")}</span>
      </div>
      <Show when={props.form.fieldError("rubric")}>{(message) => <p class="field-error">{message()}</p>}</Show>
      <div class="button-row">
        <button type="button" class="btn btn-ghost btn-small" disabled={!props.draft.rubric.length} onClick={balance}>
          {t("rubric.balance")}
        </button>
        <button type="button" class="btn btn-ghost btn-small" onClick={() => reshape(() => props.set("rubric", defaultRubric(t)))}>
          {t("rubric.restoreDefault")}
        </button>
      </div>
      <For each={props.draft.rubric}>
        {(criterion, ci) => (
          <CriterionEditor
            {...props}
            criterion={criterion}
            ci={ci()}
            count={props.draft.rubric.length}
            onMove={(step) => reshape(() => props.set("rubric", (list) => moved(list, ci(), step)))}
            onRemove={() => reshape(() => props.set("rubric", (list) => list.filter((_, i) => i !== ci())))}
          />
        )}
      </For>
      <button
        type="button"
        class="btn btn-secondary"
        disabled={props.draft.rubric.length >= COURSE_LIMITS.criteria}
        onClick={() => reshape(() => props.set("rubric", (list) => [...list, newCriterion()]))}
      >
        {t("rubric.add")}
      </button>
    </div>
  );
}

interface CriterionProps extends EditorProps {
  criterion: CriterionDraft;
  ci: number;
  count: number;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}

function CriterionEditor(props: CriterionProps) {
  const at = () => `rubric.${props.ci}`;
  const levelError = () => LEVELS.some((n) => props.form.fieldError(`${at()}.levels.${n}`));
  const label = () => t("rubric.criterionN", { n: props.ci + 1 });
  const id = createUniqueId();
  return (
    <fieldset class="part" aria-labelledby={id} data-testid={`criterion-${props.ci}`}>
      <PartHead id={id} title={label()} index={props.ci} count={props.count} onMove={props.onMove} onRemove={props.onRemove} />
      <div class="field-row field-row-weight">
        <TextField
          label={t("rubric.name")}
          form={props.form}
          name={`${at()}.name`}
          value={() => props.criterion.name}
          setValue={(v) => props.set("rubric", props.ci, "name", v)}
          maxLength={60}
        />
        <TextField
          label={t("rubric.weight")}
          form={props.form}
          name={`${at()}.weight`}
          value={() => props.criterion.weight}
          setValue={(v) => {
            props.set("rubric", props.ci, "weight", v);
            props.form.touch("rubric");
          }}
          inputmode="numeric"
          maxLength={3}
          data-testid={`criterion-weight-${props.ci}`}
        />
      </div>
      <details class="fold levels" open={!props.criterion.name || levelError()}>
        <summary>{t("rubric.levels")}</summary>
        <div class="stack">
          <For each={LEVELS}>
            {(n) => (
              <TextField
                label={t("rubric.level", { score: n })}
                form={props.form}
                name={`${at()}.levels.${n}`}
                value={() => props.criterion.levels[n] ?? ""}
                setValue={(v) => props.set("rubric", props.ci, "levels", n, v)}
                maxLength={300}
              />
            )}
          </For>
        </div>
      </details>
    </fieldset>
  );
}
