import { createEffect, createResource, For, on, Show } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import { cities } from "../../api/catalog";
import { api } from "../../api/client";
import type { Cohort, Course } from "../../api/types";
import { createPaged, LoadMore, loaded } from "../../components/async";
import { SelectField, TextField } from "../../components/field";
import { createForm } from "../../components/form";
import { notify } from "../../components/toast";
import { FormError } from "../../components/ui";
import { t } from "../../i18n";
import { cityName, orgRoleName } from "../../i18n/names";
import { today } from "../cohort-bits";
import { type CohortDraft, checkCohort, emptyCohort, toCohortInput } from "../cohort-draft";
import { ScheduleEditor } from "./schedule-editor";

const shown = (path: string) => /^(title|startDate|endDate|capacity|city)$|^(schedule|instructorIDs)\./.test(path);

/** A new run of the course: dates, seats, in person or online, instructors from the agency, live classes. */
export function CohortForm(props: { course: Course; onCreated: (cohort: Cohort) => void }) {
  const [draft, setDraft] = createStore<CohortDraft>(emptyCohort(today()));
  const form = createForm<string>(shown);
  const [agency] = createResource(
    () => props.course.agencyID,
    (orgID) => api.org.get.query({ orgID }),
  );
  createEffect(
    on(
      () => loaded(agency)?.city,
      (city) => city && !draft.city && setDraft("city", city),
    ),
  );
  const members = createPaged(
    () => props.course.agencyID,
    (orgID, cursor) => api.org.members.query({ orgID, cursor }),
  );
  const teachers = () => members.items().filter((m) => m.role === "instructor" || m.role === "admin");
  const instructorError = () => draft.instructorIDs.map((_, i) => form.fieldError(`instructorIDs.${i}`)).find(Boolean);
  const toggle = (personID: string) => setDraft("instructorIDs", (ids) => (ids.includes(personID) ? ids.filter((id) => id !== personID) : [...ids, personID]));

  async function create() {
    const cohort = await api.cohort.create.mutate(toCohortInput(props.course.courseID, unwrap(draft)));
    notify(() => t("cohortForm.created", { title: cohort.title }));
    setDraft(emptyCohort(today(), loaded(agency)?.city ?? ""));
    form.reset();
    props.onCreated(cohort);
  }

  return (
    <form ref={form.ref} class="form" novalidate data-testid="cohort-form" onSubmit={(e) => form.submit(e, () => checkCohort(unwrap(draft)), create)}>
      <Show when={props.course.status !== "published"}>
        <p class="notice notice-info">{t("cohortForm.hiddenUntilPublished")}</p>
      </Show>
      <TextField
        label={t("cohortForm.title")}
        hint={t("cohortForm.titleHint")}
        form={form}
        name="title"
        value={() => draft.title}
        setValue={(v) => setDraft("title", v)}
        maxLength={120}
        data-testid="cohort-title"
      />
      <div class="field-row">
        <TextField
          label={t("cohortForm.startDate")}
          form={form}
          name="startDate"
          type="date"
          value={() => draft.startDate}
          setValue={(v) => setDraft("startDate", v)}
          data-testid="cohort-start"
        />
        <TextField
          label={t("cohortForm.endDate")}
          form={form}
          name="endDate"
          type="date"
          value={() => draft.endDate}
          setValue={(v) => setDraft("endDate", v)}
          data-testid="cohort-end"
        />
      </div>
      <TextField
        label={t("cohortForm.capacity")}
        hint={t("cohortForm.capacityHint")}
        form={form}
        name="capacity"
        inputmode="numeric"
        maxLength={3}
        value={() => draft.capacity}
        setValue={(v) => setDraft("capacity", v)}
        data-testid="cohort-capacity"
      />
      <fieldset class="segmented">
        <legend class="sr-only">{t("cohortForm.mode")}</legend>
        <button type="button" aria-pressed={!draft.online} data-testid="mode-offline" onClick={() => setDraft("online", false)}>
          {t("cohortForm.inPerson")}
        </button>
        <button type="button" aria-pressed={draft.online} data-testid="mode-online" onClick={() => setDraft("online", true)}>
          {t("cohort.online")}
        </button>
      </fieldset>
      <SelectField
        label={draft.online ? t("cohortForm.cityOnline") : t("cohortForm.city")}
        optional={draft.online}
        form={form}
        name="city"
        value={() => draft.city}
        setValue={(v) => setDraft("city", v)}
        testid="cohort-city"
      >
        <option value="">{draft.online ? t("cohortForm.noCity") : t("fieldHint.city")}</option>
        <For each={cities}>{(c) => <option value={c}>{cityName(c)}</option>}</For>
      </SelectField>
      <fieldset class="choice-group" data-testid="instructor-picker">
        <legend class="field-label">
          {t("cohortForm.instructors")}
          <span class="field-optional">{t("field.optional")}</span>
        </legend>
        <Show when={teachers().length} fallback={<p class="meta">{members.state() === "loading" ? t("common.loading") : t("cohortForm.noInstructors")}</p>}>
          <div class="chips">
            <For each={teachers()}>
              {(m) => (
                <label class="chip-check">
                  <input type="checkbox" checked={draft.instructorIDs.includes(m.personID)} onChange={() => toggle(m.personID)} />
                  <span>
                    {m.displayName}
                    <span class="muted"> · {orgRoleName(m.role)}</span>
                  </span>
                </label>
              )}
            </For>
          </div>
        </Show>
        <LoadMore of={members} />
        <Show when={instructorError()}>{(m) => <p class="field-error">{m()}</p>}</Show>
      </fieldset>
      <ScheduleEditor draft={draft} set={setDraft} form={form} />
      <FormError message={form.formError()} />
      <button type="submit" class="btn btn-primary btn-block" disabled={form.submitting()} data-testid="cohort-submit">
        {form.submitting() ? t("common.saving") : t("cohortForm.submit")}
      </button>
    </form>
  );
}
