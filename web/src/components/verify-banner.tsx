import { A, useLocation } from "@solidjs/router";
import { Show } from "solid-js";
import { t } from "../i18n";
import { profile } from "../session/actions";
import { session } from "../session/session";

/** Until the login is verified the person can learn, but not be invited, listed as a host or paid: say so everywhere. */
export function VerifyBanner() {
  const location = useLocation();
  const shown = () => Boolean(session() && profile() && !profile()?.verifiedAt && location.pathname !== "/verify-login");
  return (
    <Show when={shown()}>
      <div class="notice notice-warn" role="status" data-testid="unverified-banner">
        {t("banner.unverified")} <A href="/verify-login">{t("banner.unverified.action")}</A>
      </div>
    </Show>
  );
}
