import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { OrgMember } from "../api/types";
import { date, t } from "../i18n";
import { orgRoleName } from "../i18n/names";
import { session } from "../session/session";
import { createPaged, LoadMore } from "./async";
import { notify, notifyError } from "./toast";
import { Avatar, Card, LoadError, Loading } from "./ui";

export function MembersCard(props: { orgID: string; admin: boolean }) {
  const members = createPaged(
    () => props.orgID,
    (orgID, cursor) => api.org.members.query({ orgID, cursor }),
  );
  const [confirming, setConfirming] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const isMe = (m: OrgMember) => m.personID === session()?.personID;

  async function remove(m: OrgMember) {
    if (confirming() !== m.personID) return setConfirming(m.personID);
    setBusy(true);
    try {
      await api.org.removeMember.mutate({ orgID: props.orgID, personID: m.personID });
      members.drop((x) => x.personID === m.personID);
      notify(() => t("members.removed", { name: m.displayName }));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  }

  return (
    <Card title={t("members.title")} testid="members">
      <Show when={members.state() !== "error"} fallback={<LoadError error={members.error()} retry={members.reload} />}>
        <Show when={members.state() !== "loading"} fallback={<Loading />}>
          <ul class="list">
            <For each={members.items()}>
              {(m) => (
                <li class="list-row">
                  <Avatar name={m.displayName} size="sm" />
                  <div class="list-main">
                    <p class="list-title">
                      {m.displayName}
                      <Show when={isMe(m)}>
                        <span class="muted">{t("members.you")}</span>
                      </Show>
                    </p>
                    <p class="meta">
                      {orgRoleName(m.role)} · {t("members.joined", { date: date(m.createdAt) })}
                    </p>
                  </div>
                  <Show when={props.admin && !isMe(m)}>
                    <button
                      type="button"
                      class="btn btn-small"
                      classList={{ "btn-danger": confirming() === m.personID, "btn-ghost": confirming() !== m.personID }}
                      disabled={busy()}
                      onClick={() => remove(m)}
                      onBlur={() => confirming() === m.personID && !busy() && setConfirming(null)}
                    >
                      {confirming() === m.personID ? t("members.confirmRemove") : t("members.remove")}
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
          <LoadMore of={members} />
        </Show>
      </Show>
    </Card>
  );
}
