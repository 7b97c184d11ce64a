import { createSignal, For, Show } from "solid-js";
import { api } from "../../api/client";
import { toApiError } from "../../api/errors";
import type { FoundCertificate } from "../../api/types";
import { normaliseCode } from "../../certificate/code";
import { TextAreaField, TextField } from "../../components/field";
import { createForm } from "../../components/form";
import { notify, notifyError } from "../../components/toast";
import { Card, FormError } from "../../components/ui";
import { date, t } from "../../i18n";
import { categoryName } from "../../i18n/names";

type Status = FoundCertificate["status"];
const badge: Record<Status, string> = { active: "badge-active", expired: "badge-muted", revoked: "badge-rejected" };

export function CertificateStatusBadge(props: { status: Status }) {
  return (
    <span class={`badge ${badge[props.status]}`} data-testid="certificate-status">
      {t(`certAdmin.certStatus.${props.status}`)}
    </span>
  );
}

/** Ops type a code as people read it out or copy it (grouped, spaced, lower case) and get the whole certificate. */
export function FindCertificate(props: { onFound: (c: FoundCertificate) => void }) {
  const [code, setCode] = createSignal("");
  const form = createForm(["code"] as const);
  return (
    <form
      ref={form.ref}
      class="form"
      novalidate
      data-testid="certificate-find"
      onSubmit={(e) =>
        form.submit(
          e,
          () => (normaliseCode(code()) ? {} : { code: code().trim() ? "certAdmin.codeHint" : "form.required" }),
          async () => props.onFound(await api.certification.find.query({ code: normaliseCode(code()) ?? code() })),
        )
      }
    >
      <TextField
        label={t("certAdmin.code")}
        hint={t("certAdmin.codeExample")}
        form={form}
        name="code"
        value={code}
        setValue={setCode}
        autocomplete="off"
        autocapitalize="characters"
        spellcheck={false}
        maxLength={64}
        data-testid="certificate-code"
      />
      <FormError message={form.formError()} />
      <button type="submit" class="btn btn-primary btn-block" disabled={form.submitting()} data-testid="certificate-find-submit">
        {form.submitting() ? t("common.loading") : t("certAdmin.find")}
      </button>
    </form>
  );
}

/** Everything ops need to recognise a certificate before acting on it. */
export function CertificateFacts(props: { certificate: FoundCertificate }) {
  const c = () => props.certificate;
  const facts = () => [
    { label: t("certAdmin.holder"), value: c().holderName, testid: "certificate-holder" },
    { label: t("certAdmin.certification"), value: `${c().name} · ${t("certAdmin.levelN", { level: c().level })}` },
    { label: t("certAdmin.category"), value: categoryName(c().category) },
    { label: t("certAdmin.issuer"), value: c().creatorName },
    { label: t("certAdmin.issuedAt"), value: date(c().issuedAt) },
    { label: t("certAdmin.expiresAt"), value: date(c().expiresAt) },
    ...(c().revokedAt ? [{ label: t("certAdmin.revokedAt"), value: date(c().revokedAt as string, "dateTime"), testid: "certificate-revoked-at" }] : []),
  ];
  return (
    <Card testid="certificate-found">
      <div class="row-head">
        <div class="list-main">
          <h2 class="list-title">{c().name}</h2>
          <p class="meta cert-code" data-testid="certificate-display-code">
            {c().displayCode}
          </p>
        </div>
        <CertificateStatusBadge status={c().status} />
      </div>
      <p class="meta">{t(`certs.national.${c().nationalLevel}`)}</p>
      <dl class="facts">
        <For each={facts()}>
          {(f) => (
            <div>
              <dt>{f.label}</dt>
              <dd data-testid={f.testid}>{f.value}</dd>
            </div>
          )}
        </For>
      </dl>
      <Show when={c().revokeReason}>
        {(reason) => (
          <p class="notice notice-error" data-testid="certificate-revoke-reason">
            {t("certAdmin.revokedBecause", { reason: reason() })}
          </p>
        )}
      </Show>
    </Card>
  );
}

/**
 * Revoking takes a reason (at least 5 characters, said beside the box) and a second, explicit
 * confirmation: it can't be undone, and the certificate stops counting everywhere at once.
 */
export function RevokeCertificate(props: { certificate: FoundCertificate; onRevoked: (c: FoundCertificate) => void }) {
  const [reason, setReason] = createSignal("");
  const [confirming, setConfirming] = createSignal(false);
  const form = createForm(["reason"] as const);
  let keep: HTMLButtonElement | undefined;
  let trigger: HTMLButtonElement | undefined;

  const check = () => {
    const n = reason().trim().length;
    return n === 0 ? { reason: "form.required" as const } : n < 5 ? { reason: "certAdmin.reasonTooShort" as const } : {};
  };
  const ask = () =>
    form.run(check, async () => {
      setConfirming(true);
      requestAnimationFrame(() => keep?.focus());
    });
  const back = () => {
    setConfirming(false);
    requestAnimationFrame(() => trigger?.focus());
  };
  const revoke = () =>
    form.run(check, async () => {
      const c = props.certificate;
      try {
        const revoked = await api.certification.revoke.mutate({ holderID: c.holderID, certificateID: c.certificateID, reason: reason().trim() });
        const name = c.holderName;
        notify(() => t("certAdmin.revoked", { name }));
        props.onRevoked(revoked);
      } catch (e) {
        // Someone else revoked it meanwhile: say so and show it as it now is.
        if (toApiError(e).code !== "certificate.already_revoked") throw e;
        notifyError(e);
        props.onRevoked(await api.certification.find.query({ code: c.code }));
      } finally {
        setConfirming(false);
      }
    });

  return (
    <Card title={t("certAdmin.revokeTitle")} testid="certificate-revoke">
      <form ref={form.ref} class="form" novalidate onSubmit={(e) => e.preventDefault()}>
        <TextAreaField
          label={t("certAdmin.reason")}
          hint={t("certAdmin.reasonHint")}
          form={form}
          name="reason"
          value={reason}
          setValue={setReason}
          rows={3}
          maxLength={500}
          readOnly={confirming()}
          data-testid="certificate-reason"
        />
        <FormError message={form.formError()} />
        <Show
          when={confirming()}
          fallback={
            <button ref={trigger} type="button" class="btn btn-danger-outline btn-block" data-testid="certificate-revoke-start" onClick={ask}>
              {t("certAdmin.revoke")}
            </button>
          }
        >
          <fieldset class="cancel-ask" data-testid="certificate-revoke-ask">
            <legend>{t("certAdmin.revokeAsk", { name: props.certificate.holderName, certification: props.certificate.name })}</legend>
            <div class="button-row decision-actions">
              <button type="button" class="btn btn-danger" disabled={form.submitting()} onClick={revoke} data-testid="certificate-revoke-confirm">
                {form.submitting() ? t("certAdmin.revoking") : t("certAdmin.revokeYes")}
              </button>
              <button ref={keep} type="button" class="btn btn-secondary" disabled={form.submitting()} onClick={back} data-testid="certificate-revoke-keep">
                {t("certAdmin.revokeKeep")}
              </button>
            </div>
          </fieldset>
        </Show>
      </form>
    </Card>
  );
}
