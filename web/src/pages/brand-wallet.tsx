import { A, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { api } from "../api/client";
import type { WalletBalance } from "../api/types";
import { Async, createPaged, loaded } from "../components/async";
import { TextField } from "../components/field";
import { createForm } from "../components/form";
import { notify } from "../components/toast";
import { Card, EmptyState, FormError } from "../components/ui";
import { money, t } from "../i18n";
import { adminBrandIDs, brandHome } from "../market/brand";
import { checkReference, checkTopUp } from "../money/amounts";
import { bankAvailable, completeTransfer, startTransfer } from "../money/bank";
import { MoneyStats, MovementList } from "../money/bits";
import { BrandSwitch } from "./brand-gigs";

/** A brand's wallet for its admins: what is available, held for upcoming sessions and spent; topping it up; every movement. */
export function BrandWalletPage() {
  const [params, setParams] = useSearchParams<{ brand: string }>();
  const brandID = () => {
    const mine = adminBrandIDs();
    return params.brand && mine.includes(params.brand) ? params.brand : mine[0];
  };
  return (
    <div class="page page-narrow" data-testid="wallet-page">
      <A href={brandHome()} class="back-link">
        {t("org.back")}
      </A>
      <header class="page-head">
        <h1>{t("wallet.title")}</h1>
        <p class="muted">{t("wallet.subtitle")}</p>
      </header>
      <Show when={brandID()} keyed fallback={<EmptyState icon="store" title={t("wallet.adminsOnly")} />}>
        {(id) => (
          <div class="stack">
            <BrandSwitch brandID={id} ids={adminBrandIDs()} onSelect={(b) => setParams({ brand: b }, { replace: true })} />
            <Wallet brandID={id} />
          </div>
        )}
      </Show>
    </div>
  );
}

function Wallet(props: { brandID: string }) {
  const [balance, { refetch, mutate }] = createResource(
    () => props.brandID,
    (brandID) => api.wallet.balance.query({ brandID }),
  );
  const movements = createPaged(
    () => props.brandID,
    (brandID, cursor) => api.wallet.movements.query({ brandID, cursor }),
  );
  const credited = (next: WalletBalance) => {
    mutate(next);
    void movements.reload();
  };
  return (
    <>
      <Card title={t("wallet.balance")} testid="wallet-balance">
        <Async of={balance} retry={refetch}>
          {() => {
            const b = () => loaded(balance) as WalletBalance;
            return (
              <MoneyStats
                stats={[
                  { label: t("wallet.available"), fen: b().available, testid: "wallet-available" },
                  { label: t("wallet.held"), fen: b().held, testid: "wallet-held" },
                  { label: t("wallet.spent"), fen: b().spent, testid: "wallet-spent" },
                  { label: t("wallet.received"), fen: b().received, testid: "wallet-received" },
                ]}
              />
            );
          }}
        </Async>
      </Card>
      <TopUp brandID={props.brandID} onCredited={credited} />
      <Card title={t("money.movements")} testid="wallet-movements-card">
        <MovementList list={movements} empty={t("money.movementsEmpty")} testid="wallet-movements" />
      </Card>
    </>
  );
}

type Credited = (balance: WalletBalance) => void;

function TopUp(props: { brandID: string; onCredited: Credited }) {
  const [bank] = createResource(bankAvailable);
  const record = async (reference: string) => {
    const r = await api.wallet.topUp.mutate({ brandID: props.brandID, reference });
    const { credited, ...balance } = r;
    notify(() => (credited ? t("wallet.credited", { amount: money(credited) }) : t("wallet.alreadyCredited")));
    props.onCredited(balance);
  };
  return (
    <Card title={t("wallet.topUp")} testid="wallet-top-up">
      <Show when={loaded(bank)}>
        <SimulatedBank record={record} />
      </Show>
      <ReferenceForm record={record} />
    </Card>
  );
}

type Transfer = { reference: string; amountFen: number; state: "pending" | "failed" };

/**
 * Locally only: the tester is the bank. Start a transfer of an amount, then say how the bank
 * answered; a success is recorded as the top-up at once (by the transfer's reference, as a
 * real bank's would be), a failure is shown and nothing is credited.
 */
function SimulatedBank(props: { record: (reference: string) => Promise<void> }) {
  const [amount, setAmount] = createSignal("");
  const [transfer, setTransfer] = createSignal<Transfer>();
  const [pressed, setPressed] = createSignal<"succeeded" | "failed">();
  const [bankDown, setBankDown] = createSignal(false);
  const form = createForm(["amountFen"] as const);
  const problem = () => (bankDown() ? t("wallet.bankError") : form.formError());
  let checked = 0;
  /** The bank's own failures are said as such (the form describes the API's). */
  const atBank = async <T,>(call: () => Promise<T>): Promise<T | undefined> => {
    setBankDown(false);
    try {
      return await call();
    } catch {
      setBankDown(true);
      return undefined;
    }
  };

  const start = (e: SubmitEvent) =>
    form.submit(
      e,
      () => {
        const c = checkTopUp(amount());
        if (!c.ok) return { amountFen: c.problem };
        checked = c.value;
        return {};
      },
      async () => {
        const amountFen = checked;
        const reference = await atBank(() => startTransfer(amountFen));
        if (reference) setTransfer({ reference, amountFen, state: "pending" });
      },
    );

  const complete = (outcome: "succeeded" | "failed") => {
    const tr = transfer();
    if (!tr) return;
    setPressed(outcome);
    return form.run(
      () => ({}),
      async () => {
        if ((await atBank(() => completeTransfer(tr.reference, outcome).then(() => true))) !== true) return;
        if (outcome === "failed") {
          setTransfer({ ...tr, state: "failed" });
          return;
        }
        await props.record(tr.reference);
        setTransfer(undefined);
        setAmount("");
      },
    );
  };

  return (
    <section class="bank-panel" data-testid="simulated-bank" aria-labelledby="simulated-bank-title">
      <h3 id="simulated-bank-title">{t("wallet.simTitle")}</h3>
      <p class="meta">{t("wallet.simBody")}</p>
      <Switch>
        <Match when={transfer()?.state === "pending" && transfer()}>
          {(tr) => (
            <div class="stack stack-sm" data-testid="bank-transfer" data-reference={tr().reference}>
              <p role="status">{t("wallet.simPending", { reference: tr().reference, amount: money(tr().amountFen) })}</p>
              <FormError message={problem()} />
              <div class="button-row">
                <button type="button" class="btn btn-primary" disabled={form.submitting()} onClick={() => complete("succeeded")} data-testid="bank-succeed">
                  {form.submitting() && pressed() === "succeeded" ? t("wallet.simRecording") : t("wallet.simSucceed")}
                </button>
                <button type="button" class="btn btn-danger-outline" disabled={form.submitting()} onClick={() => complete("failed")} data-testid="bank-fail">
                  {t("wallet.simFail")}
                </button>
              </div>
            </div>
          )}
        </Match>
        <Match when={transfer()?.state === "failed" && transfer()}>
          {(tr) => (
            <div class="stack stack-sm">
              <p class="notice notice-error" role="alert" data-testid="bank-failed">
                {t("wallet.simFailed", { reference: tr().reference })}
              </p>
              <button type="button" class="btn btn-secondary" onClick={() => setTransfer(undefined)} data-testid="bank-again">
                {t("wallet.simAgain")}
              </button>
            </div>
          )}
        </Match>
        <Match when={!transfer()}>
          <form ref={form.ref} class="form" novalidate onSubmit={start} data-testid="bank-start-form">
            <TextField
              label={t("wallet.amount")}
              hint={t("wallet.amountHint")}
              form={form}
              name="amountFen"
              inputmode="decimal"
              autocomplete="off"
              maxLength={16}
              value={amount}
              setValue={setAmount}
              data-testid="top-up-amount"
            />
            <FormError message={problem()} />
            <button type="submit" class="btn btn-primary" disabled={form.submitting()} data-testid="bank-start">
              {form.submitting() ? t("wallet.simStarting") : t("wallet.simStart")}
            </button>
          </form>
        </Match>
      </Switch>
    </section>
  );
}

/** A top-up paid at the bank: its payment reference, credited with what the bank confirms. */
function ReferenceForm(props: { record: (reference: string) => Promise<void> }) {
  const [reference, setReference] = createSignal("");
  const form = createForm(["reference"] as const);
  let checked = "";
  const submit = (e: SubmitEvent) =>
    form.submit(
      e,
      () => {
        const c = checkReference(reference());
        if (!c.ok) return { reference: c.problem };
        checked = c.value;
        return {};
      },
      async () => {
        await props.record(checked);
        setReference("");
      },
    );
  return (
    <form ref={form.ref} class="form" novalidate onSubmit={submit} data-testid="top-up-reference-form" aria-labelledby="top-up-reference-title">
      <h3 id="top-up-reference-title">{t("wallet.referenceTitle")}</h3>
      <p class="meta">{t("wallet.referenceBody")}</p>
      <TextField
        label={t("wallet.reference")}
        form={form}
        name="reference"
        autocomplete="off"
        autocapitalize="characters"
        spellcheck={false}
        maxLength={64}
        value={reference}
        setValue={setReference}
        data-testid="top-up-reference"
      />
      <FormError message={form.formError()} />
      <button type="submit" class="btn btn-secondary" disabled={form.submitting()} data-testid="top-up-record">
        {form.submitting() ? t("wallet.recording") : t("wallet.record")}
      </button>
    </form>
  );
}
