import { useSearchParams } from "@solidjs/router";
import { createResource, For, onCleanup, onMount, Show } from "solid-js";
import { api } from "../api/client";
import { Async, loaded } from "../components/async";
import { EmptyState } from "../components/ui";
import { date, locale, t } from "../i18n";
import { formatDayRange } from "../i18n/format";
import { monthLabel, periodDays, pickMonth } from "../payout/months";
import { PrintAccount } from "../payout/statement-view";
import type { StatementInfo } from "../payout/types";
import { profile } from "../session/actions";
import { session } from "../session/session";

/**
 * A month's statement as a sheet of A4 (payout.css: @page, @media print): the owner and the
 * period at the top, each account as a table, and none of the app's header while it is open.
 */
export function StatementPrintPage() {
  const [params] = useSearchParams<{ owner: string; month: string }>();
  const month = () => pickMonth(params.month, Date.now());
  const [statement, { refetch }] = createResource(
    () => (params.owner ? { ownerID: params.owner, month: month() } : undefined),
    (key) => api.statement.of.query(key),
  );
  const isOrg = () => !!params.owner && !params.owner.startsWith("prs_");
  const [org] = createResource(
    () => (isOrg() ? params.owner : undefined),
    (orgID) => api.org.get.query({ orgID }),
  );
  const ownerName = () => (isOrg() ? loaded(org)?.name : params.owner === session()?.personID ? profile()?.displayName : undefined) ?? params.owner ?? "";
  const back = () => (window.history.length > 1 ? window.history.back() : window.location.assign("/statements"));

  onMount(() => document.body.classList.add("print-view"));
  onCleanup(() => document.body.classList.remove("print-view"));

  return (
    <article class="print-sheet" data-testid="statement-print-page">
      <div class="print-actions">
        <button type="button" class="btn btn-primary" onClick={() => window.print()} data-testid="statement-print-now">
          {t("statement.printNow")}
        </button>
        <button type="button" class="btn btn-secondary" onClick={back}>
          {t("common.back")}
        </button>
      </div>
      <Show when={params.owner} fallback={<EmptyState icon="inbox" title={t("statement.empty")} />}>
        <Async of={statement} retry={refetch}>
          {() => {
            const s = () => loaded(statement) as StatementInfo;
            const days = () => periodDays(s().from, s().to);
            return (
              <>
                <header>
                  <p class="print-facts">{t("app.name")}</p>
                  <h1>{t("statement.printHeading", { month: monthLabel(s().month, locale()) })}</h1>
                  <p class="print-facts" data-testid="statement-print-owner">
                    {t("statement.printOwner", { name: ownerName() })}
                  </p>
                  <p class="print-facts">{t("statement.printPeriod", { period: formatDayRange(days().first, days().last, locale()) })}</p>
                  <p class="print-facts">{t("statement.printGenerated", { date: date(s().generatedAt, "dateTime") })}</p>
                  <Show when={s().partial}>
                    <p class="print-facts">{t("statement.partial")}</p>
                  </Show>
                </header>
                <For each={s().accounts}>{(a) => <PrintAccount account={a} />}</For>
              </>
            );
          }}
        </Async>
      </Show>
    </article>
  );
}
