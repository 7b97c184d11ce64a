import { A } from "@solidjs/router";
import { For, type JSX, Show } from "solid-js";
import type { WalletMovement } from "../api/types";
import { LoadMore, type Paged } from "../components/async";
import { EmptyState, LoadError, Loading } from "../components/ui";
import { date, money, t } from "../i18n";
import { movementView } from "./movements";
import "./money.css";

/** An amount with its direction: "+¥2,000.00", "−¥600.00", toned by what it did. */
export function Amount(props: { fen: number; sign?: "+" | "-" | ""; tone?: string; testid?: string }) {
  const sign = () => (props.sign === "-" ? "−" : (props.sign ?? ""));
  return (
    <span class={`amount amount-${props.tone ?? "neutral"}`} data-testid={props.testid}>
      {sign()}
      {money(props.fen)}
    </span>
  );
}

export interface Stat {
  label: string;
  fen: number;
  testid: string;
  warn?: boolean;
  hint?: string;
}

/** Balances as big figures, two a row on a phone. */
export function MoneyStats(props: { stats: Stat[]; testid?: string }) {
  return (
    <dl class="stats money-stats" data-testid={props.testid}>
      <For each={props.stats}>
        {(s) => (
          <div classList={{ "money-stat-warn": s.warn }}>
            <dt>{s.label}</dt>
            <dd>
              <strong data-testid={s.testid} data-fen={s.fen}>
                {money(s.fen)}
              </strong>
              <Show when={s.hint}>
                <span class="meta"> {s.hint}</span>
              </Show>
            </dd>
          </div>
        )}
      </For>
    </dl>
  );
}

const bookingRef = (ref: string | undefined) => (ref?.startsWith("bkg_") ? ref : undefined);

/** A ledger account's lines, newest first, in words; clawbacks marked as such. */
export function MovementList(props: { list: Paged<WalletMovement>; empty: string; testid: string }) {
  return (
    <Show when={props.list.state() !== "error"} fallback={<LoadError error={props.list.error()} retry={props.list.reload} />}>
      <Show when={props.list.state() !== "loading"} fallback={<Loading />}>
        <Show when={props.list.items().length} fallback={<EmptyState icon="inbox" title={props.empty} testid={`${props.testid}-empty`} />}>
          <ul class="list" data-testid={props.testid}>
            <For each={props.list.items()}>{(m) => <MovementRow movement={m} />}</For>
          </ul>
          <LoadMore of={props.list} />
        </Show>
      </Show>
    </Show>
  );
}

function MovementRow(props: { movement: WalletMovement }): JSX.Element {
  const v = () => movementView(props.movement);
  const clawback = () => v().tone === "clawback";
  return (
    <li
      class="list-row money-row"
      classList={{ "movement-clawback": clawback() }}
      data-testid="movement"
      data-memo={props.movement.memo ?? ""}
      data-kind={props.movement.kind}
    >
      <div class="list-main">
        <p class="list-title">
          {t(v().label)}{" "}
          <Show when={clawback()}>
            <span class="badge badge-rejected" data-testid="clawback-badge">
              {t("money.clawbackBadge")}
            </span>
          </Show>
        </p>
        <p class="meta">
          {date(props.movement.at, "dateTime")}
          <Show when={bookingRef(props.movement.ref)}>
            {(ref) => (
              <>
                {" · "}
                <A href={`/bookings/${ref()}`}>{t("money.toBooking")}</A>
              </>
            )}
          </Show>
        </p>
      </div>
      <Amount fen={v().amountFen} sign={v().sign} tone={v().tone} testid="movement-amount" />
    </li>
  );
}

/** An order line's id and figures, as the booking's lines and the import preview both show them. */
export function LineFigures(props: { line: { orderID: string; lineID: string; paidFen: number; refundedFen: number; status: string; paidAt: string } }) {
  return (
    <>
      <span class="sale-line-id">
        {props.line.orderID} · {props.line.lineID}
      </span>
      <span class="meta">
        {[
          t("sale.linePaid", { paid: money(props.line.paidFen) }),
          ...(props.line.refundedFen ? [t("sale.lineRefunded", { refunded: money(props.line.refundedFen) })] : []),
          props.line.status,
          date(props.line.paidAt, "dateTime"),
        ]
          .filter(Boolean)
          .join(" · ")}
      </span>
    </>
  );
}
