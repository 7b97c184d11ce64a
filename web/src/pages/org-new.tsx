import { useNavigate } from "@solidjs/router";
import { createEffect, createSignal, For, on, Show } from "solid-js";
import { categories, cities, isCity } from "../api/catalog";
import { api } from "../api/client";
import type { Category, OrgKind } from "../api/types";
import { SelectField, TextAreaField, TextField } from "../components/field";
import { createForm, required } from "../components/form";
import { notify } from "../components/toast";
import { FormError } from "../components/ui";
import { type MessageKey, t } from "../i18n";
import { categoryName, cityName } from "../i18n/names";
import { profile, reloadMemberships } from "../session/actions";

type Fields = "name" | "city" | "description" | "categories";

const kindOptions: { kind: OrgKind; title: MessageKey; desc: MessageKey }[] = [
  { kind: "agency", title: "orgKind.agency", desc: "orgNew.kind.agencyDesc" },
  { kind: "brand", title: "orgKind.brand", desc: "orgNew.kind.brandDesc" },
];

export function OrgNewPage() {
  const navigate = useNavigate();
  const [kind, setKind] = createSignal<OrgKind>("agency");
  const [name, setName] = createSignal("");
  const [city, setCity] = createSignal("");
  const [description, setDescription] = createSignal("");
  const [picked, setPicked] = createSignal<Category[]>([]);
  const form = createForm<Fields>(["name", "city", "description", "categories"]);
  createEffect(on(profile, (p) => p?.city && !city() && setCity(p.city)));

  const toggle = (c: Category) => setPicked((list) => (list.includes(c) ? list.filter((x) => x !== c) : [...list, c]));

  async function create() {
    const c = city();
    if (!isCity(c)) return;
    const org = await api.org.create.mutate({
      kind: kind(),
      name: name(),
      city: c,
      description: description().trim() || undefined,
      categories: kind() === "brand" && picked().length ? picked() : undefined,
    });
    await reloadMemberships();
    notify(() => t("orgNew.submitted"));
    navigate(`/orgs/${org.orgID}`);
  }

  return (
    <div class="page page-narrow">
      <header class="page-head">
        <h1>{t("orgNew.title")}</h1>
        <p class="muted">{t("orgNew.subtitle")}</p>
      </header>
      <form
        ref={form.ref}
        class="card form"
        novalidate
        data-testid="org-new-form"
        onSubmit={(e) => form.submit(e, () => required({ name: name(), city: city() }), create)}
      >
        <FormError message={form.formError()} />
        <fieldset class="choice-group">
          <legend class="field-label">{t("orgNew.kind")}</legend>
          <For each={kindOptions}>
            {(o) => (
              <label class="choice" classList={{ "choice-on": kind() === o.kind }}>
                <input type="radio" name="kind" value={o.kind} checked={kind() === o.kind} onChange={() => setKind(o.kind)} />
                <span class="choice-title">{t(o.title)}</span>
                <span class="choice-desc">{t(o.desc)}</span>
              </label>
            )}
          </For>
        </fieldset>
        <TextField
          label={t("field.orgName")}
          hint={t("field.orgName.hint")}
          form={form}
          name="name"
          value={name}
          setValue={setName}
          autocomplete="organization"
          maxLength={80}
        />
        <SelectField label={t("field.orgCity")} form={form} name="city" value={city} setValue={setCity}>
          <option value="" disabled>
            {t("fieldHint.city")}
          </option>
          <For each={cities}>{(value) => <option value={value}>{cityName(value)}</option>}</For>
        </SelectField>
        <TextAreaField
          label={t("field.description")}
          optional
          form={form}
          name="description"
          value={description}
          setValue={setDescription}
          rows={3}
          maxLength={500}
        />
        <Show when={kind() === "brand"}>
          <fieldset class="choice-group">
            <legend class="field-label">
              {t("field.categories")}
              <span class="field-optional">{t("field.optional")}</span>
            </legend>
            <div class="chips chips-pick">
              <For each={categories}>
                {(c) => (
                  <label class="chip-check">
                    <input type="checkbox" checked={picked().includes(c)} onChange={() => toggle(c)} />
                    <span>{categoryName(c)}</span>
                  </label>
                )}
              </For>
            </div>
            <Show when={form.fieldError("categories")}>{(message) => <p class="field-error">{message()}</p>}</Show>
          </fieldset>
        </Show>
        <button type="submit" class="btn btn-primary btn-block" disabled={form.submitting()} data-testid="org-new-submit">
          {form.submitting() ? t("orgNew.submitting") : t("orgNew.submit")}
        </button>
      </form>
    </div>
  );
}
