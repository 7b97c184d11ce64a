import { For, type JSX } from "solid-js";
import { Icon } from "../components/ui";
import { type MessageKey, t } from "../i18n";

const points: MessageKey[] = ["auth.side.point1", "auth.side.point2", "auth.side.point3"];

/** "/orgs/x" style paths on this site only, so a crafted link can't send people elsewhere after sign-in. */
export function safeNext(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : "/";
}

export function AuthLayout(props: { title: string; subtitle: string; children: JSX.Element; footer: JSX.Element }) {
  return (
    <div class="auth">
      <aside class="auth-hero">
        <p class="auth-hero-title">{t("auth.side.title")}</p>
        <ul class="auth-points">
          <For each={points}>
            {(key) => (
              <li>
                <Icon name="check" />
                <span>{t(key)}</span>
              </li>
            )}
          </For>
        </ul>
      </aside>
      <div class="auth-panel">
        <h1>{props.title}</h1>
        <p class="muted">{props.subtitle}</p>
        {props.children}
        <p class="auth-footer">{props.footer}</p>
      </div>
    </div>
  );
}
