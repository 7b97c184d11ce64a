import { A } from "@solidjs/router";
import { createSignal, Match, Show, Switch } from "solid-js";
import { api } from "../api/client";
import type { Cohort, EnrolmentView } from "../api/types";
import { notify, notifyError } from "../components/toast";
import { t } from "../i18n";

/** Enrol, join the waitlist, or withdraw; after any of them the page reloads the seat count and my place. */
export function EnrolPanel(props: { cohort: Cohort; mine: EnrolmentView | null; onChanged: () => Promise<unknown> }) {
  const [busy, setBusy] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const full = () => props.cohort.enrolled >= props.cohort.capacity;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
      await props.onChanged();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  const enrol = () =>
    run(async () => {
      const result = await api.enrolment.enrol.mutate({ cohortID: props.cohort.cohortID });
      notify(() => (result.status === "enrolled" ? t("enrol.done") : t("enrol.waitlistedAt", { position: result.position })));
    });

  const withdraw = () => {
    if (!confirming()) return setConfirming(true);
    return run(async () => {
      await api.enrolment.withdraw.mutate({ cohortID: props.cohort.cohortID });
      notify(() => t("enrol.withdrawn"));
    });
  };

  const withdrawButton = (
    <button
      type="button"
      class="btn"
      classList={{ "btn-danger": confirming(), "btn-ghost": !confirming() }}
      disabled={busy()}
      data-testid="withdraw"
      onClick={withdraw}
      onBlur={() => !busy() && setConfirming(false)}
    >
      {confirming() ? t("enrol.confirmWithdraw") : t("enrol.withdraw")}
    </button>
  );

  return (
    <section class="card enrol-panel" data-testid="enrol-panel">
      <Switch>
        <Match when={props.mine?.enrolment.status === "enrolled"}>
          <p class="enrol-state enrol-state-ok" data-testid="enrol-state">
            {t("enrol.youAreIn")}
          </p>
          <div class="button-row">
            <A href={`/learn/${props.cohort.cohortID}`} class="btn btn-primary" data-testid="open-course">
              {t("enrol.openCourse")}
            </A>
            {withdrawButton}
          </div>
        </Match>
        <Match when={props.mine?.enrolment.status === "waitlisted"}>
          <p class="enrol-state" data-testid="enrol-state">
            {t("enrol.position", { position: props.mine?.position ?? 0 })}
          </p>
          <p class="meta">{t("enrol.waitlistHint")}</p>
          <div class="button-row">{withdrawButton}</div>
        </Match>
        <Match when={props.cohort.status === "cancelled"}>
          <p class="meta">{t("enrol.closed")}</p>
        </Match>
        <Match when={!props.mine}>
          <p class="enrol-state">
            {full() ? t("cohort.full") : t("cohort.seatsLeft", { count: props.cohort.capacity - props.cohort.enrolled, capacity: props.cohort.capacity })}
          </p>
          <Show when={full()}>
            <p class="meta">{t("enrol.waitlistHint")}</p>
          </Show>
          <button type="button" class="btn btn-primary btn-block" disabled={busy()} data-testid="enrol" onClick={enrol}>
            {busy() ? t("common.loading") : full() ? t("enrol.joinWaitlist") : t("enrol.enrol")}
          </button>
        </Match>
      </Switch>
    </section>
  );
}
