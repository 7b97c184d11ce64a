import { A, useSearchParams } from "@solidjs/router";
import { For, Show } from "solid-js";
import { api } from "../api/client";
import type { Booking } from "../api/types";
import { createPaged, LoadMore } from "../components/async";
import { Field } from "../components/field";
import { EmptyState, LoadError, Loading } from "../components/ui";
import { locale, t } from "../i18n";
import { BookingStatusBadge, placeText, TermsText } from "../market/bits";
import { brandFrom, brandHome, myBrandIDs } from "../market/brand";
import { chinaToday, dayHeading, groupByDay, timeRange } from "../market/calendar";
import { addDays, isDay } from "../training/dates";
import { BrandSwitch } from "./brand-gigs";

/**
 * The bookings agenda for either side: a brand's (?brand=…, the default for brand members) or the
 * host's own (?as=host), from a China date on, grouped by day.
 */
export function BookingsPage() {
  const [params, setParams] = useSearchParams<{ brand: string; as: string; from: string }>();
  const brandID = () => (params.as === "host" ? undefined : brandFrom(params.brand));
  const from = () => (params.from && isDay(params.from) ? params.from : chinaToday());
  const list = createPaged(
    () => ({ brandID: brandID(), from: from() }),
    (key, cursor) => api.market.bookings.query({ ...key, cursor }),
  );
  const days = () => groupByDay(list.items());
  const today = () => chinaToday();
  return (
    <div class="page page-narrow" data-testid="bookings-page">
      <A href={brandID() ? brandHome() : "/?as=learner"} class="back-link">
        {t("org.back")}
      </A>
      <header class="page-head">
        <h1>{t("bookings.title")}</h1>
        <p class="muted">{t("bookings.hint")}</p>
      </header>
      <div class="stack">
        <Show when={myBrandIDs().length}>
          <fieldset class="segmented">
            <legend class="sr-only">{t("bookings.whose")}</legend>
            <button
              type="button"
              aria-pressed={Boolean(brandID())}
              onClick={() => setParams({ as: undefined }, { replace: true })}
              data-testid="bookings-brand"
            >
              {t("bookings.brand")}
            </button>
            <button
              type="button"
              aria-pressed={!brandID()}
              onClick={() => setParams({ as: "host", brand: undefined }, { replace: true })}
              data-testid="bookings-host"
            >
              {t("bookings.host")}
            </button>
          </fieldset>
          <Show when={brandID()}>{(id) => <BrandSwitch brandID={id()} onSelect={(b) => setParams({ brand: b }, { replace: true })} />}</Show>
        </Show>
        <div class="field-row">
          <Field label={t("bookings.from")}>
            {(c) => (
              <input
                id={c.id}
                type="date"
                value={from()}
                onChange={(e) => isDay(e.currentTarget.value) && setParams({ from: e.currentTarget.value }, { replace: true })}
                data-testid="bookings-from"
              />
            )}
          </Field>
          <div class="field">
            <span class="field-label" aria-hidden="true">
              &nbsp;
            </span>
            <button
              type="button"
              class="btn btn-secondary"
              onClick={() => setParams({ from: addDays(today(), -30) }, { replace: true })}
              data-testid="bookings-earlier"
            >
              {t("bookings.earlier")}
            </button>
          </div>
        </div>
        <Show when={list.state() !== "error"} fallback={<LoadError error={list.error()} retry={list.reload} />}>
          <Show when={list.state() !== "loading"} fallback={<Loading />}>
            <Show
              when={days().length}
              fallback={<EmptyState icon="inbox" title={t("bookings.empty")} body={brandID() ? t("bookings.emptyBrand") : t("bookings.emptyHost")} />}
            >
              <ol class="agenda" data-testid="agenda">
                <For each={days()}>
                  {(d) => (
                    <li class="agenda-day" data-testid="agenda-day" data-day={d.day}>
                      <h2>{dayHeading(d.day, today(), locale())}</h2>
                      <ul class="stack-sm plain">
                        <For each={d.items}>{(b) => <AgendaItem booking={b} brandSide={Boolean(brandID())} />}</For>
                      </ul>
                    </li>
                  )}
                </For>
              </ol>
              <LoadMore of={list} />
            </Show>
          </Show>
        </Show>
      </div>
    </div>
  );
}

function AgendaItem(props: { booking: Booking; brandSide: boolean }) {
  const b = () => props.booking;
  const contract = () => b().contracts[b().contracts.length - 1];
  return (
    <li>
      <A
        class="card card-link agenda-item"
        classList={{ "agenda-cancelled": b().status === "cancelled" }}
        href={`/bookings/${b().bookingID}`}
        data-testid="booking-item"
        data-booking={b().bookingID}
      >
        <span class="agenda-time">{timeRange(b().startsAt, b().endsAt, locale())}</span>
        <span class="agenda-body">
          <span class="market-head">
            <span class="list-title agenda-title">{b().title}</span>
            <BookingStatusBadge status={b().status} />
          </span>
          <span class="meta" data-testid="booking-party">
            {props.brandSide ? t("bookings.withHost", { name: b().hostName }) : t("bookings.withBrand", { name: b().brandName })}
          </span>
          <span class="meta">{placeText(b())}</span>
          <Show when={contract()}>
            {(c) => (
              <span class="meta">
                {t("bookings.contractV", { version: c().version })} · <TermsText terms={c().terms} />
              </span>
            )}
          </Show>
        </span>
      </A>
    </li>
  );
}
