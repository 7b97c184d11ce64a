import { For, Show } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import type { Terms } from "../api/types";
import { TextAreaField, TextField } from "../components/field";
import { createForm } from "../components/form";
import { FormError } from "../components/ui";
import { t } from "../i18n";
import { PartHead } from "../training/editor/part-head";
import { checkTerms, MAX_TIERS, type TermsDraft, termsDraft, toTerms } from "./terms";

const shown = (path: string) => /^terms\.|^note$/.test(path);

/**
 * Slot fee (yuan), commission (%) and optional higher-commission tiers, read into fen and basis
 * points on submit; with `note`, a message to the other side. The API's refusals show beside the
 * boxes (`terms.slotFeeFen` …) or above the button.
 */
export function TermsForm(props: {
  initial: Terms;
  submitLabel: string;
  note?: boolean;
  onSubmit: (terms: Terms, note: string | undefined) => Promise<void>;
  onCancel?: () => void;
  testid?: string;
}) {
  const [draft, setDraft] = createStore<TermsDraft & { note: string }>({ ...termsDraft(props.initial), note: "" });
  const form = createForm<string>(shown);
  const id = (name: string) => `${props.testid ?? "terms"}-${name}`;

  return (
    <form
      ref={form.ref}
      class="form"
      novalidate
      data-testid={props.testid ?? "terms-form"}
      onSubmit={(e) =>
        form.submit(
          e,
          () => checkTerms(unwrap(draft)),
          () => props.onSubmit(toTerms(unwrap(draft)), draft.note.trim() || undefined),
        )
      }
    >
      <div class="field-row">
        <TextField
          label={t("terms.slotFee")}
          hint={t("terms.slotFeeHint")}
          form={form}
          name="terms.slotFeeFen"
          inputmode="decimal"
          maxLength={14}
          value={() => draft.slotFee}
          setValue={(v) => setDraft("slotFee", v)}
          data-testid={id("fee")}
        />
        <TextField
          label={t("terms.commission")}
          hint={t("terms.commissionHint")}
          form={form}
          name="terms.commissionBps"
          inputmode="decimal"
          maxLength={7}
          value={() => draft.commission}
          setValue={(v) => setDraft("commission", v)}
          data-testid={id("commission")}
        />
      </div>
      <For each={draft.tiers}>
        {(tier, i) => (
          <fieldset class="part" aria-label={t("terms.tierN", { n: i() + 1 })}>
            <PartHead
              title={t("terms.tierN", { n: i() + 1 })}
              index={i()}
              count={draft.tiers.length}
              onRemove={() => {
                setDraft("tiers", (list) => list.filter((_, k) => k !== i()));
                form.reset();
              }}
            />
            <div class="field-row">
              <TextField
                label={t("terms.tierAbove")}
                form={form}
                name={`terms.tiers.${i()}.aboveFen`}
                inputmode="decimal"
                maxLength={14}
                value={() => tier.above}
                setValue={(v) => setDraft("tiers", i(), "above", v)}
              />
              <TextField
                label={t("terms.commission")}
                form={form}
                name={`terms.tiers.${i()}.commissionBps`}
                inputmode="decimal"
                maxLength={7}
                value={() => tier.commission}
                setValue={(v) => setDraft("tiers", i(), "commission", v)}
              />
            </div>
          </fieldset>
        )}
      </For>
      <Show when={draft.tiers.length < MAX_TIERS}>
        <button
          type="button"
          class="btn btn-ghost btn-small"
          onClick={() => setDraft("tiers", (list) => [...list, { above: "", commission: draft.commission }])}
          data-testid={id("add-tier")}
        >
          {t("terms.addTier")}
        </button>
      </Show>
      <Show when={props.note}>
        <TextAreaField
          label={t("terms.note")}
          optional
          form={form}
          name="note"
          rows={2}
          maxLength={500}
          value={() => draft.note}
          setValue={(v) => setDraft("note", v)}
          data-testid={id("note")}
        />
      </Show>
      <FormError message={form.formError()} />
      <div class="button-row">
        <button type="submit" class="btn btn-primary" disabled={form.submitting()} data-testid={id("submit")}>
          {form.submitting() ? t("common.saving") : props.submitLabel}
        </button>
        <Show when={props.onCancel}>
          <button type="button" class="btn btn-secondary" onClick={() => props.onCancel?.()}>
            {t("market.dismiss")}
          </button>
        </Show>
      </div>
    </form>
  );
}
