import { A } from "@solidjs/router";
import { For, type JSX, Show } from "solid-js";
import type { Org } from "../api/types";
import { date, t } from "../i18n";
import { categoryName, cityName, orgKindName } from "../i18n/names";
import { Avatar, Card, StatusBadge } from "./ui";

/** An org's identity and review status; `admin` adds what its admins need to know about the review. */
export function OrgSummary(props: { org: Org; admin?: boolean; link?: boolean; children?: JSX.Element }) {
  return (
    <Card class="org-card" testid="org-card">
      <div class="org-head">
        <Avatar name={props.org.name} />
        <div class="org-title">
          <h2 class="org-name">{props.org.name}</h2>
          <p class="meta">
            {orgKindName(props.org.kind)} · {cityName(props.org.city)} · {t("org.appliedAt", { date: date(props.org.createdAt) })}
          </p>
        </div>
        <StatusBadge status={props.org.status} />
      </div>
      <Show when={props.org.description}>
        <p class="org-desc">{props.org.description}</p>
      </Show>
      <Show when={props.org.categories?.length}>
        <ul class="chips" aria-label={t("field.categories")}>
          <For each={props.org.categories}>{(c) => <li class="chip">{categoryName(c)}</li>}</For>
        </ul>
      </Show>
      <Show when={props.admin && props.org.status === "pending"}>
        <p class="notice notice-info">{t("org.pendingNotice")}</p>
      </Show>
      <Show when={props.org.status === "rejected"}>
        <p class="notice notice-error">{t("org.rejectedNotice")}</p>
      </Show>
      <Show when={props.org.decisionNote}>{(note) => <p class="meta">{t("org.decisionNote", { note: note() })}</p>}</Show>
      {props.children}
      <Show when={props.link}>
        <A class="link-more" href={`/orgs/${props.org.orgID}`}>
          {t("org.open")}
        </A>
      </Show>
    </Card>
  );
}
