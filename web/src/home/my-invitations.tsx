import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { MyInvitation } from "../api/types";
import { loaded } from "../components/async";
import { notify, notifyError } from "../components/toast";
import { Card, LoadError } from "../components/ui";
import { date, t } from "../i18n";
import { orgKindName, orgRoleName } from "../i18n/names";
import { reloadMemberships } from "../session/actions";

/** Shown only when someone has invited this person; accepting adds a role (and a tab) at once. */
export function MyInvitations() {
  const [list, { refetch }] = createResource(() => api.invitation.mine.query());
  const [busy, setBusy] = createSignal<string | null>(null);

  async function answer(inv: MyInvitation, accept: boolean) {
    setBusy(inv.orgID);
    try {
      if (accept) {
        await api.invitation.accept.mutate({ orgID: inv.orgID });
        await reloadMemberships();
        notify(() => t("invitations.accepted", { org: inv.orgName }));
      } else {
        await api.invitation.decline.mutate({ orgID: inv.orgID });
        notify(() => t("invitations.declined"));
      }
      await refetch();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <Show when={list.error as unknown}>
        {(e) => (
          <Card title={t("invitations.title")}>
            <LoadError error={e()} retry={refetch} />
          </Card>
        )}
      </Show>
      <Show when={loaded(list)?.length}>
        <Card title={t("invitations.title")} testid="my-invitations" class="card-highlight">
          <ul class="list">
            <For each={loaded(list)}>
              {(inv) => (
                <li class="list-row list-row-wrap">
                  <div class="list-main">
                    <p class="list-title">{t("invitations.from", { org: inv.orgName, role: orgRoleName(inv.role) })}</p>
                    <p class="meta">
                      {orgKindName(inv.kind)} · {t("invitations.validUntil", { date: date(inv.expiresAt * 1000) })}
                    </p>
                  </div>
                  <div class="button-row">
                    <button type="button" class="btn btn-primary btn-small" disabled={busy() === inv.orgID} onClick={() => answer(inv, true)}>
                      {t("invitations.accept")}
                    </button>
                    <button type="button" class="btn btn-ghost btn-small" disabled={busy() === inv.orgID} onClick={() => answer(inv, false)}>
                      {t("invitations.decline")}
                    </button>
                  </div>
                </li>
              )}
            </For>
          </ul>
        </Card>
      </Show>
    </>
  );
}
