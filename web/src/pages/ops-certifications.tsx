import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { CertDefinition, CertDefinitionStatus } from "../api/types";
import { DefinitionDecision, DefinitionItem } from "../certification/admin/definition-card";
import { PLATFORM_OWNER } from "../certification/admin/definition-draft";
import { DefinitionForm } from "../certification/admin/definition-form";
import { createPaged, LoadMore, loaded } from "../components/async";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { t } from "../i18n";
import { roles } from "../session/actions";

const statuses: readonly CertDefinitionStatus[] = ["pending", "approved", "rejected"];

/** Platform ops: agencies' proposals to decide, the approved and rejected ones, and the platform's own certifications. */
export function OpsCertificationsPage() {
  return (
    <div class="page page-narrow" data-testid="ops-certifications-page">
      <A href="/?as=ops" class="back-link">
        {t("org.back")}
      </A>
      <header class="page-head">
        <h1>{t("certAdmin.opsTitle")}</h1>
        <p class="muted">{t("certAdmin.opsSubtitle")}</p>
      </header>
      <Show when={roles().includes("ops")} fallback={<EmptyState icon="check" title={t("certAdmin.opsOnly")} />}>
        <Definitions />
      </Show>
    </div>
  );
}

function Definitions() {
  const [status, setStatus] = createSignal<CertDefinitionStatus>("pending");
  const [adding, setAdding] = createSignal(false);
  const [changed, setChanged] = createSignal<Record<string, CertDefinition>>({});
  const list = createPaged(status, (s, cursor) => api.certification.listByStatus.query({ status: s, cursor }));
  const [pending, { refetch: recount }] = createResource(async () => {
    const page = await api.certification.listByStatus.query({ status: "pending" });
    return page.cursor ? `${page.items.length}+` : String(page.items.length);
  });
  const current = (d: CertDefinition) => changed()[d.definitionID] ?? d;

  const decided = (d: CertDefinition) => {
    list.drop((x) => x.definitionID === d.definitionID);
    void recount();
  };
  const created = () => {
    setAdding(false);
    if (status() === "approved") void list.reload();
    else setStatus("approved");
  };

  return (
    <div class="stack">
      <Show
        when={adding()}
        fallback={
          <button type="button" class="btn btn-primary btn-block" data-testid="cert-new" onClick={() => setAdding(true)}>
            {t("certAdmin.newPlatform")}
          </button>
        }
      >
        <Card
          title={t("certAdmin.newPlatform")}
          action={
            <button type="button" class="btn btn-ghost btn-small" onClick={() => setAdding(false)}>
              {t("common.close")}
            </button>
          }
        >
          <DefinitionForm ownerID={PLATFORM_OWNER} onSaved={created} />
        </Card>
      </Show>
      <fieldset class="segmented" data-testid="cert-statuses">
        <legend class="sr-only">{t("ops.statuses")}</legend>
        <For each={statuses}>
          {(s) => (
            <button type="button" aria-pressed={status() === s} data-testid={`cert-tab-${s}`} onClick={() => setStatus(s)}>
              {t(`certAdmin.status.${s}`)}
              <Show when={s === "pending" && loaded(pending) !== "0" && loaded(pending)}>
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
      <Show when={list.state() !== "error"} fallback={<LoadError error={list.error()} retry={list.reload} />}>
        <Show when={list.state() !== "loading"} fallback={<Loading />}>
          <Show
            when={list.items().length}
            fallback={<EmptyState icon="check" title={status() === "pending" ? t("certAdmin.emptyPending") : t("ops.emptyOther")} testid="cert-empty" />}
          >
            <ul class="stack plain" data-testid="cert-list">
              <For each={list.items()}>
                {(item) => (
                  <li>
                    <DefinitionItem
                      definition={current(item)}
                      editable={current(item).ownerID === PLATFORM_OWNER}
                      changed={(d) => setChanged((m) => ({ ...m, [d.definitionID]: d }))}
                    >
                      <Show when={current(item).status === "pending"}>
                        <DefinitionDecision definition={current(item)} onDecided={decided} />
                      </Show>
                    </DefinitionItem>
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
