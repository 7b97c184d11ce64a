import { createUniqueId, For, Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import type { FormBinding } from "../../components/field";
import { TextField } from "../../components/field";
import { t } from "../../i18n";
import { type CohortDraft, newClass } from "../cohort-draft";
import { PartHead } from "../editor/part-head";

/** The cohort's live classes; each starts on a day within the cohort's dates, Beijing time. */
export function ScheduleEditor(props: { draft: CohortDraft; set: SetStoreFunction<CohortDraft>; form: FormBinding<string> & { reset(): void } }) {
  const uid = createUniqueId();
  const add = () => {
    const last = props.draft.schedule[props.draft.schedule.length - 1];
    props.set("schedule", (list) => [...list, newClass(last?.day ?? props.draft.startDate)]);
  };
  const remove = (i: number) => {
    props.set("schedule", (list) => list.filter((_, k) => k !== i));
    props.form.reset();
  };
  return (
    <fieldset class="choice-group" data-testid="schedule-editor">
      <legend class="field-label">
        {t("cohortForm.schedule")}
        <span class="field-optional">{t("field.optional")}</span>
      </legend>
      <p class="meta">{t("cohortForm.scheduleHint")}</p>
      <For each={props.draft.schedule}>
        {(c, i) => (
          <fieldset class="part" aria-labelledby={`${uid}-class-${i()}`} data-testid={`class-${i()}`}>
            <PartHead
              id={`${uid}-class-${i()}`}
              title={t("cohortForm.classN", { n: i() + 1 })}
              index={i()}
              count={props.draft.schedule.length}
              onRemove={() => remove(i())}
            />
            <TextField
              label={t("cohortForm.classTitle")}
              form={props.form}
              name={`schedule.${i()}.title`}
              value={() => c.title}
              setValue={(v) => props.set("schedule", i(), "title", v)}
              maxLength={120}
              data-testid={`class-title-${i()}`}
            />
            <div class="field-row field-row-3">
              <TextField
                label={t("cohortForm.classDay")}
                form={props.form}
                name={`schedule.${i()}.startsAt`}
                type="date"
                min={props.draft.startDate}
                max={props.draft.endDate}
                value={() => c.day}
                setValue={(v) => props.set("schedule", i(), "day", v)}
                data-testid={`class-day-${i()}`}
              />
              <TextField
                label={t("cohortForm.classTime")}
                form={props.form}
                name={`schedule.${i()}.time`}
                type="time"
                value={() => c.time}
                setValue={(v) => {
                  props.set("schedule", i(), "time", v);
                  props.form.touch(`schedule.${i()}.startsAt`);
                }}
                data-testid={`class-time-${i()}`}
              />
              <TextField
                label={t("cohortForm.classMinutes")}
                form={props.form}
                name={`schedule.${i()}.minutes`}
                inputmode="numeric"
                maxLength={3}
                value={() => c.minutes}
                setValue={(v) => props.set("schedule", i(), "minutes", v)}
              />
            </div>
          </fieldset>
        )}
      </For>
      <Show when={props.draft.schedule.length < 120}>
        <button type="button" class="btn btn-secondary btn-small" data-testid="add-class" onClick={add}>
          {t("cohortForm.addClass")}
        </button>
      </Show>
    </fieldset>
  );
}
