import { createSignal, Show } from "solid-js";
import { api } from "../api/client";
import { toApiError } from "../api/errors";
import { PasswordField, TextField } from "../components/field";
import { createForm } from "../components/form";
import { notify } from "../components/toast";
import { Card, FormError } from "../components/ui";
import { date, type MessageKey, money, t } from "../i18n";
import { yuanInput } from "../market/money";
import { checkAccount, checkMinimum, checkName, serverProblem } from "./checks";
import type { PayoutSettings } from "./types";

type Saved = (next: PayoutSettings) => void;

/**
 * A form whose API field errors for these fields are said in payout words (the shared error text
 * would use hints written for other forms' fields of the same name, such as an org's "name").
 */
function createPayoutForm<F extends string>(fields: readonly F[]) {
  const form = createForm(fields);
  const [server, setServer] = createSignal<Partial<Record<F, MessageKey>>>({});
  return {
    ...form,
    fieldError(name: F): string | undefined {
      const key = server()[name];
      return key ? t(key) : form.fieldError(name);
    },
    touch(name: F) {
      setServer((s) => ({ ...s, [name]: undefined }));
      form.touch(name);
    },
    /** Runs the call; the API's field messages we can say better are kept, the error still goes to the form. */
    async call<T>(action: () => Promise<T>): Promise<T> {
      setServer({});
      try {
        return await action();
      } catch (e) {
        const err = toApiError(e);
        const mine: Partial<Record<F, MessageKey>> = {};
        for (const f of fields) {
          const key = serverProblem(err.fields[f]);
          if (key) mine[f] = key;
        }
        setServer(() => mine);
        throw e;
      }
    },
  };
}

/** Where the money goes: the saved Alipay account (masked), the pause after a change, and the form to set or change it. */
export function MethodCard(props: { settings: PayoutSettings; onSaved: Saved }) {
  const s = () => props.settings;
  const [editing, setEditing] = createSignal(false);
  const [account, setAccount] = createSignal("");
  const [name, setName] = createSignal("");
  const [password, setPassword] = createSignal("");
  const form = createPayoutForm(["account", "name", "password"] as const);
  const open = () => !s().method || editing();
  const checked = { account: "", name: "" };

  const submit = (e: SubmitEvent) =>
    form.submit(
      e,
      () => {
        const a = checkAccount(account());
        const n = checkName(name());
        if (a.ok) checked.account = a.value;
        if (n.ok) checked.name = n.value;
        return {
          ...(a.ok ? {} : { account: a.problem }),
          ...(n.ok ? {} : { name: n.problem }),
          ...(password() ? {} : { password: "form.required" as const }),
        };
      },
      async () => {
        const next = await form.call(() =>
          api.payout.setMethod.mutate({ payeeID: s().payeeID, account: checked.account, name: checked.name, password: password() }),
        );
        setPassword("");
        setAccount("");
        setName("");
        setEditing(false);
        props.onSaved(next);
        notify(() => t("payout.methodDone"));
      },
    );

  return (
    <Card title={t("payout.method")} testid="payout-method">
      <Show when={s().method} fallback={<p class="meta">{t("payout.methodNone")}</p>}>
        {(m) => (
          <div class="method-saved" data-testid="payout-method-saved">
            <strong data-testid="payout-method-account">{t("payout.methodSaved", { account: m().account, name: m().name })}</strong>
            <span class="meta">{t("payout.methodSetAt", { date: date(m().setAt, "dateTime") })}</span>
          </div>
        )}
      </Show>
      <Show when={s().pausedUntil}>
        {(until) => (
          <div class="notice notice-warn" role="status" data-testid="payout-paused">
            {t("payout.paused")}
            <br />
            {t("payout.pausedUntil", { date: date(until(), "dateTime") })}
          </div>
        )}
      </Show>
      <Show
        when={open()}
        fallback={
          <button type="button" class="btn btn-secondary" onClick={() => setEditing(true)} data-testid="payout-method-change">
            {t("payout.changeMethod")}
          </button>
        }
      >
        <form ref={form.ref} class="form" novalidate onSubmit={submit} data-testid="payout-method-form">
          <Show when={s().method}>
            <p class="notice notice-warn">{t("payout.changeWarning")}</p>
          </Show>
          <TextField
            label={t("payout.account")}
            hint={t("payout.accountHint")}
            form={form}
            name="account"
            autocomplete="off"
            spellcheck={false}
            maxLength={100}
            value={account}
            setValue={setAccount}
            data-testid="payout-account"
          />
          <TextField
            label={t("payout.name")}
            hint={t("payout.nameHint")}
            form={form}
            name="name"
            autocomplete="name"
            maxLength={40}
            value={name}
            setValue={setName}
            data-testid="payout-name"
          />
          <PasswordField
            label={t("payout.password")}
            hint={t("payout.passwordHint")}
            form={form}
            name="password"
            autocomplete="current-password"
            value={password}
            setValue={setPassword}
            testid="payout-password"
          />
          <FormError message={form.formError()} />
          <button type="submit" class="btn btn-primary btn-block" disabled={form.submitting()} data-testid="payout-method-save">
            {form.submitting() ? t("common.saving") : t("payout.saveMethod")}
          </button>
        </form>
      </Show>
    </Card>
  );
}

/** The smallest amount worth a transfer: below it the balance waits for the next run. */
export function MinimumCard(props: { settings: PayoutSettings; onSaved: Saved }) {
  const [value, setValue] = createSignal("");
  const form = createPayoutForm(["minimumFen"] as const);
  let checked = 0;
  const submit = (e: SubmitEvent) =>
    form.submit(
      e,
      () => {
        const c = checkMinimum(value());
        if (!c.ok) return { minimumFen: c.problem };
        checked = c.value;
        return {};
      },
      async () => {
        const next = await form.call(() => api.payout.setMinimum.mutate({ payeeID: props.settings.payeeID, minimumFen: checked }));
        setValue("");
        props.onSaved(next);
        notify(() => t("payout.minimumDone", { amount: money(next.minimumFen) }));
      },
    );
  return (
    <Card title={t("payout.minimum")} testid="payout-minimum">
      <p data-testid="payout-minimum-current" data-fen={props.settings.minimumFen}>
        {t("payout.minimumCurrent", { amount: money(props.settings.minimumFen) })}
      </p>
      <form ref={form.ref} class="form" novalidate onSubmit={submit}>
        <TextField
          label={t("payout.minimumField")}
          hint={t("payout.minimumHint")}
          form={form}
          name="minimumFen"
          inputmode="decimal"
          autocomplete="off"
          maxLength={12}
          placeholder={yuanInput(props.settings.minimumFen)}
          value={value}
          setValue={setValue}
          data-testid="payout-minimum-input"
        />
        <FormError message={form.formError()} />
        <button type="submit" class="btn btn-secondary btn-block" disabled={form.submitting()} data-testid="payout-minimum-save">
          {form.submitting() ? t("common.saving") : t("payout.saveMinimum")}
        </button>
      </form>
    </Card>
  );
}
