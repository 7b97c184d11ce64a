import { createSignal, For, type JSX, Show } from "solid-js";
import { api } from "../../api/client";
import type { CertDefinition, CertDefinitionStatus } from "../../api/types";
import { DecisionForm } from "../../components/decision";
import { Card } from "../../components/ui";
import { date, t } from "../../i18n";
import { categoryName } from "../../i18n/names";
import { DefinitionForm } from "./definition-form";
import { requirementLines } from "./requirements";

const badge: Record<CertDefinitionStatus, string> = { pending: "badge-pending", approved: "badge-active", rejected: "badge-rejected" };

export function DefinitionStatusBadge(props: { status: CertDefinitionStatus }) {
  return (
    <span class={`badge ${badge[props.status]}`} data-testid="cert-status">
      {t(`certAdmin.status.${props.status}`)}
    </span>
  );
}

/** A definition as ops and agency admins review it: who owns it, what it maps to, what it asks for, how long it lasts. */
export function DefinitionCard(props: { definition: CertDefinition; children?: JSX.Element }) {
  const d = () => props.definition;
  return (
    <Card class="org-card" testid="cert-item">
      <div class="row-head">
        <div class="list-main">
          <h2 class="list-title" data-testid="cert-title">
            {d().name}
          </h2>
          <p class="meta">{[d().ownerName, categoryName(d().category), t("certAdmin.levelN", { level: d().level })].join(" · ")}</p>
        </div>
        <DefinitionStatusBadge status={d().status} />
      </div>
      <p class="meta">{t(`certs.national.${d().nationalLevel}`)}</p>
      <p class="org-desc">{d().description}</p>
      <div>
        <p class="field-label">{t("certAdmin.requirements")}</p>
        <ul class="stack stack-sm" data-testid="cert-requirements">
          <For each={requirementLines(d().requirements, t)}>{(line) => <li>{line}</li>}</For>
        </ul>
      </div>
      <p class="meta">
        {t("certAdmin.validity", { months: d().validityMonths, renew: d().renewalWithinMonths })} · {t("certAdmin.updatedAt", { date: date(d().updatedAt) })}
      </p>
      <Show when={d().decisionNote}>{(note) => <p class="meta">{t("org.decisionNote", { note: note() })}</p>}</Show>
      {props.children}
    </Card>
  );
}

/**
 * One definition in a list, editable in place when `editable` (the form replaces the card's
 * actions). `changed` hands the saved or decided definition back so the list can move it.
 */
export function DefinitionItem(props: { definition: CertDefinition; editable: boolean; changed: (d: CertDefinition) => void; children?: JSX.Element }) {
  const [editing, setEditing] = createSignal(false);
  let edit: HTMLButtonElement | undefined;
  let editor: HTMLDivElement | undefined;
  const open = () => {
    setEditing(true);
    requestAnimationFrame(() => editor?.querySelector<HTMLElement>("input, textarea, select")?.focus());
  };
  const close = () => {
    setEditing(false);
    requestAnimationFrame(() => edit?.focus());
  };
  return (
    <DefinitionCard definition={props.definition}>
      <Show
        when={editing()}
        fallback={
          <>
            {props.children}
            <Show when={props.editable}>
              <div class="button-row">
                <button ref={edit} type="button" class="btn btn-secondary btn-small" data-testid="cert-edit" onClick={open}>
                  {t("certAdmin.edit")}
                </button>
              </div>
            </Show>
          </>
        }
      >
        <div class="decision" ref={editor}>
          <DefinitionForm
            ownerID={props.definition.ownerID}
            definition={props.definition}
            onCancel={close}
            onSaved={(d) => {
              close();
              props.changed(d);
            }}
          />
        </div>
      </Show>
    </DefinitionCard>
  );
}

/** Ops approve or reject a proposal, with an optional note the agency will see. */
export function DefinitionDecision(props: { definition: CertDefinition; onDecided: (d: CertDefinition) => void }) {
  return (
    <DecisionForm
      name={props.definition.name}
      decide={(verdict, note) => {
        const input = { definitionID: props.definition.definitionID, note };
        return verdict === "approve" ? api.certification.approve.mutate(input) : api.certification.reject.mutate(input);
      }}
      onDecided={props.onDecided}
      toast={{ approve: "certAdmin.approved", reject: "certAdmin.rejected" }}
      testidPrefix="cert-"
    />
  );
}
