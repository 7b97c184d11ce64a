import { createSignal, Show } from "solid-js";
import { api } from "../api/client";
import { type ApiError, toApiError } from "../api/errors";
import type { Lease } from "../api/types";
import { notify } from "../components/toast";
import { FormError } from "../components/ui";
import { locale, t } from "../i18n";
import { describeError } from "../i18n/error-text";
import { slotLabel } from "./format";

/**
 * Gives back a slot that hasn't started, after an inline "are you sure" (focus moves to the safe
 * choice, Keep). A refusal (it started meanwhile, or it's gone) stays under the row.
 */
export function CancelSlot(props: { lease: Lease; onCancelled: (lease: Lease) => void }) {
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ApiError>();
  let trigger: HTMLButtonElement | undefined;
  let keep: HTMLButtonElement | undefined;
  const slot = () => slotLabel(props.lease, locale());

  function ask() {
    setError(undefined);
    setConfirming(true);
    keep?.focus();
  }
  function back() {
    setConfirming(false);
    trigger?.focus();
  }
  async function cancel() {
    setBusy(true);
    setError(undefined);
    try {
      const lease = await api.practice.cancel.mutate({ leaseID: props.lease.leaseID });
      notify(() => t("practice.cancelled", { time: slotLabel(lease, locale()) }));
      props.onCancelled(lease);
    } catch (e) {
      setError(toApiError(e));
      back();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="row-actions stack stack-sm">
      <Show
        when={confirming()}
        fallback={
          <button
            ref={trigger}
            type="button"
            class="btn btn-small btn-danger-outline"
            aria-label={t("practice.cancelFor", { slot: slot() })}
            onClick={ask}
            data-testid="practice-cancel"
          >
            {t("practice.cancel")}
          </button>
        }
      >
        <fieldset class="cancel-ask" data-testid="practice-cancel-ask">
          <legend>{t("practice.cancelAsk", { slot: slot() })}</legend>
          <div class="button-row decision-actions">
            <button type="button" class="btn btn-danger" disabled={busy()} onClick={cancel} data-testid="practice-cancel-confirm">
              {busy() ? t("practice.cancelling") : t("practice.cancelYes")}
            </button>
            <button ref={keep} type="button" class="btn btn-secondary" disabled={busy()} onClick={back} data-testid="practice-cancel-keep">
              {t("practice.cancelKeep")}
            </button>
          </div>
        </fieldset>
      </Show>
      <FormError message={error() && describeError(error() as ApiError, locale()).form} />
    </div>
  );
}
