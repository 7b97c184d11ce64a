import { createResource, For, Show } from "solid-js";
import { api } from "../api/client";
import { Async } from "../components/async";
import { MembersCard } from "../components/members";
import { OrgPanel } from "../components/org-panel";
import { OrgSummary } from "../components/org-summary";
import { t } from "../i18n";
import { BrandMarketCard } from "../market/home-cards";
import { session } from "../session/session";
import { orgIDsFor, type Role } from "../session/tokens";
import { AgencyCourses } from "./agency-courses";
import { Teaching } from "./teaching";

const orgIDs = (role: Role) => orgIDsFor(session()?.memberships ?? [], role);

/** Agency admins and brand admins: their orgs with review status, members, invitations. */
export function OrgAdminHome(props: { kind: "agency" | "brand" }) {
  return (
    <div class="stack stack-lg" data-testid={`home-${props.kind}-admin`}>
      <For each={orgIDs(props.kind === "agency" ? "agencyAdmin" : "brandAdmin")}>
        {(orgID) => (
          <>
            <Show when={props.kind === "agency"} fallback={<BrandMarketCard orgID={orgID} />}>
              <AgencyCourses orgID={orgID} />
            </Show>
            <OrgPanel orgID={orgID} />
          </>
        )}
      </For>
    </div>
  );
}

function OrgCard(props: { orgID: string; members?: boolean }) {
  const [org, { refetch }] = createResource(
    () => props.orgID,
    (orgID) => api.org.get.query({ orgID }),
  );
  return (
    <Async of={org} retry={refetch}>
      {(o) => (
        <>
          <OrgSummary org={o} />
          <Show when={props.members}>
            <MembersCard orgID={o.orgID} admin={false} />
          </Show>
        </>
      )}
    </Async>
  );
}

export function InstructorHome() {
  return (
    <div class="stack" data-testid="home-instructor">
      <Teaching />
      <h2 class="section-title">{t("instructor.agency")}</h2>
      <For each={orgIDs("instructor")}>{(orgID) => <OrgCard orgID={orgID} />}</For>
    </div>
  );
}

export function BrandMemberHome() {
  return (
    <div class="stack" data-testid="home-brand-member">
      <h2 class="section-title">{t("brandMember.title")}</h2>
      <For each={orgIDs("brandMember")}>
        {(orgID) => (
          <>
            <BrandMarketCard orgID={orgID} />
            <OrgCard orgID={orgID} members />
          </>
        )}
      </For>
    </div>
  );
}
