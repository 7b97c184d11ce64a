import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { api } from "../api/client";
import { toApiError } from "../api/errors";
import type { CertificateCredential, HeldCertificate } from "../api/types";
import { CertStatusBadge, ExpiryNotice, nationalLevelName, validityLine } from "../certificate/bits";
import { Celebration } from "../certificate/celebration";
import { verifyUrl } from "../certificate/code";
import { saveFile } from "../certificate/download";
import { qrDataUri } from "../certificate/qr";
import { Async } from "../components/async";
import { notify, notifyError } from "../components/toast";
import { Card, EmptyState, FormError } from "../components/ui";
import { date, locale, t } from "../i18n";
import { describeError } from "../i18n/error-text";
import { categoryName } from "../i18n/names";

/** One of the holder's certificates: its facts, the QR code and link to verify it, the signed credential, renewal. */
export function CertificatePage() {
  const params = useParams<{ certificateID: string }>();
  const [mine, { refetch, mutate }] = createResource(() => api.certification.mine.query({}));

  function replace(updated: HeldCertificate) {
    mutate((m) => m && { ...m, certificates: m.certificates.map((c) => (c.certificateID === updated.certificateID ? updated : c)) });
  }

  return (
    <div class="page page-narrow" data-testid="certificate-page">
      <A href="/certificates" class="back-link">
        {t("cert.back")}
      </A>
      <Async of={mine} retry={refetch}>
        {(m) => (
          <Show
            when={m.certificates.find((c) => c.certificateID === params.certificateID)}
            fallback={
              <EmptyState icon="inbox" title={t("cert.notFound")} testid="certificate-not-found">
                <A href="/certificates" class="btn btn-secondary">
                  {t("cert.back")}
                </A>
              </EmptyState>
            }
          >
            {(c) => <CertificateView certificate={c()} onRenewed={replace} />}
          </Show>
        )}
      </Async>
    </div>
  );
}

function CertificateView(props: { certificate: HeldCertificate; onRenewed: (c: HeldCertificate) => void }) {
  const c = () => props.certificate;
  const url = () => verifyUrl(location.origin, c().code);
  const revoked = () => c().status === "revoked";
  return (
    <div class="stack">
      <header class="page-head">
        <div class="cert-head">
          <h1>{c().name}</h1>
          <CertStatusBadge status={c().status} />
        </div>
        <p class="muted">{[t("certs.level", { level: c().level }), categoryName(c().category)].join(" · ")}</p>
        <p class="meta">{validityLine(c())}</p>
      </header>
      <Celebration certificate={c()} />
      <Show when={revoked()}>
        <p class="notice notice-error" role="status" data-testid="revoked-notice">
          {t("cert.revokedNotice", { date: date(c().revokedAt ?? c().expiresAt) })}
        </p>
      </Show>
      <Show when={c().notice && !revoked()}>
        <Renewal certificate={c()} onRenewed={props.onRenewed} />
      </Show>
      <Card>
        <dl class="facts">
          <div>
            <dt>{t("cert.holder")}</dt>
            <dd>{c().holderName}</dd>
          </div>
          <div>
            <dt>{t("cert.issuer")}</dt>
            <dd>{c().creatorName}</dd>
          </div>
          <div class="fact-wide">
            <dt>{t("cert.national")}</dt>
            <dd>{nationalLevelName(c().nationalLevel)}</dd>
          </div>
          <div>
            <dt>{t("cert.issuedAt")}</dt>
            <dd>{date(c().issuedAt)}</dd>
          </div>
          <div>
            <dt>{t("cert.expiresAt")}</dt>
            <dd data-testid="certificate-expires">{date(c().expiresAt)}</dd>
          </div>
          <Show when={c().renewedAt}>
            {(at) => (
              <div>
                <dt>{t("cert.renewedAt")}</dt>
                <dd>{date(at())}</dd>
              </div>
            )}
          </Show>
          <Show when={c().revokedAt}>
            {(at) => (
              <div>
                <dt>{t("cert.revokedAt")}</dt>
                <dd data-testid="certificate-revoked-at">{date(at())}</dd>
              </div>
            )}
          </Show>
          <Show when={c().revokeReason}>
            {(reason) => (
              <div class="fact-wide">
                <dt>{t("cert.revokeReason")}</dt>
                <dd>{reason()}</dd>
              </div>
            )}
          </Show>
          <div class="fact-wide">
            <dt>{t("cert.code")}</dt>
            <dd class="cert-code" data-testid="certificate-code">
              {c().displayCode}
            </dd>
          </div>
        </dl>
        <p class="meta">{c().description}</p>
      </Card>
      <Card title={t("cert.verifyTitle")} testid="certificate-qr">
        <div class="qr">
          <img src={qrDataUri(url())} alt={t("cert.qrAlt", { url: url() })} width="220" height="220" data-testid="verify-qr" />
          <a class="verify-url" href={url()} data-testid="verify-link">
            {url()}
          </a>
          <p class="meta">{t("cert.verifyHint")}</p>
        </div>
      </Card>
      <Show when={!revoked()}>
        <CredentialCard certificateID={c().certificateID} />
      </Show>
    </div>
  );
}

/** The expiry notice with the renew button; a refusal shows why (the API's reason, in the reader's language). */
function Renewal(props: { certificate: HeldCertificate; onRenewed: (c: HeldCertificate) => void }) {
  const [busy, setBusy] = createSignal(false);
  const [refusal, setRefusal] = createSignal<() => string | undefined>();

  async function renew() {
    setBusy(true);
    setRefusal(undefined);
    try {
      const renewed = await api.certification.renew.mutate({ certificateID: props.certificate.certificateID });
      props.onRenewed(renewed);
      notify(() => t("cert.renewed", { date: date(renewed.expiresAt) }));
    } catch (e) {
      const err = toApiError(e);
      const months = props.certificate.renewalWithinMonths;
      setRefusal(() =>
        err.code === "certificate.not_renewable"
          ? () => (locale() === "en" ? err.message : t("cert.renewRefused", { months }))
          : () => describeError(err, locale()).form,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="stack stack-sm" data-testid="renewal">
      <ExpiryNotice certificate={props.certificate} renew={false} />
      <FormError message={refusal()?.()} />
      <button type="button" class="btn btn-primary btn-block" disabled={busy()} onClick={renew} data-testid="renew">
        {busy() ? t("cert.renewing") : t("cert.renew")}
      </button>
    </div>
  );
}

/** The signed Open Badges 3.0 credential: a .jwt download, and its JSON to read. Fetched once, on first use. */
function CredentialCard(props: { certificateID: string }) {
  let pending: Promise<CertificateCredential> | undefined;
  const [busy, setBusy] = createSignal(false);
  const [json, setJson] = createSignal<string>();

  function credential(): Promise<CertificateCredential> {
    pending ??= api.certification.credential.query({ certificateID: props.certificateID }).catch((e: unknown) => {
      pending = undefined;
      throw e;
    });
    return pending;
  }

  async function download() {
    setBusy(true);
    try {
      const { filename, jwt } = await credential();
      saveFile(filename, jwt, "application/jwt");
      notify(() => t("cert.downloaded", { filename }));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  }

  async function showJson(open: boolean) {
    if (!open || json()) return;
    try {
      setJson(JSON.stringify((await credential()).json, null, 2));
    } catch (e) {
      notifyError(e);
    }
  }

  return (
    <Card title={t("cert.credentialTitle")} testid="credential">
      <p class="meta">{t("cert.credentialBody")}</p>
      <button type="button" class="btn btn-secondary btn-block" disabled={busy()} onClick={download} data-testid="download-credential">
        {busy() ? t("cert.downloading") : t("cert.download")}
      </button>
      <details class="fold" onToggle={(e) => void showJson(e.currentTarget.open)}>
        <summary data-testid="view-json">{t("cert.viewJson")}</summary>
        <Show when={json()} fallback={<p class="meta">{t("common.loading")}</p>}>
          <pre class="json-view" data-testid="credential-json" tabindex="0">
            {json()}
          </pre>
        </Show>
      </details>
    </Card>
  );
}
