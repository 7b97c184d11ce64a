import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import { createPaged, LoadMore, loaded } from "../components/async";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { t } from "../i18n";
import { MoneyStats } from "../money/bits";
import { PayoutRow } from "../payout/bits";
import { MethodCard, MinimumCard } from "../payout/method-form";
import type { MyPayouts, PayoutSettings } from "../payout/types";
import { session } from "../session/session";

/** A host's own payouts: what is available, in flight and paid out; where it goes; every payout. */
export function PayoutsPage() {
  return (
    <div class="page page-narrow" data-testid="payouts-page">
      <A href="/?as=learner" class="back-link">
        {t("org.back")}
      </A>
      <header class="page-head">
        <h1>{t("payout.title")}</h1>
        <p class="muted">{t("payout.subtitle")}</p>
      </header>
      <Show when={session()?.personID} keyed>
        {(personID) => <Payouts payeeID={personID} statements="/statements" />}
      </Show>
    </div>
  );
}

const isAgencyAdmin = (orgID: string) => session()?.memberships.some((m) => m.orgID === orgID && m.kind === "agency" && m.role === "admin") ?? false;

/** An agency's payouts, for its admins (the agency is the payee of its share). */
export function OrgPayoutsPage() {
  const params = useParams<{ orgID: string }>();
  const [org] = createResource(
    () => (isAgencyAdmin(params.orgID) ? params.orgID : undefined),
    (orgID) => api.org.get.query({ orgID }),
  );
  return (
    <div class="page page-narrow" data-testid="payouts-page">
      <A href={`/orgs/${params.orgID}`} class="back-link">
        {t("common.back")}
      </A>
      <header class="page-head">
        <h1>{loaded(org) ? t("payout.titleOf", { org: loaded(org)?.name ?? "" }) : t("payout.title")}</h1>
        <p class="muted">{t("payout.subtitle")}</p>
      </header>
      <Show when={isAgencyAdmin(params.orgID) && params.orgID} keyed fallback={<EmptyState icon="users" title={t("payout.adminsOnly")} />}>
        {(orgID) => <Payouts payeeID={orgID} statements={`/orgs/${orgID}/statements`} />}
      </Show>
    </div>
  );
}

function Payouts(props: { payeeID: string; statements: string }) {
  const [first, setFirst] = createSignal<Omit<MyPayouts, "items" | "cursor">>();
  const [settings, setSettings] = createSignal<PayoutSettings>();
  const history = createPaged(
    () => props.payeeID,
    async (payeeID, cursor) => {
      const page = await api.payout.mine.query({ payeeID, cursor });
      if (!cursor) {
        setFirst(page);
        setSettings(page.settings);
      }
      return { items: page.items, cursor: page.cursor };
    },
  );
  return (
    <Show when={history.state() !== "error"} fallback={<LoadError error={history.error()} retry={history.reload} />}>
      <Show when={history.state() !== "loading" && first()} fallback={<Loading />}>
        {(b) => (
          <div class="stack">
            <Card testid="payout-balances">
              <MoneyStats
                stats={[
                  { label: t("payout.available"), fen: Math.max(0, b().availableFen), testid: "payout-available" },
                  { label: t("payout.inflight"), fen: b().inflightFen, testid: "payout-inflight" },
                  { label: t("payout.paidOut"), fen: b().paidOutFen, testid: "payout-paid-out" },
                ]}
              />
              <A class="btn btn-secondary btn-block" href={props.statements} data-testid="payout-statements-link">
                {t("payout.toStatements")}
              </A>
            </Card>
            <Show when={settings()}>
              {(s) => (
                <>
                  <MethodCard settings={s()} onSaved={setSettings} />
                  <MinimumCard settings={s()} onSaved={setSettings} />
                </>
              )}
            </Show>
            <Card title={t("payout.history")} testid="payout-history">
              <Show when={history.items().length} fallback={<EmptyState icon="inbox" title={t("payout.historyEmpty")} testid="payout-history-empty" />}>
                <ul class="list" data-testid="payout-items">
                  <For each={history.items()}>{(p) => <PayoutRow payout={p} />}</For>
                </ul>
                <LoadMore of={history} />
              </Show>
            </Card>
          </div>
        )}
      </Show>
    </Show>
  );
}
