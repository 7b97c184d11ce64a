import { createSignal, For, Show } from "solid-js";
import { invitableRoles } from "../api/catalog";
import { api } from "../api/client";
import type { InviteRole, Org, SentInvitation } from "../api/types";
import { date, t } from "../i18n";
import { displayLogin, loginForApi } from "../i18n/format";
import { orgRoleName } from "../i18n/names";
import type { Paged } from "./async";
import { SelectField, TextField } from "./field";
import { createForm, required } from "./form";
import { notify, notifyError } from "./toast";
import { Card, FormError, LoadError, Loading } from "./ui";

export function InviteForm(props: { org: Org; onInvited: () => void }) {
  const roles = () => invitableRoles[props.org.kind];
  const [login, setLogin] = createSignal("");
  const [role, setRole] = createSignal<InviteRole>(roles()[0] ?? "admin");
  const form = createForm(["login", "role"] as const);
  const pickRole = (value: string) => {
    const next = roles().find((r) => r === value);
    if (next) setRole(next);
  };

  async function send() {
    const invited = login();
    await api.org.invite.mutate({ orgID: props.org.orgID, login: invited, role: role() });
    setLogin("");
    notify(() => t("invite.sent", { login: displayLogin(invited.trim()) }));
    props.onInvited();
  }

  return (
    <Card title={t("invite.title")} testid="invite">
      <form ref={form.ref} class="form" novalidate onSubmit={(e) => form.submit(e, () => required({ login: login() }), send)}>
        <FormError message={form.formError()} />
        <TextField
          label={t("field.login")}
          hint={t("invite.hint")}
          form={form}
          name="login"
          value={login}
          setValue={setLogin}
          autocomplete="off"
          autocapitalize="none"
          spellcheck={false}
        />
        <SelectField label={t("invite.role")} form={form} name="role" value={role} setValue={pickRole}>
          <For each={roles()}>{(r) => <option value={r}>{orgRoleName(r)}</option>}</For>
        </SelectField>
        <button type="submit" class="btn btn-primary" disabled={form.submitting()}>
          {form.submitting() ? t("invite.submitting") : t("invite.submit")}
        </button>
      </form>
    </Card>
  );
}

export function SentInvitations(props: { orgID: string; list: Paged<SentInvitation> }) {
  const [busy, setBusy] = createSignal<string | null>(null);

  async function revoke(inv: SentInvitation) {
    setBusy(inv.login);
    try {
      await api.org.revokeInvitation.mutate({ orgID: props.orgID, login: loginForApi(inv.login) });
      props.list.drop((x) => x.login === inv.login);
      notify(() => t("sentInvitations.revoked"));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card title={t("sentInvitations.title")} testid="sent-invitations">
      <Show when={props.list.state() !== "error"} fallback={<LoadError error={props.list.error()} retry={props.list.reload} />}>
        <Show when={props.list.state() !== "loading"} fallback={<Loading />}>
          <Show when={props.list.items().length} fallback={<p class="muted">{t("sentInvitations.empty")}</p>}>
            <ul class="list">
              <For each={props.list.items()}>
                {(inv) => (
                  <li class="list-row">
                    <div class="list-main">
                      <p class="list-title">{displayLogin(inv.login)}</p>
                      <p class="meta">
                        {orgRoleName(inv.role)} · {t("invitations.validUntil", { date: date(inv.expiresAt * 1000) })}
                      </p>
                    </div>
                    <button type="button" class="btn btn-small btn-ghost" disabled={busy() === inv.login} onClick={() => revoke(inv)}>
                      {t("sentInvitations.revoke")}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </Show>
    </Card>
  );
}
