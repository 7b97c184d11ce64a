import { A, useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { toApiError } from "../api/errors";
import { publicApi } from "../api/public-client";
import type { CredentialCheck } from "../api/types";
import { PublicCertificateCard } from "../certificate/bits";
import { displayCode, normaliseCode } from "../certificate/code";
import { credentialText, looksLikeCredential, MAX_CREDENTIAL_CHARS } from "../certificate/credential";
import { loaded } from "../components/async";
import { Field } from "../components/field";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { date, locale, type MessageKey, t } from "../i18n";
import { describeError } from "../i18n/error-text";

/*
 * Public pages: they work signed out in a fresh browser (the shell needs no session) and call the
 * API only through publicApi, which never sends a token.
 */

/** Anyone checks a certificate: by its code (typed, or from the QR link) or by the signed credential file. */
export function VerifyPage() {
  return (
    <div class="page page-narrow" data-testid="verify-page">
      <header class="page-head">
        <h1>{t("verify.title")}</h1>
        <p class="muted">{t("verify.subtitle")}</p>
      </header>
      <div class="stack">
        <CodeForm />
        <CredentialForm />
      </div>
    </div>
  );
}

function CodeForm() {
  const navigate = useNavigate();
  const [value, setValue] = createSignal("");
  const [invalid, setInvalid] = createSignal(false);
  return (
    <Card>
      <form
        class="code-form"
        novalidate
        data-testid="verify-code-form"
        onSubmit={(e) => {
          e.preventDefault();
          const code = normaliseCode(value());
          setInvalid(!code);
          if (code) navigate(`/verify/${code}`);
        }}
      >
        <Field label={t("verify.codeLabel")} hint={t("verify.codeHint")} error={invalid() ? t("verify.codeInvalid") : undefined}>
          {(control) => (
            <input
              id={control.id}
              type="text"
              inputmode="text"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              maxLength={64}
              placeholder="XXXX-XXXX-XXXX-…"
              aria-describedby={control.describedBy}
              aria-invalid={control.invalid}
              value={value()}
              onInput={(e) => {
                setValue(e.currentTarget.value);
                setInvalid(false);
              }}
              data-testid="verify-code-input"
            />
          )}
        </Field>
        <button type="submit" class="btn btn-primary btn-block" data-testid="verify-code-submit">
          {t("verify.codeSubmit")}
        </button>
      </form>
    </Card>
  );
}

type Outcome = { kind: "empty" } | { kind: "error"; error: unknown } | { kind: "checked"; check: CredentialCheck };
const signatureKeys: Record<CredentialCheck["signature"], MessageKey> = {
  valid: "verify.signature.valid",
  expired: "verify.signature.expired",
  not_yet_valid: "verify.signature.not_yet_valid",
  invalid: "verify.signature.invalid",
  unknown_key: "verify.signature.unknown_key",
  malformed: "verify.signature.malformed",
  not_ours: "verify.signature.not_ours",
  inconsistent: "verify.signature.inconsistent",
};
const statusKeys: Record<CredentialCheck["status"], MessageKey> = {
  active: "verify.credentialStatus.active",
  expired: "verify.credentialStatus.expired",
  revoked: "verify.credentialStatus.revoked",
  unknown: "verify.credentialStatus.unknown",
  unchecked: "verify.credentialStatus.unchecked",
};
/** What the page says without asking the API: not shaped like a credential at all. */
const MALFORMED: CredentialCheck = { valid: false, signature: "malformed", status: "unchecked" };

/** Upload the .jwt (or paste it): the API checks the signature against the platform key and reports the status now. */
function CredentialForm() {
  const [text, setText] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [outcome, setOutcome] = createSignal<Outcome>();

  async function check() {
    const credential = credentialText(text());
    if (!credential) return setOutcome({ kind: "empty" });
    if (!looksLikeCredential(credential)) return setOutcome({ kind: "checked", check: MALFORMED });
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome({ kind: "checked", check: await publicApi.certification.verifyCredential.mutate({ credential }) });
    } catch (error) {
      setOutcome({ kind: "error", error });
    } finally {
      setBusy(false);
    }
  }

  async function pick(file: File | undefined) {
    if (!file) return;
    // A credential is a few kilobytes: don't read a video someone picked by mistake into the page.
    if (file.size > 4 * MAX_CREDENTIAL_CHARS) return setOutcome({ kind: "checked", check: MALFORMED });
    setText(await file.text());
    await check();
  }

  return (
    <Card title={t("verify.fileTitle")} testid="verify-credential">
      <p class="meta">{t("verify.fileBody")}</p>
      <form
        class="form"
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <Field label={t("verify.fileLabel")}>
          {(control) => (
            <input
              id={control.id}
              type="file"
              accept=".jwt,.txt,.json,application/jwt,text/plain,application/json"
              onChange={(e) => void pick(e.currentTarget.files?.[0])}
              data-testid="credential-file"
            />
          )}
        </Field>
        <Field label={t("verify.pasteLabel")}>
          {(control) => (
            <textarea
              id={control.id}
              class="paste-credential"
              rows={4}
              spellcheck={false}
              autocomplete="off"
              value={text()}
              onInput={(e) => setText(e.currentTarget.value)}
              data-testid="credential-text"
            />
          )}
        </Field>
        <button type="submit" class="btn btn-secondary btn-block" disabled={busy()} data-testid="credential-submit">
          {busy() ? t("verify.checking") : t("verify.fileSubmit")}
        </button>
      </form>
      <div aria-live="polite">
        <Show when={outcome()}>{(o) => <CredentialResult outcome={o()} />}</Show>
      </div>
    </Card>
  );
}

function CredentialResult(props: { outcome: Outcome }) {
  const as = <K extends Outcome["kind"]>(kind: K) => {
    const o = props.outcome;
    return o.kind === kind ? (o as Extract<Outcome, { kind: K }>) : undefined;
  };
  return (
    <div class="stack" data-testid="credential-result">
      <Switch>
        <Match when={as("empty")}>
          <p class="notice notice-error">{t("verify.fileEmpty")}</p>
        </Match>
        <Match when={as("error")}>{(o) => <p class="notice notice-error">{describeError(toApiError(o().error), locale()).form}</p>}</Match>
        <Match when={as("checked")}>{(o) => <CredentialVerdicts check={o().check} />}</Match>
      </Switch>
    </div>
  );
}

/**
 * Two verdicts, side by side: the file's signature (genuine, unaltered, within its own dates) and
 * the certificate's status now. Valid only when both hold.
 */
function CredentialVerdicts(props: { check: CredentialCheck }) {
  const c = () => props.check;
  const when = (iso: string | undefined) => (iso ? date(iso) : "");
  const signatureText = () => t(signatureKeys[c().signature], { date: when(c().signature === "not_yet_valid" ? c().fileValidFrom : c().fileValidUntil) });
  const statusText = () => {
    const cert = c().certificate;
    return t(statusKeys[c().status], { date: when(c().status === "revoked" ? (cert?.revokedAt ?? cert?.expiresAt) : cert?.expiresAt) });
  };
  return (
    <>
      <div class={c().valid ? "notice credential-valid" : "notice notice-error"} data-testid={c().valid ? "credential-valid" : "credential-invalid"}>
        <div class="credential-verdict">
          <strong>{c().valid ? `✓ ${t("verify.verdict.valid")}` : `✕ ${t("verify.verdict.invalid")}`}</strong>
          <dl class="credential-verdicts">
            <div>
              <dt>{t("verify.signatureLabel")}</dt>
              <dd data-testid="credential-signature" data-verdict={c().signature}>
                {signatureText()}
              </dd>
            </div>
            <div>
              <dt>{t("verify.statusLabel")}</dt>
              <dd data-testid="credential-status" data-status={c().status}>
                {statusText()}
              </dd>
            </div>
          </dl>
          <Show when={c().valid}>
            <p>{t("verify.validBody", { date: when(c().fileValidUntil) })}</p>
          </Show>
          <Show when={c().signature === "expired" && c().status === "active"}>
            <p data-testid="credential-renewed">{t("verify.fileRenewed")}</p>
          </Show>
        </div>
      </div>
      <Show when={c().certificate}>{(cert) => <PublicCertificateCard certificate={cert()} />}</Show>
    </>
  );
}

/** The public card behind a code (what the QR code opens); an unknown or malformed code gets one plain "not found". */
export function VerifyCodePage() {
  const params = useParams<{ code: string }>();
  const code = () => normaliseCode(params.code ?? "");
  const [found, { refetch }] = createResource(code, (c) => publicApi.certification.verify.query({ code: c }));
  const notFound = () => !code() || toApiError(found.error).code === "certificate.not_found";
  return (
    <div class="page page-narrow" data-testid="verify-code-page">
      <header class="page-head">
        <h1>{t("verify.title")}</h1>
      </header>
      <div class="stack">
        <Switch fallback={<Loading />}>
          <Match when={notFound()}>
            <Card>
              <EmptyState icon="inbox" title={t("verify.notFound")} body={t("verify.notFoundBody")} testid="verify-not-found" />
            </Card>
          </Match>
          <Match when={found.error as unknown}>{(e) => <LoadError error={e()} retry={refetch} />}</Match>
          <Match when={loaded(found)}>{(c) => <PublicCertificateCard certificate={c()} code={displayCode(code() ?? "")} />}</Match>
        </Switch>
        <A href="/verify" class="btn btn-secondary btn-block" data-testid="verify-another">
          {t("verify.another")}
        </A>
      </div>
    </div>
  );
}
