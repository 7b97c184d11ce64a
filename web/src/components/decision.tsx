import { createSignal } from "solid-js";
import { api } from "../api/client";
import type { Org } from "../api/types";
import { type MessageKey, t } from "../i18n";
import { TextField } from "./field";
import { createForm } from "./form";
import { notify } from "./toast";
import { FormError } from "./ui";

type Verdict = "approve" | "reject";

/**
 * Ops approve or reject something pending (an agency or brand, a certification), with an optional
 * note its owner will see. `decide` calls the API; the toast names `name`.
 */
export function DecisionForm<T>(props: {
  name: string;
  decide: (verdict: Verdict, note: string | undefined) => Promise<T>;
  onDecided: (next: T) => void;
  toast: Record<Verdict, MessageKey>;
  /** Prefix of the test ids (`${prefix}approve`, `${prefix}reject`, `${prefix}note`). */
  testidPrefix?: string;
}) {
  const [note, setNote] = createSignal("");
  const [pressed, setPressed] = createSignal<Verdict | null>(null);
  const form = createForm(["note"] as const);
  const id = (name: string) => `${props.testidPrefix ?? ""}${name}`;

  const decide = (verdict: Verdict) => {
    setPressed(verdict);
    return form.run(
      () => ({}),
      async () => {
        const next = await props.decide(verdict, note().trim() || undefined);
        const name = props.name;
        notify(() => t(props.toast[verdict], { name }));
        props.onDecided(next);
      },
    );
  };

  return (
    <form ref={form.ref} class="decision" novalidate onSubmit={(e) => e.preventDefault()} data-testid={id("decision")}>
      <FormError message={form.formError()} />
      <TextField label={t("ops.note")} form={form} name="note" value={note} setValue={setNote} maxLength={500} data-testid={id("note")} />
      <div class="button-row decision-actions">
        <button type="button" class="btn btn-primary" data-testid={id("approve")} disabled={form.submitting()} onClick={() => decide("approve")}>
          {form.submitting() && pressed() === "approve" ? t("common.loading") : t("ops.approve")}
        </button>
        <button type="button" class="btn btn-danger-outline" data-testid={id("reject")} disabled={form.submitting()} onClick={() => decide("reject")}>
          {form.submitting() && pressed() === "reject" ? t("common.loading") : t("ops.reject")}
        </button>
      </div>
    </form>
  );
}

/** Ops approve or reject a pending agency/brand. */
export function Decision(props: { org: Org; onDecided: (org: Org) => void }) {
  return (
    <DecisionForm
      name={props.org.name}
      decide={(verdict, note) => {
        const input = { orgID: props.org.orgID, note };
        return verdict === "approve" ? api.org.approve.mutate(input) : api.org.reject.mutate(input);
      }}
      onDecided={props.onDecided}
      toast={{ approve: "ops.approved", reject: "ops.rejected" }}
    />
  );
}
