import { createMemo, createSignal, For, type JSX, Match, onCleanup, Show, Switch } from "solid-js";
import { notify } from "../components/toast";
import { Card, EmptyState, FormError, Loading } from "../components/ui";
import { date, type MessageKey, money, t } from "../i18n";
import "../payout/payout.css";
import { BEHAVIOURS, type Behaviour, type ConsoleState, type ConsoleTransfer, decide, loadConsole, planNext } from "../payout/console";

const REFRESH_MS = 2_000;
const STATE_BADGES = { pending: "badge-pending", succeeded: "badge-active", failed: "badge-rejected" } as const;

/**
 * The local payout provider's console (packages/local only; never in the cloud, where this path
 * answers with the app's HTML and the page says so): every transfer a run sent, the tester's
 * decision on pending ones, and what the next transfer call does.
 */
export function DevPayoutsPage(): JSX.Element {
  const [state, setState] = createSignal<ConsoleState | "unavailable">();
  let gone = false;
  const refresh = async () => {
    const next = await loadConsole();
    if (!gone) setState(next);
  };
  void refresh();
  const timer = window.setInterval(() => !document.hidden && void refresh(), REFRESH_MS);
  onCleanup(() => {
    gone = true;
    window.clearInterval(timer);
  });
  const loaded = () => {
    const s = state();
    return s && s !== "unavailable" ? s : undefined;
  };
  // Rows are kept by reference across refreshes, so a failure code being picked isn't reset every 2 s.
  const references = createMemo(() => loaded()?.transfers.map((tr) => tr.reference) ?? [], [], {
    equals: (a, b) => a.length === b.length && a.every((r, i) => r === b[i]),
  });
  const transferOf = (reference: string) => loaded()?.transfers.find((tr) => tr.reference === reference);
  return (
    <div class="page page-narrow" data-testid="dev-payouts">
      <header class="page-head">
        <h1>{t("devPayouts.title")}</h1>
        <p class="muted">{t("devPayouts.subtitle")}</p>
      </header>
      <Switch fallback={<Loading />}>
        <Match when={state() === "unavailable"}>
          <p class="notice notice-info" data-testid="dev-payouts-unavailable">
            {t("devPayouts.unavailable")}
          </p>
        </Match>
        <Match when={loaded()}>
          {(s) => (
            <div class="stack">
              <NextBehaviour />
              <Card title={t("devPayouts.transfers")} testid="dev-transfers">
                <Show when={s().transfers.length} fallback={<EmptyState icon="inbox" title={t("devPayouts.empty")} testid="dev-transfers-empty" />}>
                  <ul class="list" aria-live="polite">
                    <For each={references()}>
                      {(reference) => (
                        <Show when={transferOf(reference)}>{(tr) => <Transfer transfer={tr()} failures={s().failures} onDecided={refresh} />}</Show>
                      )}
                    </For>
                  </ul>
                </Show>
              </Card>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}

/** One action against the console at a time; its own failures said as the console's. */
function createAction() {
  const [busy, setBusy] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  return {
    busy,
    failed,
    async run(call: () => Promise<void>) {
      if (busy()) return;
      setBusy(true);
      setFailed(false);
      try {
        await call();
      } catch {
        setFailed(true);
      } finally {
        setBusy(false);
      }
    },
  };
}

function Transfer(props: { transfer: ConsoleTransfer; failures: Record<string, string>; onDecided: () => Promise<void> }) {
  const tr = () => props.transfer;
  const payee = () => tr().request.biz_content.payee_info;
  const codes = () => Object.keys(props.failures);
  const [code, setCode] = createSignal("");
  const action = createAction();
  const chosen = () => code() || codes()[0] || "";
  const answer = (decision: "succeed" | { fail: string }) =>
    action.run(async () => {
      await decide(tr().reference, decision);
      await props.onDecided();
    });
  return (
    <li
      class="list-row payout-row"
      data-testid="dev-transfer"
      data-reference={tr().reference}
      data-identity={payee().identity}
      data-state={tr().state}
      data-fen={tr().amountFen}
    >
      <div class="list-main">
        <div class="payout-head">
          <strong class="amount">{money(tr().amountFen)}</strong>
          <span class={`badge ${STATE_BADGES[tr().state]}`} data-testid="dev-transfer-state">
            {t(`devPayouts.state.${tr().state}` as MessageKey)}
          </span>
        </div>
        <p>
          {payee().identity} · {payee().name}
        </p>
        <p class="payout-id">{tr().reference}</p>
        <p class="meta">
          {date(tr().at, "dateTime")} · {t("devPayouts.calls", { count: tr().calls })}
        </p>
        <Show when={tr().state === "failed"}>
          <p class="payout-reason">
            {tr().code} · {tr().reason}
          </p>
        </Show>
      </div>
      <Show when={tr().state === "pending"}>
        <div class="transfer-actions">
          <button type="button" class="btn btn-primary" disabled={action.busy()} onClick={() => answer("succeed")} data-testid="dev-transfer-succeed">
            {t("devPayouts.succeed")}
          </button>
          <label class="sr-only" for={`code-${tr().reference}`}>
            {t("devPayouts.failCode")}
          </label>
          <select id={`code-${tr().reference}`} value={chosen()} onChange={(e) => setCode(e.currentTarget.value)} data-testid="dev-transfer-code">
            <For each={codes()}>{(c) => <option value={c}>{`${c} · ${props.failures[c]}`}</option>}</For>
          </select>
          <button
            type="button"
            class="btn btn-danger-outline"
            disabled={action.busy() || !chosen()}
            onClick={() => answer({ fail: chosen() })}
            data-testid="dev-transfer-fail"
          >
            {t("devPayouts.fail")}
          </button>
          <FormError message={action.failed() ? t("devPayouts.error") : undefined} />
        </div>
      </Show>
    </li>
  );
}

function NextBehaviour() {
  const [behaviour, setBehaviour] = createSignal<Behaviour>("pending");
  const action = createAction();
  const apply = () =>
    action.run(async () => {
      const chosen = behaviour();
      await planNext(chosen);
      notify(() => t("devPayouts.nextDone", { behaviour: t(`devPayouts.behaviour.${chosen}` as MessageKey) }));
    });
  return (
    <Card title={t("devPayouts.next")} testid="dev-next">
      <p class="meta">{t("devPayouts.nextHint")}</p>
      <div class="transfer-actions">
        <label class="sr-only" for="dev-next-behaviour">
          {t("devPayouts.next")}
        </label>
        <select id="dev-next-behaviour" value={behaviour()} onChange={(e) => setBehaviour(e.currentTarget.value as Behaviour)} data-testid="dev-next-behaviour">
          <For each={BEHAVIOURS}>{(b) => <option value={b}>{t(`devPayouts.behaviour.${b}` as MessageKey)}</option>}</For>
        </select>
        <button type="button" class="btn btn-secondary" disabled={action.busy()} onClick={apply} data-testid="dev-next-apply">
          {t("devPayouts.nextApply")}
        </button>
      </div>
      <FormError message={action.failed() ? t("devPayouts.error") : undefined} />
    </Card>
  );
}
