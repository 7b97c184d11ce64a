import { A, useLocation, useNavigate } from "@solidjs/router";
import { createEffect, createSignal, createUniqueId, on, onCleanup, Show } from "solid-js";
import { t } from "../i18n";
import { displayLogin } from "../i18n/format";
import { profile, roles, signOut } from "../session/actions";
import { session } from "../session/session";
import { orgIDsFor } from "../session/tokens";
import { Avatar } from "./ui";

/** A disclosure (button + panel), closed by Escape, an outside click or navigation. */
export function UserMenu() {
  const [open, setOpen] = createSignal(false);
  const [leaving, setLeaving] = createSignal(false);
  const panelID = createUniqueId();
  const navigate = useNavigate();
  const location = useLocation();
  let root: HTMLDivElement | undefined;
  let button: HTMLButtonElement | undefined;

  const onDocClick = (e: MouseEvent) => {
    if (open() && root && !root.contains(e.target as Node)) setOpen(false);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && open()) {
      setOpen(false);
      button?.focus();
    }
  };
  document.addEventListener("click", onDocClick);
  document.addEventListener("keydown", onKey);
  onCleanup(() => {
    document.removeEventListener("click", onDocClick);
    document.removeEventListener("keydown", onKey);
  });
  createEffect(
    on(
      () => location.pathname + location.search,
      () => setOpen(false),
      { defer: true },
    ),
  );

  const name = () => profile()?.displayName;
  const agencyAdminOf = () => orgIDsFor(session()?.memberships ?? [], "agencyAdmin")[0];
  const brandAdminOf = () => orgIDsFor(session()?.memberships ?? [], "brandAdmin")[0];
  const login = () => {
    const p = profile();
    return p ? displayLogin(p.phone ?? p.email ?? "") : "";
  };

  async function leave() {
    setLeaving(true);
    await signOut();
    setLeaving(false);
    navigate("/sign-in", { replace: true });
  }

  return (
    <div class="menu" ref={root}>
      <button
        ref={button}
        type="button"
        class="menu-button"
        aria-expanded={open()}
        aria-controls={panelID}
        aria-label={t("menu.open")}
        data-testid="user-menu"
        onClick={() => setOpen(!open())}
      >
        <Avatar name={name()} size="sm" />
        <span class="menu-name">{name()}</span>
        <svg class="chevron" viewBox="0 0 20 20" aria-hidden="true">
          <path d="M5 8l5 5 5-5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
      </button>
      <Show when={open()}>
        <div class="menu-panel" id={panelID}>
          <div class="menu-who">
            <strong>{name()}</strong>
            <span>{login()}</span>
          </div>
          <A href="/" class="menu-item" end>
            {t("menu.home")}
          </A>
          <A href="/browse" class="menu-item" data-testid="menu-browse">
            {t("menu.browse")}
          </A>
          <A href="/earnings" class="menu-item" data-testid="menu-earnings">
            {t("menu.earnings")}
          </A>
          <A href="/payouts" class="menu-item" data-testid="menu-payouts">
            {t("menu.payouts")}
          </A>
          <A href="/statements" class="menu-item" data-testid="menu-statements">
            {t("menu.statements")}
          </A>
          <Show when={roles().includes("brandAdmin")}>
            <A href="/brand/wallet" class="menu-item" data-testid="menu-wallet">
              {t("menu.wallet")}
            </A>
          </Show>
          <Show when={brandAdminOf()}>
            {(orgID) => (
              <A href={`/orgs/${orgID()}/statements`} class="menu-item" data-testid="menu-brand-statements">
                {t("menu.brandStatements")}
              </A>
            )}
          </Show>
          <Show when={agencyAdminOf()}>
            {(orgID) => (
              <>
                <A href={`/orgs/${orgID()}/share`} class="menu-item" data-testid="menu-share">
                  {t("menu.share")}
                </A>
                <A href={`/orgs/${orgID()}/payouts`} class="menu-item" data-testid="menu-agency-payouts">
                  {t("menu.agencyPayouts")}
                </A>
                <A href={`/orgs/${orgID()}/statements`} class="menu-item" data-testid="menu-agency-statements">
                  {t("menu.agencyStatements")}
                </A>
              </>
            )}
          </Show>
          <Show when={roles().includes("ops")}>
            <A href="/ops/money" class="menu-item" data-testid="menu-ops-money">
              {t("menu.opsMoney")}
            </A>
            <A href="/ops/payouts" class="menu-item" data-testid="menu-ops-payouts">
              {t("menu.opsPayouts")}
            </A>
          </Show>
          <A href="/orgs/new" class="menu-item">
            {t("menu.registerOrg")}
          </A>
          <button type="button" class="menu-item menu-sign-out" data-testid="sign-out" disabled={leaving()} onClick={leave}>
            {t("menu.signOut")}
          </button>
        </div>
      </Show>
    </div>
  );
}
