import { createResource, For, type JSX, Match, Show, Switch } from "solid-js";
import { date, type MessageKey, t } from "../i18n";

/**
 * Served by packages/local's API server only (never by the cloud API, which has no such route):
 * what the local messaging adapter "sent". In the cloud this path returns the app's HTML, not JSON,
 * and the page says it is local-only.
 */
const MESSAGES_PATH = "/__local/messages";

interface SentMessage {
  id: string;
  sentAt: string;
  to: string;
  channel: "email" | "phone";
  template: "verify_login" | "reset_password" | "sign_up_attempt";
  subject: string;
  text: string;
  code: string | null;
}

async function load(): Promise<SentMessage[] | "unavailable"> {
  try {
    const res = await fetch(MESSAGES_PATH, { headers: { accept: "application/json" }, cache: "no-store" });
    if (!res.ok || !res.headers.get("content-type")?.includes("application/json")) return "unavailable";
    return ((await res.json()) as { messages: SentMessage[] }).messages;
  } catch {
    return "unavailable";
  }
}

export function DevMessagesPage(): JSX.Element {
  const [messages, { refetch }] = createResource(load);
  return (
    <div class="page" data-testid="dev-messages">
      <header class="page-head">
        <h1>{t("devMessages.title")}</h1>
        <p class="muted">{t("devMessages.subtitle")}</p>
        <button type="button" class="btn" data-testid="dev-messages-refresh" onClick={() => void refetch()}>
          {t("devMessages.refresh")}
        </button>
      </header>
      <Switch>
        <Match when={messages() === "unavailable"}>
          <p class="notice notice-info" data-testid="dev-messages-unavailable">
            {t("devMessages.unavailable")}
          </p>
        </Match>
        <Match when={Array.isArray(messages()) && (messages() as SentMessage[]).length === 0}>
          <p class="muted" data-testid="dev-messages-empty">
            {t("devMessages.empty")}
          </p>
        </Match>
        <Match when={Array.isArray(messages())}>
          <ul class="stack" aria-live="polite">
            <For each={messages() as SentMessage[]}>
              {(m) => (
                <li class="card" data-testid="dev-message" data-to={m.to} data-template={m.template}>
                  <p>
                    <strong>{m.to}</strong> · {t(`devMessages.template.${m.template}` as MessageKey)} · <span class="muted">{date(m.sentAt, "dateTime")}</span>
                  </p>
                  <Show when={m.code}>
                    <p>
                      {t("devMessages.code")}: <code data-testid="dev-message-code">{m.code}</code>
                    </p>
                  </Show>
                  <p class="muted">{m.text}</p>
                </li>
              )}
            </For>
          </ul>
        </Match>
      </Switch>
    </div>
  );
}
