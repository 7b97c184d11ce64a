import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { Card, EmptyState } from "../components/ui";
import { date, money, t } from "../i18n";
import { Amount } from "../money/bits";
import { bookingOf, lineView, ROLE_LABELS } from "./statement";
import type { AccountStatement, StatementMovement } from "./types";
import "./payout.css";

const SIGNS = { in: "+", out: "-", none: "" } as const;

/** One account's month on a phone: opening, each line with the balance after it, closing. */
export function AccountCard(props: { account: AccountStatement }) {
  const a = () => props.account;
  return (
    <Card title={t(ROLE_LABELS[a().role])} testid="statement-account" class="statement-account">
      <div class="statement-edge" data-testid="statement-opening" data-fen={a().openingFen}>
        <span>{t("statement.opening")}</span>
        <Amount fen={a().openingFen} />
      </div>
      <Show when={a().movements.length} fallback={<EmptyState icon="inbox" title={t("statement.empty")} testid="statement-empty" />}>
        <ul class="list" data-testid="statement-movements">
          <For each={a().movements}>{(m) => <Line movement={m} />}</For>
        </ul>
      </Show>
      <p class="meta" data-testid="statement-totals">
        {t("statement.totals", { in: money(a().inFen), out: money(a().outFen) })}
      </p>
      <div class="statement-edge" data-testid="statement-closing" data-fen={a().closingFen}>
        <span>
          {t("statement.closing")}
          <Show when={a().closingHeldFen}>
            <span class="meta"> {t("statement.heldNow", { amount: money(a().closingHeldFen) })}</span>
          </Show>
        </span>
        <Amount fen={a().closingFen} />
      </div>
    </Card>
  );
}

function Line(props: { movement: StatementMovement }) {
  const m = () => props.movement;
  const v = () => lineView(m());
  return (
    <li class="list-row statement-line" data-testid="statement-movement" data-memo={m().memo} data-fen={m().amountFen}>
      <div class="list-main">
        <p class="list-title">{t(v().label)}</p>
        <Show when={bookingOf(m().ref)}>
          {(ref) => (
            <A href={`/bookings/${ref()}`} data-testid="statement-booking">
              {m().title ?? t("statement.toBooking")}
            </A>
          )}
        </Show>
        <p class="meta">{date(m().at, "dateTime")}</p>
      </div>
      <div class="statement-figures">
        <Show when={v().direction !== "none"}>
          <Amount fen={v().amountFen} sign={SIGNS[v().direction]} tone={v().tone} testid="statement-amount" />
        </Show>
        <Show when={v().heldFen}>
          <span class="meta amount-held">{t("statement.heldChange", { amount: `${v().heldFen > 0 ? "+" : "−"}${money(Math.abs(v().heldFen))}` })}</span>
        </Show>
        <span class="meta" data-testid="statement-balance">
          {t("statement.balance", { amount: money(m().balanceFen) })}
        </span>
      </div>
    </li>
  );
}

/** One account as a table for paper: opening and closing rows around the month's lines. */
export function PrintAccount(props: { account: AccountStatement }) {
  const a = () => props.account;
  return (
    <section data-testid="print-account">
      <h2>{t(ROLE_LABELS[a().role])}</h2>
      <table class="print-table">
        <thead>
          <tr>
            <th>{t("statement.col.time")}</th>
            <th>{t("statement.col.type")}</th>
            <th>{t("statement.col.detail")}</th>
            <th class="num">{t("statement.col.in")}</th>
            <th class="num">{t("statement.col.out")}</th>
            <th class="num">{t("statement.col.balance")}</th>
          </tr>
        </thead>
        <tbody>
          <tr class="print-edge">
            <td colspan={5}>{t("statement.opening")}</td>
            <td class="num">{money(a().openingFen)}</td>
          </tr>
          <For each={a().movements}>
            {(m) => {
              const v = lineView(m);
              return (
                <tr data-memo={m.memo}>
                  <td>{date(m.at, "dateTime")}</td>
                  <td>{t(v.label)}</td>
                  <td>
                    {m.title ?? ""}
                    {v.heldFen ? ` ${t("statement.heldChange", { amount: `${v.heldFen > 0 ? "+" : "−"}${money(Math.abs(v.heldFen))}` })}` : ""}
                  </td>
                  <td class="num">{v.direction === "in" ? money(v.amountFen) : ""}</td>
                  <td class="num">{v.direction === "out" ? money(v.amountFen) : ""}</td>
                  <td class="num">{money(m.balanceFen)}</td>
                </tr>
              );
            }}
          </For>
          <tr class="print-edge">
            <td colspan={3}>{t("statement.closing")}</td>
            <td class="num">{money(a().inFen)}</td>
            <td class="num">{money(a().outFen)}</td>
            <td class="num">{money(a().closingFen)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
