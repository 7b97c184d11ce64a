import { useSearchParams } from "@solidjs/router";
import { createMemo, Match, Show, Switch } from "solid-js";
import { PANEL_ID, RoleTabs, roleLabels, tabID } from "../components/role-tabs";
import { LearnerHome } from "../home/learner-home";
import { OpsHome } from "../home/ops-home";
import { BrandMemberHome, InstructorHome, OrgAdminHome } from "../home/org-homes";
import { t } from "../i18n";
import { cityName } from "../i18n/names";
import { profile, roles } from "../session/actions";
import type { Role } from "../session/tokens";

/** One section per role; several roles get a tab each, most urgent work first. */
export function HomePage() {
  const [params, setParams] = useSearchParams();
  const active = createMemo<Role>(() => roles().find((r) => r === params.as) ?? roles()[0] ?? "learner");
  const tabbed = () => roles().length > 1;
  const subtitle = () => [cityName(profile()?.city), t(roleLabels[active()])].filter(Boolean).join(" · ");

  return (
    <div class="page">
      <header class="page-head">
        <h1 data-testid="greeting">{profile() ? t("home.greeting", { name: profile()?.displayName ?? "" }) : t("app.name")}</h1>
        <p class="muted">{subtitle()}</p>
      </header>
      <Show when={tabbed()} fallback={<RoleSection role={active()} />}>
        <RoleTabs roles={roles()} active={active()} onSelect={(role) => setParams({ as: role }, { replace: true })} />
        <div id={PANEL_ID} role="tabpanel" aria-labelledby={tabID(active())}>
          <RoleSection role={active()} />
        </div>
      </Show>
    </div>
  );
}

function RoleSection(props: { role: Role }) {
  return (
    <Switch>
      <Match when={props.role === "ops"}>
        <OpsHome />
      </Match>
      <Match when={props.role === "agencyAdmin"}>
        <OrgAdminHome kind="agency" />
      </Match>
      <Match when={props.role === "brandAdmin"}>
        <OrgAdminHome kind="brand" />
      </Match>
      <Match when={props.role === "instructor"}>
        <InstructorHome />
      </Match>
      <Match when={props.role === "brandMember"}>
        <BrandMemberHome />
      </Match>
      <Match when={props.role === "learner"}>
        <LearnerHome />
      </Match>
    </Switch>
  );
}
