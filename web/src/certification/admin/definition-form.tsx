import { For, Show } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import { categories } from "../../api/catalog";
import { api } from "../../api/client";
import type { Category, CertDefinition, NationalLevel } from "../../api/types";
import { SelectField, TextAreaField, TextField } from "../../components/field";
import { createForm } from "../../components/form";
import { notify } from "../../components/toast";
import { FormError } from "../../components/ui";
import { t } from "../../i18n";
import { categoryName } from "../../i18n/names";
import {
  checkDefinition,
  type DefinitionDraft,
  draftFromDefinition,
  emptyDefinition,
  LEVELS,
  nationalLevels,
  PLATFORM_OWNER,
  toDefinitionFields,
} from "./definition-draft";

/** Paths this form shows beside a box; anything else (a stale version, the agency not approved) is said above the button. */
const shown = (path: string) => /^(name|description|category|level|nationalLevel|validityMonths|renewalWithinMonths)$|^requirements\./.test(path);
const FLOORS = ["0", "1", "2", "3", "4"] as const;

/**
 * Define (ops, for the platform) or propose (an agency's admins) a certification, or edit one:
 * what it's called, its level and national-level mapping, what a learner must have done, and how
 * long it lasts. An agency's save goes to ops for approval; the platform's is approved at once.
 */
export function DefinitionForm(props: { ownerID: string; definition?: CertDefinition; onSaved: (d: CertDefinition) => void; onCancel?: () => void }) {
  const [draft, setDraft] = createStore<DefinitionDraft>(props.definition ? draftFromDefinition(props.definition) : emptyDefinition());
  const form = createForm<string>(shown);
  const platform = () => props.ownerID === PLATFORM_OWNER;

  async function save() {
    const fields = toDefinitionFields(unwrap(draft));
    const current = props.definition;
    const saved = current
      ? await api.certification.update.mutate({ definitionID: current.definitionID, version: current.version, ...fields })
      : await api.certification.define.mutate({ ownerID: props.ownerID, ...fields });
    const name = saved.name;
    notify(() => (platform() ? t(current ? "certAdmin.saved" : "certAdmin.created", { name }) : t("certAdmin.proposed", { name })));
    props.onSaved(saved);
  }

  const submitLabel = () => {
    if (form.submitting()) return t("common.saving");
    if (platform()) return props.definition ? t("certAdmin.save") : t("certAdmin.create");
    return props.definition ? t("certAdmin.saveForReview") : t("certAdmin.propose");
  };
  const num = (name: string, label: string, value: () => string, set: (v: string) => void, hint?: string, max = 5) => (
    <TextField
      label={label}
      hint={hint}
      form={form}
      name={name}
      value={value}
      setValue={set}
      inputmode="numeric"
      maxLength={max}
      data-testid={`cert-${name}`}
    />
  );

  return (
    <form ref={form.ref} class="form" novalidate data-testid="cert-form" onSubmit={(e) => form.submit(e, () => checkDefinition(unwrap(draft)), save)}>
      <Show when={!platform()}>
        <p class="notice notice-info">{props.definition?.status === "approved" ? t("certAdmin.reviewAgain") : t("certAdmin.reviewNotice")}</p>
      </Show>
      <TextField
        label={t("certAdmin.name")}
        hint={t("certAdmin.nameHint")}
        form={form}
        name="name"
        value={() => draft.name}
        setValue={(v) => setDraft("name", v)}
        maxLength={80}
        data-testid="cert-name"
      />
      <TextAreaField
        label={t("certAdmin.description")}
        hint={t("certAdmin.descriptionHint")}
        form={form}
        name="description"
        value={() => draft.description}
        setValue={(v) => setDraft("description", v)}
        rows={3}
        maxLength={1000}
        data-testid="cert-description"
      />
      <div class="field-row">
        <SelectField
          label={t("certAdmin.category")}
          form={form}
          name="category"
          value={() => draft.category}
          setValue={(v) => setDraft("category", v as Category)}
          testid="cert-category"
        >
          <option value="" disabled>
            {t("fieldHint.category")}
          </option>
          <For each={categories}>{(c) => <option value={c}>{categoryName(c)}</option>}</For>
        </SelectField>
        <SelectField label={t("certAdmin.level")} form={form} name="level" value={() => draft.level} setValue={(v) => setDraft("level", v)} testid="cert-level">
          <For each={LEVELS}>{(l) => <option value={l}>{t("certAdmin.levelN", { level: l })}</option>}</For>
        </SelectField>
      </div>
      <SelectField
        label={t("certAdmin.nationalLevel")}
        form={form}
        name="nationalLevel"
        value={() => draft.nationalLevel}
        setValue={(v) => setDraft("nationalLevel", v as NationalLevel)}
        testid="cert-national-level"
      >
        <For each={nationalLevels}>{(l) => <option value={l}>{t(`certs.national.${l}`)}</option>}</For>
      </SelectField>
      <fieldset class="choice-group">
        <legend class="field-label">{t("certAdmin.requirements")}</legend>
        <p class="meta">{t("certAdmin.requirementsHint")}</p>
        <div class="field-row">
          {num(
            "requirements.lessonsPercent",
            t("certAdmin.lessonsPercent"),
            () => draft.requirements.lessonsPercent,
            (v) => setDraft("requirements", "lessonsPercent", v),
            t("certAdmin.lessonsPercentHint"),
            3,
          )}
          <SelectField
            label={t("certAdmin.criterionFloor")}
            form={form}
            name="requirements.criterionFloor"
            value={() => draft.requirements.criterionFloor}
            setValue={(v) => setDraft("requirements", "criterionFloor", v)}
            testid="cert-criterion-floor"
          >
            <For each={FLOORS}>{(f) => <option value={f}>{f === "0" ? t("certAdmin.floorNone") : t("certAdmin.floorN", { score: f })}</option>}</For>
          </SelectField>
        </div>
        <div class="field-row">
          {num(
            "requirements.practiceMinutes",
            t("certAdmin.practiceMinutes"),
            () => draft.requirements.practiceMinutes,
            (v) => setDraft("requirements", "practiceMinutes", v),
          )}
          {num(
            "requirements.practiceSessions",
            t("certAdmin.practiceSessions"),
            () => draft.requirements.practiceSessions,
            (v) => setDraft("requirements", "practiceSessions", v),
            undefined,
            3,
          )}
        </div>
        <TextField
          label={t("certAdmin.rubricAverage")}
          hint={t("certAdmin.rubricAverageHint")}
          form={form}
          name="requirements.rubricAverage"
          value={() => draft.requirements.rubricAverage}
          setValue={(v) => setDraft("requirements", "rubricAverage", v)}
          inputmode="decimal"
          maxLength={4}
          data-testid="cert-rubric-average"
        />
      </fieldset>
      <div class="field-row">
        {num(
          "validityMonths",
          t("certAdmin.validityMonths"),
          () => draft.validityMonths,
          (v) => setDraft("validityMonths", v),
          t("certAdmin.validityHint"),
          2,
        )}
        {num(
          "renewalWithinMonths",
          t("certAdmin.renewalWithinMonths"),
          () => draft.renewalWithinMonths,
          (v) => setDraft("renewalWithinMonths", v),
          t("certAdmin.renewalHint"),
          2,
        )}
      </div>
      <FormError message={form.formError()} />
      <div class="button-row">
        <button type="submit" class="btn btn-primary" disabled={form.submitting()} data-testid="cert-submit">
          {submitLabel()}
        </button>
        <Show when={props.onCancel}>
          <button type="button" class="btn btn-secondary" disabled={form.submitting()} onClick={() => props.onCancel?.()}>
            {t("certAdmin.cancel")}
          </button>
        </Show>
      </div>
    </form>
  );
}
