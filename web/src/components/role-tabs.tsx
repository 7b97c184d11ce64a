import { For } from "solid-js";
import { type MessageKey, t } from "../i18n";
import type { Role } from "../session/tokens";

export const roleLabels: Record<Role, MessageKey> = {
  ops: "role.ops",
  agencyAdmin: "role.agencyAdmin",
  brandAdmin: "role.brandAdmin",
  instructor: "role.instructor",
  brandMember: "role.brandMember",
  learner: "role.learner",
};

export const tabID = (role: Role) => `role-tab-${role}`;
export const PANEL_ID = "role-panel";

/** WAI-ARIA tabs: one tab stop, arrow keys move between roles. */
export function RoleTabs(props: { roles: readonly Role[]; active: Role; onSelect: (role: Role) => void }) {
  let list: HTMLDivElement | undefined;
  const move = (e: KeyboardEvent) => {
    const i = props.roles.indexOf(props.active);
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    const target =
      e.key === "Home"
        ? props.roles[0]
        : e.key === "End"
          ? props.roles[props.roles.length - 1]
          : props.roles[(i + step + props.roles.length) % props.roles.length];
    if ((step === 0 && e.key !== "Home" && e.key !== "End") || !target) return;
    e.preventDefault();
    props.onSelect(target);
    list?.querySelector<HTMLElement>(`#${tabID(target)}`)?.focus();
  };
  return (
    <div class="role-tabs" role="tablist" aria-label={t("home.roles")} ref={list} onKeyDown={move}>
      <For each={props.roles}>
        {(role) => (
          <button
            type="button"
            role="tab"
            id={tabID(role)}
            aria-selected={props.active === role}
            aria-controls={PANEL_ID}
            tabindex={props.active === role ? 0 : -1}
            data-testid={`tab-${role}`}
            onClick={() => props.onSelect(role)}
          >
            {t(roleLabels[role])}
          </button>
        )}
      </For>
    </div>
  );
}
