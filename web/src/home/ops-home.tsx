import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { Org, OrgKind, OrgStatus } from "../api/types";
import { OpsCertificationLinks } from "../certification/admin/ops-links";
import { createPaged, LoadMore, loaded } from "../components/async";
import { Decision } from "../components/decision";
import { OrgSummary } from "../components/org-summary";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { type MessageKey, t } from "../i18n";

const kinds: { kind: OrgKind; label: MessageKey }[] = [
  { kind: "agency", label: "ops.kind.agency" },
  { kind: "brand", label: "ops.kind.brand" },
];
const statuses: { status: OrgStatus; label: MessageKey }[] = [
  { status: "pending", label: "orgStatus.pending" },
  { status: "active", label: "orgStatus.active" },
  { status: "rejected", label: "orgStatus.rejected" },
];

async function pendingCount(kind: OrgKind): Promise<string> {
  const page = await api.org.listByStatus.query({ kind, status: "pending" });
  return page.cursor ? `${page.items.length}+` : String(page.items.length);
}

/** Platform ops: the agencies and brands waiting for approval, oldest decisions one filter away. */
export function OpsHome() {
  const [kind, setKind] = createSignal<OrgKind>("agency");
  const [status, setStatus] = createSignal<OrgStatus>("pending");
  const list = createPaged(
    () => ({ kind: kind(), status: status() }),
    (filter, cursor) => api.org.listByStatus.query({ ...filter, cursor }),
  );
  const [counts, { refetch: recount }] = createResource(async () => {
    const [agency, brand] = await Promise.all([pendingCount("agency"), pendingCount("brand")]);
    return { agency, brand };
  });

  const decided = (org: Org) => {
    list.drop((o) => o.orgID === org.orgID);
    void recount();
  };

  return (
    <div class="stack" data-testid="home-ops">
      <OpsCertificationLinks />
      <Card title={t("ops.title")} testid="ops-queue">
        <fieldset class="segmented">
          <legend class="sr-only">{t("ops.kinds")}</legend>
          <For each={kinds}>
            {(k) => (
              <button type="button" aria-pressed={kind() === k.kind} data-testid={`ops-kind-${k.kind}`} onClick={() => setKind(k.kind)}>
                {t(k.label)}
                <Show when={loaded(counts)?.[k.kind] !== "0" && loaded(counts)?.[k.kind]}>
                  {(n) => (
                    <>
                      <span class="count" aria-hidden="true">
                        {n()}
                      </span>
                      <span class="sr-only">{t("ops.pendingCount", { count: n() })}</span>
                    </>
                  )}
                </Show>
              </button>
            )}
          </For>
        </fieldset>
        <fieldset class="pills">
          <legend class="sr-only">{t("ops.statuses")}</legend>
          <For each={statuses}>
            {(s) => (
              <button
                type="button"
                class="pill"
                aria-pressed={status() === s.status}
                data-testid={`ops-status-${s.status}`}
                onClick={() => setStatus(s.status)}
              >
                {t(s.label)}
              </button>
            )}
          </For>
        </fieldset>
      </Card>
      <Show when={list.state() !== "error"} fallback={<LoadError error={list.error()} retry={list.reload} />}>
        <Show when={list.state() !== "loading"} fallback={<Loading />}>
          <Show
            when={list.items().length}
            fallback={<EmptyState icon="check" title={status() === "pending" ? t("ops.emptyPending") : t("ops.emptyOther")} testid="ops-empty" />}
          >
            <ul class="stack plain" data-testid="ops-list">
              <For each={list.items()}>
                {(org) => (
                  <li data-testid="queue-item">
                    <OrgSummary org={org} link>
                      <Show when={org.status === "pending"}>
                        <Decision org={org} onDecided={decided} />
                      </Show>
                    </OrgSummary>
                  </li>
                )}
              </For>
            </ul>
            <LoadMore of={list} />
          </Show>
        </Show>
      </Show>
    </div>
  );
}
