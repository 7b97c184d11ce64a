import { A } from "@solidjs/router";
import { type JSX, Show } from "solid-js";
import { locale, t } from "../i18n";
import { InboxBell } from "../notification/bell";
import { switchLocale } from "../session/actions";
import { session } from "../session/session";
import { Toasts } from "./toast";
import { UserMenu } from "./user-menu";
import { VerifyBanner } from "./verify-banner";

export function Shell(props: { children?: JSX.Element }) {
  const target = () => (locale() === "en" ? "zh-CN" : "en");
  return (
    <>
      <a class="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header class="app-header">
        <div class="app-header-inner">
          <A href="/" class="brand">
            <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
              <rect width="32" height="32" rx="9" fill="currentColor" />
              <circle cx="16" cy="13" r="5" fill="#fff" />
              <rect x="14.5" y="18" width="3" height="7" rx="1.5" fill="#fff" />
              <rect x="10" y="24" width="12" height="2.5" rx="1.25" fill="#fff" />
            </svg>
            <span class="brand-name">{t("app.name")}</span>
            <span class="brand-latin" lang="en">
              zhubo
            </span>
          </A>
          <div class="header-actions">
            <button
              type="button"
              class="lang-switch"
              data-testid="lang-switch"
              lang={target()}
              aria-label={`${t("lang.switchTo")} · ${t("lang.switchLabel")}`}
              onClick={() => switchLocale(target())}
            >
              {t("lang.switchTo")}
            </button>
            <Show
              when={session()}
              fallback={
                <>
                  <A href="/verify" class="header-link" data-testid="header-verify">
                    {t("landing.verify")}
                  </A>
                  <A href="/sign-in" class="btn btn-secondary btn-small" data-testid="header-sign-in">
                    {t("landing.signIn")}
                  </A>
                </>
              }
            >
              <InboxBell />
              <UserMenu />
            </Show>
          </div>
        </div>
      </header>
      <main id="main" tabindex="-1">
        <VerifyBanner />
        {props.children}
      </main>
      <Toasts />
    </>
  );
}
