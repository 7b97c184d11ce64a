import { A } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { EarningsBalances, EarningsBooking } from "../api/types";
import { createPaged, LoadMore } from "../components/async";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { date, money, t } from "../i18n";
import { MoneyStats, MovementList } from "../money/bits";
import { EarningsChart } from "../money/chart";

/**
 * A host's earnings: pending (and when it releases), available, what a clawback left owed; each
 * session's money; every movement, clawbacks marked; a chart over time.
 */
export function EarningsPage() {
  const [balances, setBalances] = createSignal<EarningsBalances>();
  const bookings = createPaged(
    () => "mine",
    async (_key, cursor) => {
      const page = await api.earnings.mine.query({ cursor });
      if (!cursor) setBalances(page.balances);
      return { items: page.items, cursor: page.cursor };
    },
  );
  const movements = createPaged(
    () => "mine",
    (_key, cursor) => api.earnings.movements.query({ cursor }),
  );
  return (
    <div class="page page-narrow" data-testid="earnings-page">
      <A href="/?as=learner" class="back-link">
        {t("org.back")}
      </A>
      <header class="page-head">
        <h1>{t("earnings.title")}</h1>
        <p class="muted">{t("earnings.subtitle")}</p>
      </header>
      <Show when={bookings.state() !== "error"} fallback={<LoadError error={bookings.error()} retry={bookings.reload} />}>
        <Show when={bookings.state() !== "loading" && balances()} fallback={<Loading />}>
          {(b) => (
            <div class="stack">
              <BalancesCard balances={b()} bookings={bookings.items()} />
              <EarningsChart who={{}} />
              <Card title={t("earnings.bookings")} testid="earnings-bookings-card">
                <BookingEarnings items={bookings.items()} empty={t("earnings.bookingsEmpty")} />
                <LoadMore of={bookings} />
              </Card>
              <Card title={t("earnings.movementsTitle")} testid="earnings-movements-card">
                <MovementList list={movements} empty={t("earnings.movementsEmpty")} testid="earnings-movements" />
              </Card>
            </div>
          )}
        </Show>
      </Show>
    </div>
  );
}

/** Balances, a clawback's debt said plainly, and the next releases (the sessions with commission still pending). */
export function BalancesCard(props: { balances: EarningsBalances; bookings: EarningsBooking[]; testid?: string }) {
  const b = () => props.balances;
  const next = () =>
    props.bookings
      .filter((x) => x.pendingFen > 0 && x.nextReleaseAt)
      .sort((x, y) => (x.nextReleaseAt as string).localeCompare(y.nextReleaseAt as string))
      .slice(0, 3);
  return (
    <Card testid={props.testid ?? "earnings-balances"}>
      <MoneyStats
        stats={[
          { label: t("earnings.pending"), fen: b().pendingFen, testid: "earnings-pending" },
          { label: t("earnings.available"), fen: Math.max(0, b().availableFen), testid: "earnings-available" },
          ...(b().owedFen > 0 ? [{ label: t("earnings.owed"), fen: b().owedFen, testid: "earnings-owed", warn: true }] : []),
          { label: t("earnings.earned"), fen: b().earnedFen, testid: "earnings-earned" },
          { label: t("earnings.clawedBack"), fen: b().clawedBackFen, testid: "earnings-clawed-back", warn: b().clawedBackFen > 0 },
        ]}
      />
      <Show when={b().owedFen > 0}>
        <p class="notice notice-error" data-testid="earnings-owed-notice">
          {t("earnings.owedNotice", { amount: money(b().owedFen) })}
        </p>
      </Show>
      <div>
        <h3 class="field-label">{t("earnings.nextReleases")}</h3>
        <Show when={next().length} fallback={<p class="meta">{t("earnings.noPending")}</p>}>
          <ul class="stack stack-sm plain" data-testid="earnings-next-releases">
            <For each={next()}>
              {(x) => <li class="meta">{t("earnings.releaseOn", { date: date(x.nextReleaseAt as string), title: x.title, amount: money(x.pendingFen) })}</li>}
            </For>
          </ul>
        </Show>
      </div>
    </Card>
  );
}

/** Each session's money for one payee (host or agency), newest first. */
export function BookingEarnings(props: { items: EarningsBooking[]; empty: string }) {
  return (
    <Show when={props.items.length} fallback={<EmptyState icon="inbox" title={props.empty} testid="earnings-bookings-empty" />}>
      <ul class="list" data-testid="earnings-bookings">
        <For each={props.items}>
          {(x) => (
            <li class="list-row money-row" data-testid="earnings-booking" data-booking={x.bookingID}>
              <div class="list-main">
                <A class="list-title list-link" href={`/bookings/${x.bookingID}`}>
                  {x.title}
                </A>
                <p class="meta">{date(x.startsAt)}</p>
                <p class="meta">{t("earnings.bookingFacts", { gmv: money(x.gmvFen), commission: money(x.commissionFen) })}</p>
                <p class="meta">
                  <span data-testid="earnings-booking-pending">{t("earnings.bookingPending", { amount: money(x.pendingFen) })}</span>
                  {" · "}
                  <span data-testid="earnings-booking-released">{t("earnings.bookingReleased", { amount: money(x.releasedFen) })}</span>
                  <Show when={x.slotFeeFen}>
                    {" · "}
                    {t("earnings.bookingSlotFee", { amount: money(x.slotFeeFen) })}
                  </Show>
                </p>
                <Show when={x.pendingFen > 0 && x.nextReleaseAt}>{(at) => <p class="meta">{t("earnings.bookingNext", { date: date(at()) })}</p>}</Show>
              </div>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
