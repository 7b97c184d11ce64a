import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { AgencyShare, LedgerCheck, MoneyOverview } from "../api/types";
import { Async, loaded } from "../components/async";
import { TextField } from "../components/field";
import { createForm } from "../components/form";
import { notify } from "../components/toast";
import { Card, EmptyState, FormError } from "../components/ui";
import { date, type MessageKey, money, t } from "../i18n";
import { percent } from "../market/money";
import { checkRate, MAX_PLATFORM_FEE_BPS } from "../money/amounts";
import { MoneyStats } from "../money/bits";
import { EarningsChart } from "../money/chart";
import { roles } from "../session/actions";

/** Platform ops: the platform's money, the ledger check, agency share requests, and the platform fee. */
export function OpsMoneyPage() {
  return (
    <div class="page page-narrow" data-testid="ops-money-page">
      <A href="/?as=ops" class="back-link">
        {t("org.back")}
      </A>
      <header class="page-head">
        <h1>{t("opsMoney.title")}</h1>
        <p class="muted">{t("opsMoney.subtitle")}</p>
      </header>
      <Show when={roles().includes("ops")} fallback={<EmptyState icon="check" title={t("certAdmin.opsOnly")} />}>
        <div class="stack">
          <Overview />
          <LedgerCheckCard />
          <WaitingShares />
          <PlatformFee />
          <EarningsChart who={{ platform: true }} title={t("opsMoney.chart")} testid="ops-money-chart" />
        </div>
      </Show>
    </div>
  );
}

function Overview() {
  const [overview, { refetch }] = createResource(() => api.earnings.overview.query({}));
  return (
    <Card title={t("opsMoney.overview")} testid="ops-money-overview">
      <Async of={overview} retry={refetch}>
        {() => {
          const o = () => loaded(overview) as MoneyOverview;
          return (
            <>
              <MoneyStats
                stats={[
                  { label: t("opsMoney.feePending"), fen: o().platform.pendingFen, testid: "ops-fee-pending" },
                  { label: t("opsMoney.feeEarned"), fen: o().platform.availableFen, testid: "ops-fee-earned" },
                  { label: t("opsMoney.wallets", { count: o().wallets }), fen: o().walletsFen, testid: "ops-wallets" },
                  { label: t("opsMoney.held"), fen: o().heldFen, testid: "ops-held" },
                  { label: t("opsMoney.hostsPending"), fen: o().hostsPendingFen, testid: "ops-hosts-pending" },
                  { label: t("opsMoney.hostsAvailable"), fen: o().hostsAvailableFen, testid: "ops-hosts-available" },
                  { label: t("opsMoney.agenciesAvailable"), fen: o().agenciesAvailableFen, testid: "ops-agencies-available" },
                  { label: t("opsMoney.clearing"), fen: o().clearingFen, testid: "ops-clearing" },
                ]}
              />
              <p class="meta">{t("opsMoney.accounts", { count: o().accounts })}</p>
            </>
          );
        }}
      </Async>
    </Card>
  );
}

const BALANCE_FIELDS = ["debitsPosted", "creditsPosted", "debitsPending", "creditsPending"] as const;

function LedgerCheckCard() {
  const [result, setResult] = createSignal<LedgerCheck>();
  const form = createForm<never>([]);
  const run = () =>
    form.run(
      () => ({}),
      async () => {
        setResult(await api.earnings.check.mutate({}));
      },
    );
  return (
    <Card title={t("opsMoney.check")} testid="ledger-check">
      <p class="meta">{t("opsMoney.checkHint")}</p>
      <FormError message={form.formError()} />
      <button type="button" class="btn btn-secondary" disabled={form.submitting()} onClick={run} data-testid="ledger-check-run">
        {form.submitting() ? t("opsMoney.checking") : t("opsMoney.runCheck")}
      </button>
      <Show when={result()}>
        {(r) => (
          <div class="stack stack-sm" role="status" data-testid="ledger-check-result" data-balanced={r().balanced && !r().differences.length ? "yes" : "no"}>
            <Show when={r().balanced && !r().differences.length}>
              <p class="notice notice-info" data-testid="ledger-balanced">
                {t("opsMoney.balanced", { accounts: r().accounts, date: date(r().at, "dateTime") })}
              </p>
            </Show>
            <Show when={!r().balanced}>
              <p class="notice notice-error">{t("opsMoney.unbalanced")}</p>
            </Show>
            <p class="meta">{t("opsMoney.totals", { debits: money(r().total.debitsPosted), credits: money(r().total.creditsPosted) })}</p>
            <Show when={r().differences.length}>
              <p class="notice notice-error">{t("opsMoney.differences", { count: r().differences.length })}</p>
              <ul class="list" data-testid="ledger-differences">
                <For each={r().differences}>
                  {(d) => (
                    <li class="list-row list-row-wrap" data-testid="ledger-difference">
                      <div class="list-main">
                        <p class="list-title cert-code">{d.accountID}</p>
                        <For each={BALANCE_FIELDS.filter((k) => d.stored[k] !== d.fromEntries[k])}>
                          {(k) => (
                            <p class="meta">
                              {t("opsMoney.diffRow", {
                                field: t(`opsMoney.field.${k}` as MessageKey),
                                stored: money(d.stored[k]),
                                entries: money(d.fromEntries[k]),
                              })}
                            </p>
                          )}
                        </For>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </div>
        )}
      </Show>
    </Card>
  );
}

function WaitingShares() {
  const [waiting, { refetch, mutate }] = createResource(() => api.earnings.waitingShares.query({}));
  const gone = (agencyID: string) => mutate((w) => (w ? { items: w.items.filter((s) => s.agencyID !== agencyID) } : w));
  return (
    <Card title={t("opsMoney.shares")} testid="ops-shares">
      <Async of={waiting} retry={refetch}>
        {() => (
          <Show when={loaded(waiting)?.items.length} fallback={<EmptyState icon="check" title={t("opsMoney.sharesEmpty")} testid="ops-shares-empty" />}>
            <ul class="list" data-testid="ops-share-list">
              <For each={loaded(waiting)?.items ?? []}>{(s) => <ShareRequest share={s} onDecided={() => gone(s.agencyID)} />}</For>
            </ul>
          </Show>
        )}
      </Async>
    </Card>
  );
}

function ShareRequest(props: { share: AgencyShare; onDecided: () => void }) {
  const [org] = createResource(
    () => props.share.agencyID,
    (orgID) => api.org.get.query({ orgID }),
  );
  const [pressed, setPressed] = createSignal<boolean>();
  const form = createForm<never>([]);
  const name = () => loaded(org)?.name ?? props.share.agencyID;
  const decide = (approve: boolean) => {
    const proposed = props.share.proposed;
    if (!proposed) return;
    setPressed(approve);
    return form.run(
      () => ({}),
      async () => {
        await api.earnings.decideShare.mutate({ agencyID: props.share.agencyID, approve, proposedAt: proposed.at });
        const who = name();
        notify(() => t(approve ? "opsMoney.approved" : "opsMoney.refused", { name: who }));
        props.onDecided();
      },
    );
  };
  return (
    <li class="list-row list-row-wrap" data-testid="ops-share-request" data-agency={props.share.agencyID}>
      <div class="list-main">
        <A class="list-title list-link" href={`/orgs/${props.share.agencyID}/share`}>
          {name()}
        </A>
        <Show when={props.share.proposed}>
          {(p) => <p>{t("opsMoney.shareAsk", { percent: percent(p().shareBps), months: p().months, date: date(p().at) })}</p>}
        </Show>
        <p class="meta">
          {t("opsMoney.shareCurrent", {
            current: props.share.approved
              ? t("share.approved", {
                  percent: percent(props.share.approved.shareBps),
                  months: props.share.approved.months,
                  date: date(props.share.approved.approvedAt),
                })
              : t("share.none"),
          })}
        </p>
        <FormError message={form.formError()} />
      </div>
      <div class="button-row row-actions">
        <button type="button" class="btn btn-primary btn-small" disabled={form.submitting()} onClick={() => decide(true)} data-testid="ops-share-approve">
          {form.submitting() && pressed() === true ? t("common.loading") : t("opsMoney.approve")}
        </button>
        <button
          type="button"
          class="btn btn-danger-outline btn-small"
          disabled={form.submitting()}
          onClick={() => decide(false)}
          data-testid="ops-share-refuse"
        >
          {form.submitting() && pressed() === false ? t("common.loading") : t("opsMoney.refuse")}
        </button>
      </div>
    </li>
  );
}

function PlatformFee() {
  const [fee, { refetch, mutate }] = createResource(() => api.earnings.platformFee.query());
  const [value, setValue] = createSignal("");
  const form = createForm(["platformFeeBps"] as const);
  const submit = (e: SubmitEvent) => {
    const c = checkRate(value(), MAX_PLATFORM_FEE_BPS);
    return form.submit(
      e,
      () => (c.ok ? {} : { platformFeeBps: c.problem }),
      async () => {
        if (!c.ok) return;
        const next = await api.earnings.setPlatformFee.mutate({ platformFeeBps: c.value });
        mutate(next);
        setValue("");
        notify(() => t("opsMoney.feeSaved", { percent: percent(next.platformFeeBps) }));
      },
    );
  };
  return (
    <Card title={t("opsMoney.fee")} testid="ops-platform-fee">
      <Async of={fee} retry={refetch}>
        {() => (
          <p data-testid="ops-fee-current">
            <strong>{t("opsMoney.feeCurrent", { percent: percent(loaded(fee)?.platformFeeBps ?? 0) })}</strong>
          </p>
        )}
      </Async>
      <p class="meta">{t("opsMoney.feeHint")}</p>
      <form ref={form.ref} class="form" novalidate onSubmit={submit}>
        <TextField
          label={t("opsMoney.feeField")}
          form={form}
          name="platformFeeBps"
          inputmode="decimal"
          maxLength={7}
          value={value}
          setValue={setValue}
          data-testid="ops-fee-input"
        />
        <FormError message={form.formError()} />
        <button type="submit" class="btn btn-secondary" disabled={form.submitting()} data-testid="ops-fee-save">
          {form.submitting() ? t("common.saving") : t("opsMoney.feeSave")}
        </button>
      </form>
    </Card>
  );
}
