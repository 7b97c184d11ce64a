import { createSignal, Show } from "solid-js";
import { api } from "../api/client";
import { type ApiError, toApiError } from "../api/errors";
import type { Lease } from "../api/types";
import { notify } from "../components/toast";
import { Card } from "../components/ui";
import { locale, t } from "../i18n";
import { describeError } from "../i18n/error-text";
import { slotLabel } from "./format";
import { Readiness } from "./readiness";
import { endTime } from "./slots";

interface Credentials {
  ingestUrl: string;
  streamKey: string;
}

/** Clipboard API where allowed (https, localhost); otherwise the old select-and-copy. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

async function copy(text: string) {
  const ok = await copyText(text).catch(() => false);
  notify(() => t(ok ? "practice.copied" : "practice.copyFailed"), ok ? "ok" : "error");
}

/**
 * A slot that is open now: fetches the ingest URL and stream key on request and keeps them in
 * this component's memory only (never stored, never logged). The key stays masked until shown.
 */
export function GoLive(props: { lease: Lease }) {
  const [creds, setCreds] = createSignal<Credentials | null>(null);
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [shown, setShown] = createSignal(false);

  async function open() {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      const lease = await api.practice.open.mutate({ leaseID: props.lease.leaseID });
      if (lease.ingestUrl && lease.streamKey) setCreds({ ingestUrl: lease.ingestUrl, streamKey: lease.streamKey });
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t("practice.liveTitle")} class="card-highlight go-live" testid="go-live">
      <p>{t("practice.liveIntro", { slot: slotLabel(props.lease, locale()) })}</p>
      <p class="meta" data-testid="go-live-ends">
        {t("practice.endsAt", { time: endTime(props.lease.endsAt) })}
      </p>
      <Show
        when={creds()}
        fallback={
          <>
            <Show when={error()}>
              {(e) => (
                <p class="notice notice-error" role="alert" data-testid="go-live-error">
                  {describeError(e(), locale()).form}
                </p>
              )}
            </Show>
            <button type="button" class="btn btn-primary btn-block" disabled={busy()} onClick={open} data-testid="go-live-open">
              {busy() ? t("practice.opening") : t("practice.goLive")}
            </button>
          </>
        }
      >
        {(c) => (
          <div class="stack stack-sm">
            <fieldset class="secret-field">
              <legend class="field-label">{t("practice.server")}</legend>
              <div class="secret-row">
                <code class="secret" data-testid="ingest-url">
                  {c().ingestUrl}
                </code>
                <button type="button" class="btn btn-secondary btn-small" aria-label={t("practice.copyServer")} onClick={() => copy(c().ingestUrl)}>
                  {t("practice.copy")}
                </button>
              </div>
            </fieldset>
            <fieldset class="secret-field">
              <legend class="field-label">{t("practice.key")}</legend>
              <div class="secret-row">
                <code class="secret" classList={{ "secret-hidden": !shown() }} data-testid="stream-key">
                  {shown() ? c().streamKey : "••••••••••••"}
                </code>
                <button type="button" class="btn btn-ghost btn-small" aria-pressed={shown()} onClick={() => setShown(!shown())} data-testid="stream-key-toggle">
                  {shown() ? t("practice.hide") : t("practice.show")}
                </button>
                <button type="button" class="btn btn-secondary btn-small" aria-label={t("practice.copyKey")} onClick={() => copy(c().streamKey)}>
                  {t("practice.copy")}
                </button>
              </div>
              <p class="field-hint">{t("practice.keySecret")}</p>
            </fieldset>
            <div class="how-to" data-testid="go-live-howto">
              <p class="field-label">{t("practice.howTo")}</p>
              <ul class="how-to-list">
                <li>{t("practice.obs")}</li>
                <li>{t("practice.phone")}</li>
                <li>{t("practice.settings")}</li>
              </ul>
            </div>
            <Readiness leaseID={props.lease.leaseID} />
          </div>
        )}
      </Show>
    </Card>
  );
}
