import { A, useLocation } from "@solidjs/router";
import { createEffect, on, onCleanup, Show } from "solid-js";
import { t } from "../i18n";
import { refreshUnread, unread } from "./inbox";

/** The header's inbox link with the unread badge: refreshed on every navigation and each minute while the tab is visible. */
export function InboxBell() {
  const location = useLocation();
  createEffect(
    on(
      () => location.pathname,
      () => void refreshUnread(),
    ),
  );
  const timer = setInterval(() => {
    if (document.visibilityState === "visible") void refreshUnread();
  }, 60_000);
  onCleanup(() => clearInterval(timer));
  return (
    <A href="/inbox" class="bell" data-testid="inbox-bell" aria-label={unread() ? t("inbox.open", { count: unread() }) : t("inbox.openNone")}>
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path
          d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15a2.5 2.5 0 0 0 5 0"
          fill="none"
          stroke="currentColor"
          stroke-width="1.8"
          stroke-linejoin="round"
        />
      </svg>
      <Show when={unread() > 0}>
        <span class="bell-badge" data-testid="inbox-badge">
          {unread() > 99 ? "99+" : unread()}
        </span>
      </Show>
    </A>
  );
}
