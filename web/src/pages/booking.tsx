import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { api } from "../api/client";
import type { Booking } from "../api/types";
import { Async, loaded } from "../components/async";
import { Card } from "../components/ui";
import { date, t } from "../i18n";
import { BookingStatusBadge, placeText, TermsText, whenText } from "../market/bits";
import { CancelBooking, NoShow, ReviewForm, TermsChange } from "../market/booking-actions";
import { bookingActions, CANCEL_CUTOFF_HOURS, sideOf } from "../market/calendar";
import { BookingMoney } from "../money/booking-money";
import { session } from "../session/session";

/** One booking, for its host and its brand: what was agreed (each contract version), its sales and money, and what each side may do now. */
export function BookingPage() {
  const params = useParams<{ bookingID: string }>();
  const [booking, { refetch, mutate }] = createResource(
    () => params.bookingID,
    (bookingID) => api.market.booking.query({ bookingID }),
  );
  return (
    <div class="page page-narrow" data-testid="booking-page">
      <A href={loaded(booking) && sideOf(loaded(booking) as Booking, session()?.personID) === "host" ? "/bookings?as=host" : "/bookings"} class="back-link">
        {t("booking.back")}
      </A>
      <Async of={booking} retry={refetch}>
        {(b) => <BookingView booking={() => loaded(booking) ?? b} onChange={(next) => mutate(next)} />}
      </Async>
    </div>
  );
}

function BookingView(props: { booking: () => Booking; onChange: (b: Booking) => void }) {
  const b = props.booking;
  const [now, setNow] = createSignal(Date.now());
  const timer = window.setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => window.clearInterval(timer));
  const side = () => sideOf(b(), session()?.personID);
  const can = () => bookingActions(b(), side(), now());
  const contracts = () => [...b().contracts].reverse();
  return (
    <div class="stack">
      <Card testid="booking-summary">
        <header class="market-head">
          <div class="list-main">
            <p class="meta">{side() === "host" ? b().brandName : b().hostName}</p>
            <h1 data-testid="booking-title">{b().title}</h1>
          </div>
          <BookingStatusBadge status={b().status} />
        </header>
        <dl class="facts">
          <div class="fact-wide">
            <dt>{t("gig.when")}</dt>
            <dd data-testid="booking-when">{whenText(b().startsAt, b().endsAt)}</dd>
          </div>
          <div class="fact-wide">
            <dt>{t("gig.where")}</dt>
            <dd>{placeText(b())}</dd>
          </div>
          <div>
            <dt>{t("booking.brand")}</dt>
            <dd>{b().brandName}</dd>
          </div>
          <div>
            <dt>{t("booking.host")}</dt>
            <dd>
              <A href={`/hosts/${b().hostID}`}>{b().hostName}</A>
            </dd>
          </div>
        </dl>
        <Show when={b().status === "cancelled"}>
          <p class="notice notice-error" data-testid="booking-cancelled-notice">
            {t(b().cancelledBy === side() ? "booking.cancelledByYou" : "booking.cancelledByThem", { reason: b().cancelReason ?? "" })}
          </p>
        </Show>
        <Show when={b().status === "no_show"}>
          <p class="notice notice-error">{t("booking.noShowNotice")}</p>
        </Show>
      </Card>
      <Card title={t("booking.contract")} testid="booking-contract">
        <ol class="offer-history">
          <For each={contracts()}>
            {(c, i) => (
              <li data-testid="contract-version">
                <span class="meta">
                  {t("bookings.contractV", { version: c.version })} · {i() === 0 ? t("booking.inForce") : t("booking.superseded")} ·{" "}
                  {t("booking.acceptedAt", { date: date(c.acceptedAt, "dateTime") })}
                </span>
                <TermsText terms={c.terms} />
              </li>
            )}
          </For>
        </ol>
      </Card>
      <BookingMoney booking={b()} side={side()} />
      <TermsChange
        booking={b()}
        side={side()}
        canPropose={can().propose}
        canAccept={can().acceptProposal}
        waiting={can().waitingOnProposal}
        onDone={props.onChange}
      />
      <Show when={b().brandReview || b().hostReview}>
        <Card title={t("booking.reviews")} testid="booking-reviews">
          <Show when={b().brandReview}>
            {(r) => (
              <p>
                <strong>{t("booking.brandSaid", { stars: "★".repeat(r().stars) })}</strong> {r().comment}
              </p>
            )}
          </Show>
          <Show when={b().hostReview}>
            {(r) => (
              <p>
                <strong>{t("booking.hostSaid", { stars: "★".repeat(r().stars) })}</strong> {r().comment}
              </p>
            )}
          </Show>
        </Card>
      </Show>
      <Show when={can().review}>
        <ReviewForm booking={b()} side={side()} onDone={props.onChange} />
      </Show>
      <Show when={can().noShow}>
        <NoShow booking={b()} onDone={props.onChange} />
      </Show>
      <Show when={can().cancel}>
        <CancelBooking booking={b()} onDone={props.onChange} />
      </Show>
      <Show when={can().cancelClosed}>
        <p class="meta" data-testid="booking-cancel-closed">
          {t("booking.cancelClosed", { hours: CANCEL_CUTOFF_HOURS })}
        </p>
      </Show>
    </div>
  );
}
