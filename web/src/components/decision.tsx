import { createSignal } from "solid-js";
import { api } from "../api/client";
import type { Org } from "../api/types";
import { t } from "../i18n";
import { TextField } from "./field";
import { createForm } from "./form";
import { notify } from "./toast";
import { FormError } from "./ui";

/** Ops approve or reject a pending agency/brand, with an optional note the applicant will see. */
export function Decision(props: { org: Org; onDecided: (org: Org) => void }) {
  const [note, setNote] = createSignal("");
  const [pressed, setPressed] = createSignal<"approve" | "reject" | null>(null);
  const form = createForm(["note"] as const);

  const decide = (verdict: "approve" | "reject") => {
    setPressed(verdict);
    return form.run(
      () => ({}),
      async () => {
        const input = { orgID: props.org.orgID, note: note().trim() || undefined };
        const next = verdict === "approve" ? await api.org.approve.mutate(input) : await api.org.reject.mutate(input);
        const name = props.org.name;
        notify(() => t(verdict === "approve" ? "ops.approved" : "ops.rejected", { name }));
        props.onDecided(next);
      },
    );
  };

  return (
    <form ref={form.ref} class="decision" novalidate onSubmit={(e) => e.preventDefault()}>
      <FormError message={form.formError()} />
      <TextField label={t("ops.note")} form={form} name="note" value={note} setValue={setNote} maxLength={500} />
      <div class="button-row decision-actions">
        <button type="button" class="btn btn-primary" data-testid="approve" disabled={form.submitting()} onClick={() => decide("approve")}>
          {form.submitting() && pressed() === "approve" ? t("common.loading") : t("ops.approve")}
        </button>
        <button type="button" class="btn btn-danger-outline" data-testid="reject" disabled={form.submitting()} onClick={() => decide("reject")}>
          {form.submitting() && pressed() === "reject" ? t("common.loading") : t("ops.reject")}
        </button>
      </div>
    </form>
  );
}
