import { createSignal, For, Show } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import { categories, cities, marketLanguages } from "../api/catalog";
import { api } from "../api/client";
import type { HostCard } from "../api/types";
import { SelectField, TextAreaField, TextField } from "../components/field";
import { createForm } from "../components/form";
import { notify } from "../components/toast";
import { Card, FormError } from "../components/ui";
import { t } from "../i18n";
import { categoryName, cityName } from "../i18n/names";
import { ExceptionsEditor, WeekEditor } from "./availability-editor";
import { marketLanguageName } from "./bits";
import { cardDraft, checkCard, emptyCard, toCardInput } from "./card-draft";
import { ClipsPicker } from "./clips-picker";

const shown = (path: string) =>
  /^(city|categories|languages|headline|slotFeePerHourFen|minCommissionBps|weekly|clips)$|^(weekly|exceptions|clips)\./.test(path);

/** A chip per option; the group's error (from the form) under it. */
function CheckChips<V extends string>(props: {
  legend: string;
  options: readonly V[];
  chosen: readonly V[];
  name: (v: V) => string;
  toggle: (v: V) => void;
  error?: string;
  testid: string;
}) {
  return (
    <fieldset class="choice-group" data-testid={props.testid} aria-invalid={Boolean(props.error)}>
      <legend class="field-label">{props.legend}</legend>
      <div class="chips">
        <For each={props.options}>
          {(v) => (
            <label class="chip-check">
              <input type="checkbox" value={v} checked={props.chosen.includes(v)} onChange={() => props.toggle(v)} />
              <span>{props.name(v)}</span>
            </label>
          )}
        </For>
      </div>
      <Show when={props.error}>{(m) => <p class="field-error">{m()}</p>}</Show>
    </fieldset>
  );
}

const toggled = <V,>(list: readonly V[], v: V) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

/**
 * The host's own card: where and what they sell, languages, rate card, weekly hours and days that
 * differ, practice clips. Saving sends the version it loaded; an edit elsewhere meanwhile is refused.
 */
export function CardEditor(props: { card: HostCard | null; city?: string; onSaved: () => void }) {
  const [draft, setDraft] = createStore(props.card ? cardDraft(props.card) : emptyCard(props.city ?? ""));
  const [version, setVersion] = createSignal(props.card?.version ?? 0);
  const form = createForm<string>(shown);

  async function save() {
    const saved = await api.market.saveCard.mutate(toCardInput(unwrap(draft), version()));
    setVersion(saved.version);
    notify(() => t("hostCard.saved"));
    props.onSaved();
  }

  return (
    <form ref={form.ref} class="stack editor" novalidate data-testid="card-editor" onSubmit={(e) => form.submit(e, () => checkCard(unwrap(draft)), save)}>
      <Card title={t("hostCard.basics")}>
        <div class="form">
          <SelectField label={t("hostCard.city")} form={form} name="city" value={() => draft.city} setValue={(v) => setDraft("city", v)} testid="card-city">
            <option value="" disabled>
              {t("fieldHint.city")}
            </option>
            <For each={cities}>{(c) => <option value={c}>{cityName(c)}</option>}</For>
          </SelectField>
          <CheckChips
            legend={t("hostCard.categories")}
            options={categories}
            chosen={draft.categories}
            name={categoryName}
            toggle={(v) => {
              setDraft("categories", (list) => toggled(list, v));
              form.touch("categories");
            }}
            error={form.fieldError("categories")}
            testid="card-categories"
          />
          <CheckChips
            legend={t("hostCard.languages")}
            options={marketLanguages}
            chosen={draft.languages}
            name={marketLanguageName}
            toggle={(v) => {
              setDraft("languages", (list) => toggled(list, v));
              form.touch("languages");
            }}
            error={form.fieldError("languages")}
            testid="card-languages"
          />
          <TextAreaField
            label={t("hostCard.headline")}
            hint={t("hostCard.headlineHint")}
            optional
            form={form}
            name="headline"
            rows={2}
            maxLength={200}
            value={() => draft.headline}
            setValue={(v) => setDraft("headline", v)}
            data-testid="card-headline"
          />
        </div>
      </Card>
      <Card title={t("hostCard.rates")}>
        <div class="field-row">
          <TextField
            label={t("hostCard.slotFee")}
            hint={t("hostCard.slotFeeHint")}
            form={form}
            name="slotFeePerHourFen"
            inputmode="decimal"
            maxLength={12}
            value={() => draft.slotFee}
            setValue={(v) => setDraft("slotFee", v)}
            data-testid="card-fee"
          />
          <TextField
            label={t("hostCard.minCommission")}
            hint={t("hostCard.minCommissionHint")}
            form={form}
            name="minCommissionBps"
            inputmode="decimal"
            maxLength={7}
            value={() => draft.minCommission}
            setValue={(v) => setDraft("minCommission", v)}
            data-testid="card-commission"
          />
        </div>
      </Card>
      <Card title={t("hostCard.weekly")}>
        <p class="meta">{t("hostCard.weeklyHint")}</p>
        <WeekEditor draft={draft} set={setDraft} form={form} />
      </Card>
      <Card title={t("hostCard.exceptions")}>
        <p class="meta">{t("hostCard.exceptionsHint")}</p>
        <ExceptionsEditor draft={draft} set={setDraft} form={form} />
      </Card>
      <Card title={t("hostCard.clips")}>
        <ClipsPicker
          draft={draft}
          set={setDraft}
          error={form.fieldError("clips") ?? draft.clips.map((_, i) => form.fieldError(`clips.${i}.streamId`)).find(Boolean)}
        />
      </Card>
      <div class="action-bar">
        <FormError message={form.formError()} />
        <button type="submit" class="btn btn-primary btn-block" disabled={form.submitting()} data-testid="card-save">
          {form.submitting() ? t("common.saving") : t("hostCard.save")}
        </button>
      </div>
    </form>
  );
}
