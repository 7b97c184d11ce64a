import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { AgencyShare, EarningsBalances, EarningsBooking } from "../api/types";
import { Async, createPaged, LoadMore, loaded } from "../components/async";
import { TextField } from "../components/field";
import { createForm } from "../components/form";
import { notify } from "../components/toast";
import { Card, EmptyState, FormError, LoadError, Loading } from "../components/ui";
import { date, money, t } from "../i18n";
import { percent } from "../market/money";
import { checkMonths, checkRate, MAX_SHARE_BPS } from "../money/amounts";
import { MoneyStats } from "../money/bits";
import { EarningsChart } from "../money/chart";
import { roles } from "../session/actions";
import { session } from "../session/session";
import { BookingEarnings } from "./earnings";

/** An agency's share of the hosts it trained: what ops approved, a request waiting, asking for one, and what it earned per host and session. */
export function AgencySharePage() {
  const params = useParams<{ orgID: string }>();
  const admin = () => session()?.memberships.some((m) => m.orgID === params.orgID && m.kind === "agency" && m.role === "admin") ?? false;
  const allowed = () => admin() || roles().includes("ops");
  const [org] = createResource(
    () => (allowed() ? params.orgID : undefined),
    (orgID) => api.org.get.query({ orgID }),
  );
  return (
    <div class="page page-narrow" data-testid="share-page">
      <A href={`/orgs/${params.orgID}`} class="back-link">
        {t("common.back")}
      </A>
      <header class="page-head">
        <h1>{loaded(org) ? t("share.titleOf", { org: loaded(org)?.name ?? "" }) : t("share.title")}</h1>
        <p class="muted">{t("share.subtitle")}</p>
      </header>
      <Show when={allowed()} fallback={<EmptyState icon="users" title={t("share.adminsOnly")} />}>
        <div class="stack">
          <ShareCard agencyID={params.orgID} admin={admin()} />
          <AgencyEarnings agencyID={params.orgID} />
          <EarningsChart who={{ agencyID: params.orgID }} />
        </div>
      </Show>
    </div>
  );
}

function ShareCard(props: { agencyID: string; admin: boolean }) {
  const [share, { refetch, mutate }] = createResource(
    () => props.agencyID,
    (agencyID) => api.earnings.share.query({ agencyID }),
  );
  return (
    <Card title={t("share.current")} testid="share-current">
      <Async of={share} retry={refetch}>
        {() => {
          const s = () => loaded(share) as AgencyShare;
          return (
            <div class="stack">
              <Show when={s().approved} fallback={<p class="meta">{t("share.none")}</p>}>
                {(a) => (
                  <p data-testid="share-approved">
                    <strong>{t("share.approved", { percent: percent(a().shareBps), months: a().months, date: date(a().approvedAt) })}</strong>
                  </p>
                )}
              </Show>
              <Show when={s().proposed}>
                {(p) => (
                  <p class="notice notice-info" data-testid="share-waiting">
                    {t("share.waiting", { percent: percent(p().shareBps), months: p().months, date: date(p().at) })}
                  </p>
                )}
              </Show>
              <Show when={props.admin}>
                <ProposeShare agencyID={props.agencyID} onSent={(next) => mutate(next)} />
              </Show>
            </div>
          );
        }}
      </Async>
    </Card>
  );
}

function ProposeShare(props: { agencyID: string; onSent: (share: AgencyShare) => void }) {
  const [rate, setRate] = createSignal("");
  const [months, setMonths] = createSignal("12");
  const form = createForm(["shareBps", "months"] as const);
  const submit = (e: SubmitEvent) => {
    const r = checkRate(rate(), MAX_SHARE_BPS);
    const m = checkMonths(months());
    return form.submit(
      e,
      () => ({ ...(r.ok ? {} : { shareBps: r.problem }), ...(m.ok ? {} : { months: m.problem }) }),
      async () => {
        if (!r.ok || !m.ok) return;
        props.onSent(await api.earnings.proposeShare.mutate({ agencyID: props.agencyID, shareBps: r.value, months: m.value }));
        notify(() => t("share.sent"));
        setRate("");
      },
    );
  };
  return (
    <form ref={form.ref} class="form" novalidate onSubmit={submit} data-testid="share-form" aria-labelledby="share-form-title">
      <h3 id="share-form-title">{t("share.ask")}</h3>
      <p class="meta">{t("share.askHint")}</p>
      <div class="field-row">
        <TextField
          label={t("share.percent")}
          hint={t("share.percentHint")}
          form={form}
          name="shareBps"
          inputmode="decimal"
          maxLength={7}
          value={rate}
          setValue={setRate}
          data-testid="share-percent"
        />
        <TextField
          label={t("share.months")}
          hint={t("share.monthsHint")}
          form={form}
          name="months"
          inputmode="numeric"
          maxLength={3}
          value={months}
          setValue={setMonths}
          data-testid="share-months"
        />
      </div>
      <FormError message={form.formError()} />
      <button type="submit" class="btn btn-primary" disabled={form.submitting()} data-testid="share-send">
        {form.submitting() ? t("common.saving") : t("share.send")}
      </button>
    </form>
  );
}

/** The agency's balances, and its share per host (each host's sessions beneath). */
function AgencyEarnings(props: { agencyID: string }) {
  const [balances, setBalances] = createSignal<EarningsBalances>();
  const list = createPaged(
    () => props.agencyID,
    async (agencyID, cursor) => {
      const page = await api.earnings.ofAgency.query({ agencyID, cursor });
      if (!cursor) setBalances(page.balances);
      return { items: page.items, cursor: page.cursor };
    },
  );
  const byHost = () => {
    const groups = new Map<string, { hostName: string; items: EarningsBooking[]; pendingFen: number; releasedFen: number }>();
    for (const x of list.items()) {
      const g = groups.get(x.hostID) ?? { hostName: x.hostName ?? x.hostID, items: [], pendingFen: 0, releasedFen: 0 };
      g.items.push(x);
      g.pendingFen += x.pendingFen;
      g.releasedFen += x.releasedFen + x.slotFeeFen;
      groups.set(x.hostID, g);
    }
    return [...groups.values()];
  };
  return (
    <Card title={t("share.earnings")} testid="share-earnings">
      <Show when={list.state() !== "error"} fallback={<LoadError error={list.error()} retry={list.reload} />}>
        <Show when={list.state() !== "loading" && balances()} fallback={<Loading />}>
          {(b) => (
            <div class="stack">
              <MoneyStats
                stats={[
                  { label: t("earnings.pending"), fen: b().pendingFen, testid: "share-pending" },
                  { label: t("earnings.available"), fen: Math.max(0, b().availableFen), testid: "share-available" },
                  ...(b().owedFen > 0 ? [{ label: t("earnings.owed"), fen: b().owedFen, testid: "share-owed", warn: true }] : []),
                  { label: t("earnings.earned"), fen: b().earnedFen, testid: "share-earned" },
                ]}
              />
              <Show when={byHost().length} fallback={<EmptyState icon="inbox" title={t("share.empty")} />}>
                <For each={byHost()}>
                  {(g) => (
                    <section class="stack stack-sm" data-testid="share-host">
                      <h3>{g.hostName}</h3>
                      <p class="meta">{t("share.hostTotal", { released: money(g.releasedFen), pending: money(g.pendingFen) })}</p>
                      <BookingEarnings items={g.items} empty={t("share.empty")} />
                    </section>
                  )}
                </For>
              </Show>
              <LoadMore of={list} />
            </div>
          )}
        </Show>
      </Show>
    </Card>
  );
}
