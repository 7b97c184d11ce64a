import { type JSX, Show } from "solid-js";
import { date, money, t } from "../i18n";
import { CHIP_BADGES, CHIP_LABELS, chipOf, PHASE_BADGES, PHASE_LABELS, reasonOf } from "./status";
import type { PayoutItem, PayoutRunPhase, PayoutStatus } from "./types";
import "./payout.css";

export function StatusChip(props: { status: PayoutStatus }) {
  const chip = () => chipOf(props.status);
  return (
    <span class={`badge ${CHIP_BADGES[chip()]}`} data-testid="payout-status" data-status={props.status}>
      {t(CHIP_LABELS[chip()])}
    </span>
  );
}

export function PhaseChip(props: { phase: PayoutRunPhase }) {
  return (
    <span class={`badge ${PHASE_BADGES[props.phase]}`} data-testid="run-phase" data-phase={props.phase}>
      {t(PHASE_LABELS[props.phase])}
    </span>
  );
}

/** Why it failed or was skipped, in the reader's words when we know the code. */
export function ReasonText(props: { payout: Pick<PayoutItem, "status" | "code" | "reason"> }) {
  const reason = () => reasonOf(props.payout);
  return (
    <Show when={reason()}>
      {(r) => {
        const v = r();
        return (
          <p class="payout-reason" data-testid="payout-reason" data-code={props.payout.code ?? ""}>
            {"key" in v ? t(v.key) : v.text}
          </p>
        );
      }}
    </Show>
  );
}

/**
 * One payout as its payee and ops see it: amount, status, where it went, when, why it failed.
 * `who` names the payee (ops' lists), `actions` sits at the row's end.
 */
export function PayoutRow(props: { payout: PayoutItem; who?: JSX.Element; actions?: JSX.Element; testid?: string }) {
  const p = () => props.payout;
  return (
    <li class="list-row payout-row" data-testid={props.testid ?? "payout-item"} data-run={p().runID} data-status={p().status} data-fen={p().amountFen}>
      <div class="list-main">
        <div class="payout-head">
          <strong class="amount" data-testid="payout-amount">
            {money(p().amountFen)}
          </strong>
          <StatusChip status={p().status} />
        </div>
        {props.who}
        <p class="meta">
          {t("payout.itemTo", { account: p().account, name: p().name })} · {date(p().updatedAt, "dateTime")}
        </p>
        <Show when={p().attempt > 1}>
          <p class="meta">{t("payout.itemAttempt", { attempt: p().attempt })}</p>
        </Show>
        <ReasonText payout={p()} />
        <Show when={p().status === "failed"}>
          <p class="meta">{t("payout.returned")}</p>
        </Show>
      </div>
      {props.actions}
    </li>
  );
}
