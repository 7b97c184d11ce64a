import { A, useParams, useSearchParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api } from "../api/client";
import { saveFile } from "../certificate/download";
import { Async, loaded } from "../components/async";
import { createForm } from "../components/form";
import { Card, EmptyState, FormError } from "../components/ui";
import { locale, t } from "../i18n";
import { monthLabel, monthsUpTo, pickMonth } from "../payout/months";
import { printHref } from "../payout/statement";
import { AccountCard } from "../payout/statement-view";
import type { StatementInfo } from "../payout/types";
import { session } from "../session/session";

/** A host's monthly statements (their available and pending accounts). */
export function StatementsPage() {
  return (
    <div class="page page-narrow" data-testid="statements-page">
      <A href="/payouts" class="back-link">
        {t("payout.toPayouts")}
      </A>
      <header class="page-head">
        <h1>{t("statement.title")}</h1>
        <p class="muted">{t("statement.subtitle")}</p>
      </header>
      <Show when={session()?.personID} keyed>
        {(personID) => <Statements ownerID={personID} />}
      </Show>
    </div>
  );
}

/** Agencies' and brands' admins see the org's statements (an agency's payee accounts, a brand's wallet). */
const isOrgAdmin = (orgID: string) =>
  session()?.memberships.some((m) => m.orgID === orgID && (m.kind === "agency" || m.kind === "brand") && m.role === "admin") ?? false;

export function OrgStatementsPage() {
  const params = useParams<{ orgID: string }>();
  const [org] = createResource(
    () => (isOrgAdmin(params.orgID) ? params.orgID : undefined),
    (orgID) => api.org.get.query({ orgID }),
  );
  const back = () => (loaded(org)?.kind === "agency" ? `/orgs/${params.orgID}/payouts` : `/orgs/${params.orgID}`);
  return (
    <div class="page page-narrow" data-testid="statements-page">
      <A href={back()} class="back-link">
        {t("common.back")}
      </A>
      <header class="page-head">
        <h1>{loaded(org) ? t("statement.titleOf", { org: loaded(org)?.name ?? "" }) : t("statement.title")}</h1>
        <p class="muted">{t("statement.subtitle")}</p>
      </header>
      <Show when={isOrgAdmin(params.orgID) && params.orgID} keyed fallback={<EmptyState icon="users" title={t("statement.adminsOnly")} />}>
        {(orgID) => <Statements ownerID={orgID} />}
      </Show>
    </div>
  );
}

function Statements(props: { ownerID: string }) {
  const [params, setParams] = useSearchParams<{ month: string }>();
  // The list is fixed when the page opens: a month turning over while it is open changes nothing here.
  const now = Date.now();
  const months = monthsUpTo(now);
  const month = () => pickMonth(params.month, now);
  const [statement, { refetch }] = createResource(
    () => ({ ownerID: props.ownerID, month: month() }),
    (key) => api.statement.of.query(key),
  );
  return (
    <div class="stack">
      <Card testid="statement-controls">
        <div class="statement-controls">
          <div class="field">
            <label class="field-label" for="statement-month">
              {t("statement.month")}
            </label>
            <select
              id="statement-month"
              value={month()}
              onChange={(e) => setParams({ month: e.currentTarget.value }, { replace: true })}
              data-testid="statement-month"
            >
              <For each={months}>{(m) => <option value={m}>{monthLabel(m, locale())}</option>}</For>
            </select>
          </div>
          <Download ownerID={props.ownerID} month={month()} />
          <A class="btn btn-secondary" href={printHref(props.ownerID, month())} data-testid="statement-print">
            {t("statement.print")}
          </A>
        </div>
      </Card>
      <Async of={statement} retry={refetch}>
        {() => {
          const s = () => loaded(statement) as StatementInfo;
          return (
            <div class="stack" data-testid="statement" data-month={s().month}>
              <Show when={s().partial}>
                <p class="notice notice-info" data-testid="statement-partial">
                  {t("statement.partial")}
                </p>
              </Show>
              <For each={s().accounts}>{(a) => <AccountCard account={a} />}</For>
            </div>
          );
        }}
      </Async>
    </div>
  );
}

/** The month as CSV, made by the API in the reader's language; saved as it came (its byte-order mark lets Excel read the Chinese). */
function Download(props: { ownerID: string; month: string }) {
  const form = createForm<never>([]);
  const download = () =>
    form.run(
      () => ({}),
      async () => {
        const file = await api.statement.download.query({ ownerID: props.ownerID, month: props.month, locale: locale() });
        saveFile(file.filename, file.text, "text/csv;charset=utf-8");
      },
    );
  return (
    <div class="stack stack-sm">
      <button type="button" class="btn btn-primary" disabled={form.submitting()} onClick={download} data-testid="statement-download">
        {form.submitting() ? t("statement.downloading") : t("statement.download")}
      </button>
      <FormError message={form.formError()} />
    </div>
  );
}
