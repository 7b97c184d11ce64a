import { createEffect, createResource, For, Index, on, Show } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import { categories, cities, marketLanguages } from "../api/catalog";
import { api } from "../api/client";
import type { Category, Gig } from "../api/types";
import { loaded } from "../components/async";
import { SelectField, TextField } from "../components/field";
import { createForm } from "../components/form";
import { notify } from "../components/toast";
import { Card, FormError } from "../components/ui";
import { t } from "../i18n";
import { categoryName, cityName } from "../i18n/names";
import { PartHead } from "../training/editor/part-head";
import { marketLanguageName } from "./bits";
import { chinaToday } from "./calendar";
import { approvedCertifications } from "./certs";
import { checkGig, emptyGig, gigDraft, MAX_CERTIFICATIONS, toGigFields } from "./gig-draft";

const shown = (path: string) =>
  /^(title|products|category|mode|city|venue|date|startTime|minutes|requiredCertifications|languages|budgetFen|commissionBps)$|^(products|requiredCertifications|languages)\./.test(
    path,
  );

const toggled = <V,>(list: readonly V[], v: V) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

/**
 * Post (no gig yet) or edit a gig: products, category, on site or remote, when and how long
 * (Beijing time), required certifications and languages, the slot-fee budget and the commission.
 */
export function GigEditor(props: { brandID: string; gig?: Gig; onSaved: (gig: Gig) => void }) {
  const [brand] = createResource(
    () => (props.gig ? undefined : props.brandID),
    (orgID) => api.org.get.query({ orgID }),
  );
  const [draft, setDraft] = createStore(props.gig ? gigDraft(props.gig) : emptyGig(chinaToday()));
  // A new gig starts in the brand's city and first category, once the brand is known (unless already chosen).
  createEffect(
    on(
      () => loaded(brand),
      (b) => {
        if (!b) return;
        if (!draft.city) setDraft("city", b.city);
        const first = b.categories?.[0] as Category | undefined;
        if (!draft.category && first) setDraft("category", first);
      },
    ),
  );
  const form = createForm<string>(shown);
  const certs = approvedCertifications();

  async function save() {
    const fields = toGigFields(unwrap(draft));
    const gig = props.gig
      ? await api.market.updateGig.mutate({ gigID: props.gig.gigID, version: props.gig.version, ...fields })
      : await api.market.createGig.mutate({ brandID: props.brandID, ...fields });
    notify(() => t(props.gig ? "gigEditor.saved" : "gigEditor.posted"));
    props.onSaved(gig);
  }

  return (
    <form
      ref={form.ref}
      class="stack editor"
      novalidate
      data-testid="gig-editor"
      onSubmit={(e) => form.submit(e, () => checkGig(unwrap(draft), chinaToday()), save)}
    >
      <Card title={t("gigEditor.what")}>
        <div class="form">
          <TextField
            label={t("gigEditor.title")}
            hint={t("gigEditor.titleHint")}
            form={form}
            name="title"
            maxLength={80}
            value={() => draft.title}
            setValue={(v) => setDraft("title", v)}
            data-testid="gig-title"
          />
          <SelectField
            label={t("gigEditor.category")}
            form={form}
            name="category"
            value={() => draft.category}
            setValue={(v) => setDraft("category", v as Category)}
            testid="gig-category"
          >
            <option value="" disabled>
              {t("fieldHint.category")}
            </option>
            <For each={categories}>{(c) => <option value={c}>{categoryName(c)}</option>}</For>
          </SelectField>
          <fieldset class="choice-group" data-testid="gig-products">
            <legend class="field-label">{t("gigEditor.products")}</legend>
            <Show when={form.fieldError("products")}>{(m) => <p class="field-error">{m()}</p>}</Show>
            <Index each={draft.products}>
              {(p, i) => (
                <fieldset class="part" aria-label={t("gigEditor.productN", { n: i + 1 })}>
                  <PartHead
                    title={t("gigEditor.productN", { n: i + 1 })}
                    index={i}
                    count={draft.products.length}
                    onRemove={
                      draft.products.length > 1
                        ? () => {
                            setDraft("products", (list) => list.filter((_, k) => k !== i));
                            form.reset();
                          }
                        : undefined
                    }
                  />
                  <div class="field-row">
                    <TextField
                      label={t("gigEditor.productName")}
                      form={form}
                      name={`products.${i}.name`}
                      maxLength={80}
                      value={() => p().name}
                      setValue={(v) => setDraft("products", i, "name", v)}
                      data-testid={`gig-product-name-${i}`}
                    />
                    <TextField
                      label={t("gigEditor.productPrice")}
                      form={form}
                      name={`products.${i}.priceFen`}
                      inputmode="decimal"
                      maxLength={12}
                      value={() => p().price}
                      setValue={(v) => setDraft("products", i, "price", v)}
                      data-testid={`gig-product-price-${i}`}
                    />
                  </div>
                </fieldset>
              )}
            </Index>
            <Show when={draft.products.length < 50}>
              <button
                type="button"
                class="btn btn-ghost btn-small"
                onClick={() => setDraft("products", (list) => [...list, { name: "", price: "" }])}
                data-testid="gig-add-product"
              >
                {t("gigEditor.addProduct")}
              </button>
            </Show>
          </fieldset>
        </div>
      </Card>
      <Card title={t("gigEditor.whereWhen")}>
        <div class="form">
          <fieldset class="segmented">
            <legend class="sr-only">{t("gigEditor.mode")}</legend>
            <button type="button" aria-pressed={draft.mode === "onsite"} data-testid="gig-onsite" onClick={() => setDraft("mode", "onsite")}>
              {t("gig.onsite")}
            </button>
            <button type="button" aria-pressed={draft.mode === "remote"} data-testid="gig-remote" onClick={() => setDraft("mode", "remote")}>
              {t("gig.remote")}
            </button>
          </fieldset>
          <Show when={draft.mode === "onsite"} fallback={<p class="meta">{t("gigEditor.remoteHint")}</p>}>
            <SelectField label={t("gigEditor.city")} form={form} name="city" value={() => draft.city} setValue={(v) => setDraft("city", v)} testid="gig-city">
              <option value="" disabled>
                {t("fieldHint.city")}
              </option>
              <For each={cities}>{(c) => <option value={c}>{cityName(c)}</option>}</For>
            </SelectField>
            <TextField
              label={t("gigEditor.venue")}
              hint={t("gigEditor.venueHint")}
              form={form}
              name="venue"
              maxLength={200}
              value={() => draft.venue}
              setValue={(v) => setDraft("venue", v)}
              data-testid="gig-venue"
            />
          </Show>
          <div class="field-row">
            <TextField
              label={t("gigEditor.date")}
              form={form}
              name="date"
              type="date"
              min={chinaToday()}
              value={() => draft.date}
              setValue={(v) => setDraft("date", v)}
              data-testid="gig-date"
            />
            <TextField
              label={t("gigEditor.startTime")}
              hint={t("gigEditor.startTimeHint")}
              form={form}
              name="startTime"
              type="time"
              value={() => draft.startTime}
              setValue={(v) => setDraft("startTime", v)}
              data-testid="gig-time"
            />
          </div>
          <TextField
            label={t("gigEditor.minutes")}
            hint={t("gigEditor.minutesHint")}
            form={form}
            name="minutes"
            inputmode="numeric"
            maxLength={3}
            value={() => draft.minutes}
            setValue={(v) => setDraft("minutes", v)}
            data-testid="gig-minutes"
          />
        </div>
      </Card>
      <Card title={t("gigEditor.who")}>
        <div class="form">
          <fieldset class="choice-group" data-testid="gig-certs">
            <legend class="field-label">
              {t("gigEditor.certs")}
              <span class="field-optional">{t("field.optional")}</span>
            </legend>
            <p class="meta">{t("gigEditor.certsHint", { max: MAX_CERTIFICATIONS })}</p>
            <Show when={loaded(certs)} fallback={<p class="meta">{certs.error ? t("gigEditor.certsLoadError") : t("common.loading")}</p>}>
              {(list) => (
                <div class="chips">
                  <For each={list()}>
                    {(d) => (
                      <label class="chip-check">
                        <input
                          type="checkbox"
                          checked={draft.requiredCertifications.includes(d.definitionID)}
                          disabled={!draft.requiredCertifications.includes(d.definitionID) && draft.requiredCertifications.length >= MAX_CERTIFICATIONS}
                          onChange={() => {
                            setDraft("requiredCertifications", (ids) => toggled(ids, d.definitionID));
                            form.touch("requiredCertifications");
                          }}
                        />
                        <span>
                          {d.name} <span class="muted">L{d.level}</span>
                        </span>
                      </label>
                    )}
                  </For>
                </div>
              )}
            </Show>
            <Show when={form.fieldError("requiredCertifications")}>{(m) => <p class="field-error">{m()}</p>}</Show>
          </fieldset>
          <fieldset class="choice-group" data-testid="gig-languages">
            <legend class="field-label">
              {t("gigEditor.languages")}
              <span class="field-optional">{t("field.optional")}</span>
            </legend>
            <p class="meta">{t("gigEditor.languagesHint")}</p>
            <div class="chips">
              <For each={marketLanguages}>
                {(l) => (
                  <label class="chip-check">
                    <input type="checkbox" checked={draft.languages.includes(l)} onChange={() => setDraft("languages", (list) => toggled(list, l))} />
                    <span>{marketLanguageName(l)}</span>
                  </label>
                )}
              </For>
            </div>
            <Show when={form.fieldError("languages")}>{(m) => <p class="field-error">{m()}</p>}</Show>
          </fieldset>
        </div>
      </Card>
      <Card title={t("gigEditor.money")}>
        <div class="field-row">
          <TextField
            label={t("gigEditor.budget")}
            hint={t("gigEditor.budgetHint")}
            form={form}
            name="budgetFen"
            inputmode="decimal"
            maxLength={12}
            value={() => draft.budget}
            setValue={(v) => setDraft("budget", v)}
            data-testid="gig-budget"
          />
          <TextField
            label={t("gigEditor.commission")}
            hint={t("gigEditor.commissionHint")}
            form={form}
            name="commissionBps"
            inputmode="decimal"
            maxLength={7}
            value={() => draft.commission}
            setValue={(v) => setDraft("commission", v)}
            data-testid="gig-commission"
          />
        </div>
      </Card>
      <div class="action-bar">
        <FormError message={form.formError()} />
        <button type="submit" class="btn btn-primary btn-block" disabled={form.submitting()} data-testid="gig-save">
          {form.submitting() ? t("common.saving") : props.gig ? t("gigEditor.save") : t("gigEditor.post")}
        </button>
      </div>
    </form>
  );
}
