import { A, useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import { toApiError } from "../api/errors";
import { createPaged, LoadMore, loaded } from "../components/async";
import { createForm } from "../components/form";
import { notify } from "../components/toast";
import { Card, EmptyState, FormError, LoadError, Loading } from "../components/ui";
import { date, type MessageKey, money, t } from "../i18n";
import { PhaseChip } from "../payout/bits";
import { consoleAvailable } from "../payout/console";
import type { PayoutRun } from "../payout/types";
import { roles } from "../session/actions";

/** Platform ops: recent payout runs, starting one now, and (on a laptop) the way to the provider console. */
export function OpsPayoutsPage() {
  return (
    <div class="page page-narrow" data-testid="ops-payouts-page">
      <A href="/?as=ops" class="back-link">
        {t("org.back")}
      </A>
      <header class="page-head">
        <h1>{t("opsPayouts.title")}</h1>
        <p class="muted">{t("opsPayouts.subtitle")}</p>
      </header>
      <Show when={roles().includes("ops")} fallback={<EmptyState icon="check" title={t("certAdmin.opsOnly")} />}>
        <Runs />
      </Show>
    </div>
  );
}

function Runs() {
  const navigate = useNavigate();
  const runs = createPaged(
    () => "runs",
    (_key, cursor) => api.payout.runs.query({ cursor }),
  );
  const [local] = createResource(consoleAvailable);
  const [active, setActive] = createSignal<string>();
  const form = createForm<never>([]);
  const start = () =>
    form.run(
      () => ({}),
      async () => {
        setActive(undefined);
        try {
          const run = await api.payout.start.mutate({});
          notify(() => t("opsPayouts.started"));
          navigate(`/ops/payouts/${run.runID}`);
        } catch (e) {
          // the run in progress is named in the refusal: offer the way to it
          const err = toApiError(e);
          if (err.code === "payout.run_active") {
            setActive(err.fields.runID || undefined);
            void runs.reload();
          }
          throw e;
        }
      },
    );
  return (
    <div class="stack">
      <Card testid="ops-payouts-start">
        <button type="button" class="btn btn-primary btn-block" disabled={form.submitting()} onClick={start} data-testid="ops-payouts-start-button">
          {form.submitting() ? t("opsPayouts.starting") : t("opsPayouts.start")}
        </button>
        <FormError message={form.formError()} />
        <Show when={active()}>
          {(runID) => (
            <A class="btn btn-secondary" href={`/ops/payouts/${runID()}`} data-testid="ops-payouts-active">
              {t("opsPayouts.toActive")}
            </A>
          )}
        </Show>
        <Show when={loaded(local)}>
          <A class="link-more" href="/dev/payouts" data-testid="ops-payouts-console-link">
            {t("opsPayouts.console")}
          </A>
        </Show>
      </Card>
      <Card title={t("opsPayouts.runs")} testid="ops-payout-runs">
        <Show when={runs.state() !== "error"} fallback={<LoadError error={runs.error()} retry={runs.reload} />}>
          <Show when={runs.state() !== "loading"} fallback={<Loading />}>
            <Show when={runs.items().length} fallback={<EmptyState icon="inbox" title={t("opsPayouts.empty")} testid="ops-payout-runs-empty" />}>
              <ul class="list">
                <For each={runs.items()}>{(r) => <RunRow run={r} />}</For>
              </ul>
              <LoadMore of={runs} />
            </Show>
          </Show>
        </Show>
      </Card>
    </div>
  );
}

function RunRow(props: { run: PayoutRun }) {
  const r = () => props.run;
  return (
    <li class="list-row payout-row" data-testid="ops-payout-run" data-run={r().runID} data-phase={r().phase}>
      <div class="list-main">
        <div class="payout-head">
          <A class="list-title list-link" href={`/ops/payouts/${r().runID}`}>
            {t("opsPayouts.runStarted", { date: date(r().startedAt, "dateTime") })}
          </A>
          <PhaseChip phase={r().phase} />
        </div>
        <p class="meta">
          {t(`opsPayouts.trigger.${r().trigger}` as MessageKey)} ·{" "}
          {t("opsPayouts.runCounts", { paid: r().paid, planned: r().planned, paidFen: money(r().paidFen), plannedFen: money(r().plannedFen) })}
        </p>
      </div>
    </li>
  );
}
