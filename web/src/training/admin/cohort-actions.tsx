import { createSignal, type JSX, Match, Show, Switch } from "solid-js";
import { api } from "../../api/client";
import type { Cohort } from "../../api/types";
import { TextAreaField, TextField } from "../../components/field";
import { createForm, type Problems } from "../../components/form";
import { notify } from "../../components/toast";
import { FormError } from "../../components/ui";
import { t } from "../../i18n";
import { isDay } from "../dates";

type Fields = "reason" | "startDate" | "endDate";

/** Cancel or defer a cohort; either way learners see the reason on their pages. `children` join the button row. */
export function CohortActions(props: { cohort: Cohort; onChanged: (cohort: Cohort) => void; children?: JSX.Element }) {
  const [mode, setMode] = createSignal<"cancel" | "defer" | null>(null);
  const [reason, setReason] = createSignal("");
  const [startDate, setStartDate] = createSignal(props.cohort.startDate);
  const [endDate, setEndDate] = createSignal(props.cohort.endDate);
  const form = createForm<Fields>(["reason", "startDate", "endDate"]);

  const open = (next: "cancel" | "defer") => {
    form.reset();
    setReason("");
    setStartDate(props.cohort.startDate);
    setEndDate(props.cohort.endDate);
    setMode(next);
  };

  function check(): Problems<Fields> {
    const out: Problems<Fields> = {};
    const r = reason().trim();
    if (r.length < 2 || r.length > 500) out.reason = "fieldHint.reason";
    if (mode() === "defer") {
      if (!isDay(startDate())) out.startDate = "fieldHint.startDate";
      if (!isDay(endDate()) || endDate() < startDate()) out.endDate = "fieldHint.endDate";
    }
    return out;
  }

  async function confirm() {
    const cohortID = props.cohort.cohortID;
    const next =
      mode() === "cancel"
        ? await api.cohort.cancel.mutate({ cohortID, reason: reason() })
        : await api.cohort.defer.mutate({ cohortID, reason: reason(), startDate: startDate(), endDate: endDate() });
    const title = props.cohort.title;
    notify(() => t(next.status === "cancelled" ? "cohortActions.cancelled" : "cohortActions.deferred", { title }));
    setMode(null);
    props.onChanged(next);
  }

  return (
    <Switch
      fallback={
        <div class="button-row">
          {props.children}
          <Show when={props.cohort.status !== "cancelled"}>
            <button type="button" class="btn btn-ghost btn-small" data-testid="cohort-defer" onClick={() => open("defer")}>
              {t("cohortActions.defer")}
            </button>
            <button type="button" class="btn btn-danger-outline btn-small" data-testid="cohort-cancel" onClick={() => open("cancel")}>
              {t("cohortActions.cancel")}
            </button>
          </Show>
        </div>
      }
    >
      <Match when={mode()}>
        {(m) => (
          <form ref={form.ref} class="decision" novalidate onSubmit={(e) => form.submit(e, check, confirm)} data-testid={`cohort-${m()}-form`}>
            <FormError message={form.formError()} />
            <p class="list-title">{m() === "cancel" ? t("cohortActions.cancelTitle") : t("cohortActions.deferTitle")}</p>
            <Show when={m() === "defer"}>
              <div class="field-row">
                <TextField label={t("cohortForm.startDate")} form={form} name="startDate" type="date" value={startDate} setValue={setStartDate} />
                <TextField label={t("cohortForm.endDate")} form={form} name="endDate" type="date" value={endDate} setValue={setEndDate} />
              </div>
            </Show>
            <TextAreaField
              label={t("cohortActions.reason")}
              hint={t("cohortActions.reasonHint")}
              form={form}
              name="reason"
              value={reason}
              setValue={setReason}
              rows={2}
              maxLength={500}
            />
            <div class="button-row decision-actions">
              <button type="submit" class={`btn ${m() === "cancel" ? "btn-danger" : "btn-primary"}`} disabled={form.submitting()}>
                {form.submitting() ? t("common.saving") : m() === "cancel" ? t("cohortActions.confirmCancel") : t("cohortActions.confirmDefer")}
              </button>
              <button type="button" class="btn btn-ghost" disabled={form.submitting()} onClick={() => setMode(null)}>
                {t("common.back")}
              </button>
            </div>
          </form>
        )}
      </Match>
    </Switch>
  );
}
