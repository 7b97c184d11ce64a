import { A, useParams } from "@solidjs/router";
import { createSignal, For, onCleanup, Show } from "solid-js";
import { api } from "../api/client";
import { createForm } from "../components/form";
import { ProgressBar } from "../components/progress";
import { notify } from "../components/toast";
import { Card, EmptyState, FormError, LoadError, Loading } from "../components/ui";
import { date, type MessageKey, money, t } from "../i18n";
import { PayoutRow, PhaseChip } from "../payout/bits";
import { isLive, progressOf } from "../payout/status";
import type { PayoutItem, PayoutRunDetail, RunCheck } from "../payout/types";
import { roles } from "../session/actions";

/** How often a run still under way is asked about again. */
const POLL_MS = 2_000;

/** One payout run for ops: its progress (kept fresh while it runs), the failures to retry, what still awaits an answer, and its ledger check. */
export function OpsPayoutRunPage() {
  const params = useParams<{ runID: string }>();
  return (
    <div class="page page-narrow" data-testid="ops-payout-run-page">
      <A href="/ops/payouts" class="back-link">
        {t("opsRun.back")}
      </A>
      <Show when={roles().includes("ops")} fallback={<EmptyState icon="check" title={t("certAdmin.opsOnly")} />}>
        <Show when={params.runID} keyed>
          {(runID) => <RunDetail runID={runID} />}
        </Show>
      </Show>
    </div>
  );
}

function RunDetail(props: { runID: string }) {
  const [detail, setDetail] = createSignal<PayoutRunDetail>();
  const [error, setError] = createSignal<unknown>();
  let gone = false;
  let timer: number | undefined;
  let asking = false;
  let again = false;
  // Each answer decides whether to ask again: a run that is done stops the polling until something (a retry) reopens it.
  async function poll() {
    if (gone) return;
    if (asking) {
      // asked for while an answer is on its way (a retry just now): ask once more after it
      again = true;
      return;
    }
    asking = true;
    window.clearTimeout(timer);
    try {
      const d = await api.payout.run.query({ runID: props.runID });
      if (!gone) {
        setDetail(d);
        setError(undefined);
      }
    } catch (e) {
      if (!gone) setError(e);
    } finally {
      asking = false;
    }
    if (gone) return;
    if (again) {
      again = false;
      void poll();
    } else if (isLive(detail()?.run.phase)) timer = window.setTimeout(() => void poll(), POLL_MS);
  }
  void poll();
  onCleanup(() => {
    gone = true;
    window.clearTimeout(timer);
  });

  return (
    <Show when={detail()} fallback={error() ? <LoadError error={error()} retry={() => void poll()} /> : <Loading />}>
      {(d) => {
        const run = () => d().run;
        const p = () => progressOf(run());
        return (
          <div class="stack" data-testid="run-detail" data-run={run().runID} data-phase={run().phase}>
            <header class="page-head">
              <div class="payout-head">
                <h1>{t("opsRun.title", { date: date(run().startedAt, "dateTime") })}</h1>
                <PhaseChip phase={run().phase} />
              </div>
              <p class="muted">
                {t(`opsPayouts.trigger.${run().trigger}` as MessageKey)}
                <Show when={run().finishedAt}>{(at) => <> · {t("opsRun.finished", { date: date(at(), "dateTime") })}</>}</Show>
                <Show when={isLive(run().phase)}> · {t("opsRun.live")}</Show>
              </p>
            </header>
            <Card testid="run-progress">
              <div class="run-progress">
                <Show when={run().phase === "paying"}>
                  <p class="meta" data-testid="run-chunks">
                    {t("opsRun.chunks", { done: p().chunks.done, total: p().chunks.total })}
                  </p>
                  <ProgressBar percent={p().chunks.percent} label={t("opsRun.chunks", { done: p().chunks.done, total: p().chunks.total })} />
                </Show>
                <p class="meta" data-testid="run-decided">
                  {t("opsRun.decided", { done: p().decided.done, total: p().decided.total })}
                </p>
                <ProgressBar percent={p().decided.percent} label={t("opsRun.decided", { done: p().decided.done, total: p().decided.total })} />
                <p class="meta" data-testid="run-amounts">
                  {t("opsRun.amounts", { paid: money(run().paidFen), planned: money(run().plannedFen) })}
                </p>
                <ProgressBar percent={p().amount.percent} label={t("opsRun.amounts", { paid: money(run().paidFen), planned: money(run().plannedFen) })} />
                <p class="meta" data-testid="run-counts">
                  {t("opsRun.counts", { paid: run().paid, failed: run().failed, failedFen: money(run().failedFen), skipped: run().skipped })}
                </p>
              </div>
            </Card>
            <Card title={t("opsRun.failures")} testid="run-failures">
              <Show when={d().failures.length} fallback={<p class="meta">{t("opsRun.failuresEmpty")}</p>}>
                <ul class="list">
                  <For each={d().failures}>{(f) => <Failure runID={run().runID} payout={f} onRetried={() => void poll()} />}</For>
                </ul>
              </Show>
            </Card>
            <Card title={t("opsRun.open")} testid="run-open">
              <Show when={d().open.length} fallback={<p class="meta">{t("opsRun.openEmpty")}</p>}>
                <ul class="list">
                  <For each={d().open}>{(o) => <PayoutRow payout={o} who={<Payee payout={o} />} testid="run-open-payout" />}</For>
                </ul>
              </Show>
            </Card>
            <LedgerCheck runID={run().runID} />
          </div>
        );
      }}
    </Show>
  );
}

function Payee(props: { payout: PayoutItem }) {
  const earlier = () => props.payout.attempts.map((a) => a.code ?? a.reason ?? "").filter(Boolean);
  return (
    <>
      <p class="payout-id" data-testid="run-payee">
        {t("opsRun.payee", { kind: t(`opsRun.kind.${props.payout.payeeKind}` as MessageKey), payee: props.payout.payeeID })}
      </p>
      <Show when={earlier().length}>
        <p class="meta">{t("opsRun.earlier", { reasons: earlier().join("、") })}</p>
      </Show>
    </>
  );
}

function Failure(props: { runID: string; payout: PayoutItem; onRetried: () => void }) {
  const form = createForm<never>([]);
  const retry = () =>
    form.run(
      () => ({}),
      async () => {
        const p = await api.payout.retry.mutate({ runID: props.runID, payeeID: props.payout.payeeID });
        notify(() => t("opsRun.retried", { amount: money(p.amountFen) }));
        props.onRetried();
      },
    );
  return (
    <PayoutRow
      payout={props.payout}
      who={<Payee payout={props.payout} />}
      testid="run-failure"
      actions={
        <div class="stack stack-sm row-actions">
          <FormError message={form.formError()} />
          <button type="button" class="btn btn-secondary" disabled={form.submitting()} onClick={retry} data-testid="run-retry">
            {form.submitting() ? t("opsRun.retrying") : t("opsRun.retry")}
          </button>
        </div>
      }
    />
  );
}

function LedgerCheck(props: { runID: string }) {
  const [result, setResult] = createSignal<RunCheck>();
  const form = createForm<never>([]);
  const run = () =>
    form.run(
      () => ({}),
      async () => {
        setResult(await api.payout.check.mutate({ runID: props.runID }));
      },
    );
  return (
    <Card title={t("opsRun.check")} testid="run-check">
      <p class="meta">{t("opsRun.checkHint")}</p>
      <FormError message={form.formError()} />
      <button type="button" class="btn btn-secondary" disabled={form.submitting()} onClick={run} data-testid="run-check-run">
        {form.submitting() ? t("opsRun.checking") : t("opsRun.checkRun")}
      </button>
      <Show when={result()}>
        {(r) => (
          <div role="status" data-testid="run-check-result" data-ok={r().ok ? "yes" : "no"}>
            <Show
              when={r().ok}
              fallback={
                <div class="notice notice-error">
                  <p>{t("opsRun.checkProblems", { count: r().problems.length })}</p>
                  <ul>
                    <For each={r().problems}>{(problem) => <li data-testid="run-check-problem">{problem}</li>}</For>
                  </ul>
                </div>
              }
            >
              <p class="notice notice-info" data-testid="run-check-ok">
                {t("opsRun.checkOk", {
                  payouts: r().payouts,
                  paid: money(r().paidFen),
                  failed: money(r().failedFen),
                  inflight: money(r().inflightFen),
                  accounts: r().accounts,
                })}
              </p>
            </Show>
          </div>
        )}
      </Show>
    </Card>
  );
}
