import { type JSX, Show } from "solid-js";
import { toApiError } from "../api/errors";
import type { OrgStatus } from "../api/types";
import { locale, type MessageKey, t } from "../i18n";
import { describeError } from "../i18n/error-text";

export function Card(props: { title?: string; action?: JSX.Element; children: JSX.Element; testid?: string; class?: string }) {
  return (
    <section class={`card ${props.class ?? ""}`} data-testid={props.testid}>
      <Show when={props.title || props.action}>
        <header class="card-head">
          <Show when={props.title}>
            <h2>{props.title}</h2>
          </Show>
          {props.action}
        </header>
      </Show>
      {props.children}
    </section>
  );
}

export type EmptyIcon = "book" | "inbox" | "users" | "check" | "store";

const icons: Record<EmptyIcon, string> = {
  book: "M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2V5Zm2 14h13M8 7h7",
  inbox: "M3 13l3-8h12l3 8v6H3v-6Zm0 0h5l1 2h6l1-2h5",
  users: "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 10a7 7 0 0 1 14 0M17 11a3 3 0 1 0 0-6M22 21a6 6 0 0 0-4-5.6",
  check: "M4 12l5 5L20 6",
  store: "M3 9l2-5h14l2 5M4 9h16v11H4V9Zm5 11v-6h6v6",
};

export function Icon(props: { name: EmptyIcon }) {
  return (
    <svg
      class="icon"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      stroke-width="1.7"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={icons[props.name]} />
    </svg>
  );
}

export function EmptyState(props: { icon: EmptyIcon; title: string; body?: string; children?: JSX.Element; testid?: string }) {
  return (
    <div class="empty" data-testid={props.testid}>
      <div class="empty-icon">
        <Icon name={props.icon} />
      </div>
      <p class="empty-title">{props.title}</p>
      <Show when={props.body}>
        <p class="empty-body">{props.body}</p>
      </Show>
      {props.children}
    </div>
  );
}

const statusKeys: Record<OrgStatus, MessageKey> = { pending: "orgStatus.pending", active: "orgStatus.active", rejected: "orgStatus.rejected" };

export function StatusBadge(props: { status: OrgStatus }) {
  return (
    <span class={`badge badge-${props.status}`} data-testid="org-status">
      {t(statusKeys[props.status])}
    </span>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {t("common.loading")}
    </p>
  );
}

/** A failed load, described in the current language, with a retry. */
export function LoadError(props: { error: unknown; retry?: () => void }) {
  const text = () => describeError(toApiError(props.error), locale()).form;
  return (
    <div class="notice notice-error" role="alert">
      <span>{text()}</span>
      <Show when={props.retry}>
        <button type="button" class="btn btn-small btn-secondary" onClick={() => props.retry?.()}>
          {t("common.retry")}
        </button>
      </Show>
    </div>
  );
}

export function FormError(props: { message: string | undefined }) {
  return (
    <Show when={props.message}>
      <div class="notice notice-error" role="alert" data-testid="form-error">
        {props.message}
      </div>
    </Show>
  );
}

export function Avatar(props: { name: string | undefined; size?: "sm" | "md" }) {
  return (
    <span class={`avatar avatar-${props.size ?? "md"}`} aria-hidden="true">
      {Array.from(props.name?.trim() || "·")[0]}
    </span>
  );
}
