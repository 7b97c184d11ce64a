import { A } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { api } from "../api/client";
import { t } from "../i18n";
import { roles } from "../session/actions";
import { session } from "../session/session";
import { Async, createPaged } from "./async";
import { Decision } from "./decision";
import { InviteForm, SentInvitations } from "./invite";
import { MembersCard } from "./members";
import { OrgSummary } from "./org-summary";

/** Everything a person may see and do for one org: admins manage people, ops decide pending applications. */
export function OrgPanel(props: { orgID: string; link?: boolean }) {
  const [org, { refetch, mutate }] = createResource(
    () => props.orgID,
    (orgID) => api.org.get.query({ orgID }),
  );
  const role = () => session()?.memberships.find((m) => m.orgID === props.orgID)?.role;
  const admin = () => role() === "admin";
  const ops = () => roles().includes("ops");
  const invitations = createPaged(
    () => (admin() ? props.orgID : undefined),
    (orgID, cursor) => api.org.invitations.query({ orgID, cursor }),
  );

  return (
    <Async of={org} retry={refetch}>
      {(o) => (
        <div class="org-panel">
          <div class="stack">
            <OrgSummary org={o} admin={admin()} link={props.link}>
              <Show when={ops() && o.status === "pending"}>
                <Decision org={o} onDecided={(next) => mutate(next)} />
              </Show>
              <Show when={o.kind === "agency" && (admin() || ops())}>
                <A class="link-more" href={`/orgs/${o.orgID}/share`} data-testid="agency-share-link">
                  {t("share.link")}
                </A>
              </Show>
              <Show when={o.kind === "agency" && admin()}>
                <A class="link-more" href={`/orgs/${o.orgID}/payouts`} data-testid="agency-payouts-link">
                  {t("menu.agencyPayouts")}
                </A>
              </Show>
              <Show when={admin()}>
                <A class="link-more" href={`/orgs/${o.orgID}/statements`} data-testid="org-statements-link">
                  {t("menu.statements")}
                </A>
              </Show>
            </OrgSummary>
            <Show when={role() !== undefined || ops()}>
              <MembersCard orgID={o.orgID} admin={admin()} />
            </Show>
          </div>
          <Show when={admin()}>
            <div class="stack">
              <InviteForm org={o} onInvited={() => void invitations.reload()} />
              <SentInvitations orgID={o.orgID} list={invitations} />
            </div>
          </Show>
        </div>
      )}
    </Async>
  );
}
