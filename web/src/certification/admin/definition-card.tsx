import { createSignal, For, type JSX, Show } from "solid-js";
import { api } from "../../api/client";
import type { CertDefinition, CertDefinitionStatus } from "../../api/types";
import { TextField } from "../../components/field";
import { createForm } from "../../components/form";
import { notify } from "../../components/toast";
import { Card, FormError } from "../../components/ui";
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
  const [note, setNote] = createSignal("");
  const [pressed, setPressed] = createSignal<"approve" | "reject" | null>(null);
  const form = createForm(["note"] as const);

  const decide = (verdict: "approve" | "reject") => {
    setPressed(verdict);
    return form.run(
      () => ({}),
      async () => {
        const input = { definitionID: props.definition.definitionID, note: note().trim() || undefined };
        const next = verdict === "approve" ? await api.certification.approve.mutate(input) : await api.certification.reject.mutate(input);
        const name = props.definition.name;
        notify(() => t(verdict === "approve" ? "certAdmin.approved" : "certAdmin.rejected", { name }));
        props.onDecided(next);
      },
    );
  };

  return (
    <form ref={form.ref} class="decision" novalidate onSubmit={(e) => e.preventDefault()} data-testid="cert-decision">
      <FormError message={form.formError()} />
      <TextField label={t("ops.note")} form={form} name="note" value={note} setValue={setNote} maxLength={500} data-testid="cert-note" />
      <div class="button-row decision-actions">
        <button type="button" class="btn btn-primary" data-testid="cert-approve" disabled={form.submitting()} onClick={() => decide("approve")}>
          {form.submitting() && pressed() === "approve" ? t("common.loading") : t("ops.approve")}
        </button>
        <button type="button" class="btn btn-danger-outline" data-testid="cert-reject" disabled={form.submitting()} onClick={() => decide("reject")}>
          {form.submitting() && pressed() === "reject" ? t("common.loading") : t("ops.reject")}
        </button>
      </div>
    </form>
  );
}
