import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { CertDefinition } from "../api/types";
import { DefinitionItem } from "../certification/admin/definition-card";
import { DefinitionForm } from "../certification/admin/definition-form";
import { createPaged, LoadMore, loaded } from "../components/async";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { t } from "../i18n";
import { session } from "../session/session";
import { orgIDsFor } from "../session/tokens";

/** An agency's admins: the certifications they proposed, where ops' review stands, and a form to propose another. */
export function AgencyCertificationsPage() {
  const params = useParams<{ orgID: string }>();
  const admin = () => orgIDsFor(session()?.memberships ?? [], "agencyAdmin").includes(params.orgID);
  const [org] = createResource(
    () => params.orgID,
    (orgID) => api.org.get.query({ orgID }),
  );
  return (
    <div class="page page-narrow" data-testid="agency-certifications-page">
      <A href="/?as=agencyAdmin" class="back-link">
        {t("org.back")}
      </A>
      <header class="page-head">
        <h1>{loaded(org) ? t("certAdmin.agencyTitleOf", { org: loaded(org)?.name ?? "" }) : t("certAdmin.agencyTitle")}</h1>
        <p class="muted">{t("certAdmin.agencySubtitle")}</p>
      </header>
      <Show when={admin()} fallback={<EmptyState icon="check" title={t("manage.notAdmin")} />}>
        <Proposals agencyID={params.orgID} active={loaded(org)?.status === "active"} known={loaded(org) !== undefined} />
      </Show>
    </div>
  );
}

function Proposals(props: { agencyID: string; active: boolean; known: boolean }) {
  const [adding, setAdding] = createSignal(false);
  const [changed, setChanged] = createSignal<Record<string, CertDefinition>>({});
  const list = createPaged(
    () => props.agencyID,
    (ownerID, cursor) => api.certification.listByOwner.query({ ownerID, cursor }),
  );
  const current = (d: CertDefinition) => changed()[d.definitionID] ?? d;

  return (
    <div class="stack">
      <Show when={props.known && !props.active}>
        <p class="notice notice-info">{t("agencyCourses.waitForApproval")}</p>
      </Show>
      <Show when={props.active}>
        <Show
          when={adding()}
          fallback={
            <button type="button" class="btn btn-primary btn-block" data-testid="cert-new" onClick={() => setAdding(true)}>
              {t("certAdmin.proposeNew")}
            </button>
          }
        >
          <Card
            title={t("certAdmin.proposeNew")}
            action={
              <button type="button" class="btn btn-ghost btn-small" onClick={() => setAdding(false)}>
                {t("common.close")}
              </button>
            }
          >
            <DefinitionForm
              ownerID={props.agencyID}
              onSaved={() => {
                setAdding(false);
                void list.reload();
              }}
            />
          </Card>
        </Show>
      </Show>
      <Show when={list.state() !== "error"} fallback={<LoadError error={list.error()} retry={list.reload} />}>
        <Show when={list.state() !== "loading"} fallback={<Loading />}>
          <Show
            when={list.items().length}
            fallback={<EmptyState icon="check" title={t("certAdmin.agencyEmpty")} body={t("certAdmin.agencyEmptyBody")} testid="cert-empty" />}
          >
            <ul class="stack plain" data-testid="cert-list">
              <For each={list.items()}>
                {(item) => (
                  <li>
                    <DefinitionItem definition={current(item)} editable={props.active} changed={(d) => setChanged((m) => ({ ...m, [d.definitionID]: d }))}>
                      <Show when={current(item).status === "rejected"}>
                        <p class="notice notice-error">{t("certAdmin.rejectedNotice")}</p>
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
