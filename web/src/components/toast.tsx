import { createSignal, For } from "solid-js";
import { toApiError } from "../api/errors";
import { locale, t } from "../i18n";
import { describeError } from "../i18n/error-text";

interface Toast {
  id: number;
  text: () => string;
  tone: "ok" | "error";
}

const [toasts, setToasts] = createSignal<Toast[]>([]);
let next = 1;

/** Takes a thunk so a message shown before a language switch re-renders in the new language. */
export function notify(text: () => string, tone: Toast["tone"] = "ok"): void {
  const id = next++;
  setToasts((list) => [...list, { id, text, tone }]);
  window.setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), 4000);
}

export function notifyError(e: unknown): void {
  const err = toApiError(e);
  notify(() => describeError(err, locale()).form ?? t("error.generic"), "error");
}

export function Toasts() {
  return (
    <div class="toasts" aria-live="polite" aria-atomic="false">
      <For each={toasts()}>
        {(toast) => (
          <div class="toast" classList={{ "toast-error": toast.tone === "error" }} role="status">
            {toast.text()}
          </div>
        )}
      </For>
    </div>
  );
}
