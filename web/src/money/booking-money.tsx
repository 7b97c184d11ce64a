import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { Booking, BookingSales, SaleLine } from "../api/types";
import { Async, loaded } from "../components/async";
import { Card } from "../components/ui";
import { date, money, t } from "../i18n";
import { myBrandIDs } from "../market/brand";
import type { Side } from "../market/calendar";
import { percent } from "../market/money";
import { LineFigures, MoneyStats } from "./bits";
import { SalesImport } from "./sales-import";

const LINES_SHOWN = 20;

/**
 * A booking's sales and money (sale.ofBooking), for its brand's members and its host: GMV,
 * refunds, commission pending and released, the slot fee, every order line. The brand's
 * members also import the session's sales here.
 */
export function BookingMoney(props: { booking: Booking; side: Side }) {
  const [sales, { refetch }] = createResource(
    () => props.booking.bookingID,
    (bookingID) => api.sale.ofBooking.query({ bookingID }),
  );
  const brandMember = () => props.side === "brand" && myBrandIDs().includes(props.booking.brandID);
  const hasSales = () => props.booking.status === "booked" || props.booking.status === "completed";
  return (
    <>
      <Card title={t("sale.title")} testid="booking-money">
        <Async of={sales} retry={refetch}>
          {() => <SalesView sales={() => loaded(sales) as BookingSales} booking={props.booking} side={props.side} />}
        </Async>
      </Card>
      <Show when={brandMember() && hasSales()}>
        <SalesImport booking={props.booking} onImported={() => void refetch()} />
      </Show>
    </>
  );
}

type SlotFee = { state: "posted"; fen: number; yours: number } | { state: "held" | "released"; fen: number } | { state: "none" };

function slotFeeOf(s: BookingSales, b: Booking): SlotFee {
  const parts = s.money.slotFee;
  if (parts) return { state: "posted", fen: parts.host + parts.agency + parts.platform, yours: parts.host };
  if (s.hold) return { state: b.status === "cancelled" || b.status === "no_show" ? "released" : "held", fen: s.hold.amountFen };
  return { state: "none" };
}

function SalesView(props: { sales: () => BookingSales; booking: Booking; side: Side }) {
  const m = () => props.sales().money;
  const pendingFen = () => m().commissionFen - m().releasedFen;
  const slot = () => slotFeeOf(props.sales(), props.booking);
  return (
    <div class="stack">
      <MoneyStats
        testid="sales-stats"
        stats={[
          { label: t("sale.gmv"), fen: m().gmvFen, testid: "sales-gmv" },
          { label: t("sale.refunded"), fen: m().refundedFen, testid: "sales-refunded" },
          { label: t("sale.commission"), fen: m().commissionFen, testid: "sales-commission" },
          { label: t("sale.pending"), fen: pendingFen(), testid: "sales-pending" },
          { label: t("sale.released"), fen: m().releasedFen, testid: "sales-released" },
        ]}
      />
      <Show when={props.side === "host"}>
        <p data-testid="sales-your-share">{t("sale.yourShare", { pending: money(m().pending.host), released: money(m().released.host) })}</p>
      </Show>
      <Show when={pendingFen() > 0 && m().nextReleaseAt}>{(at) => <p class="meta">{t("sale.nextRelease", { date: date(at(), "dateTime") })}</p>}</Show>
      <Show when={m().clawedBackFen > 0}>
        <p class="notice notice-warn" data-testid="sales-clawed-back">
          {t("sale.clawedBack", { amount: money(m().clawedBackFen) })}
        </p>
      </Show>
      <Show when={props.side === "brand" && m().shortFen}>
        {(short) => (
          <p class="notice notice-error" data-testid="sales-short">
            {t("sale.short", { amount: money(short()) })}
          </p>
        )}
      </Show>
      <dl class="facts">
        <div class="fact-wide">
          <dt>{t("sale.slotFee")}</dt>
          <dd data-testid="sales-slot-fee" data-state={slot().state}>
            {slotFeeText(slot(), props.side)}
          </dd>
        </div>
        <div class="fact-wide">
          <dt>{t("sale.ratesLabel")}</dt>
          <dd class="meta">{t("sale.rates", { fee: percent(props.sales().rates.platformFeeBps), share: percent(props.sales().rates.agencyShareBps) })}</dd>
        </div>
      </dl>
      <SaleLines lines={props.sales().lines} count={props.sales().lineCount} />
    </div>
  );
}

function slotFeeText(x: SlotFee, side: Side): string {
  if (x.state === "posted") {
    const paid = t("sale.slotFeePosted", { amount: money(x.fen) });
    return side === "host" ? `${paid} · ${t("sale.slotFeeYours", { amount: money(x.yours) })}` : paid;
  }
  if (x.state === "held") return t("sale.slotFeeHeld", { amount: money(x.fen) });
  if (x.state === "released") return t("sale.slotFeeReleased", { amount: money(x.fen) });
  return t("sale.slotFeeNone");
}

function SaleLines(props: { lines: SaleLine[]; count: number }) {
  const [all, setAll] = createSignal(false);
  const shown = () => (all() ? props.lines : props.lines.slice(0, LINES_SHOWN));
  return (
    <section aria-labelledby="sale-lines-title">
      <h3 id="sale-lines-title" class="field-label">
        {t("sale.lines", { count: props.count })}
      </h3>
      <Show
        when={props.lines.length}
        fallback={
          <p class="meta" data-testid="sale-lines-empty">
            {t("sale.linesEmpty")}
          </p>
        }
      >
        <ul class="sale-lines" data-testid="sale-lines">
          <For each={shown()}>
            {(l) => (
              <li data-testid="sale-line" data-line={l.lineID} data-released={l.released ? "yes" : "no"} data-revision={l.revision}>
                <div class="money-row">
                  <span class="list-title">{l.productName ?? l.lineID}</span>
                  <span class={`badge ${l.released ? "badge-active" : "badge-pending"}`} data-testid="sale-line-state">
                    {l.released ? t("sale.lineReleased") : t("sale.linePending")}
                  </span>
                </div>
                <LineFigures line={l} />
                <span class="meta">
                  {t("sale.lineReleaseAt", { date: date(l.releaseAt) })} ·{" "}
                  <span data-testid="sale-line-revision">{t("sale.lineRevision", { revision: l.revision })}</span>
                </span>
              </li>
            )}
          </For>
        </ul>
        <Show when={!all() && props.lines.length > LINES_SHOWN}>
          <button type="button" class="btn btn-ghost btn-small" onClick={() => setAll(true)}>
            {t("sale.showAll", { count: props.lines.length })}
          </button>
        </Show>
      </Show>
    </section>
  );
}
