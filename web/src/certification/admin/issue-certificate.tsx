import { createSignal, For, Match, Switch } from "solid-js";
import { api } from "../../api/client";
import { type ApiError, toApiError } from "../../api/errors";
import type { IssuedCertificate, RosterCertState } from "../../api/types";
import { notify } from "../../components/toast";
import { FormError } from "../../components/ui";
import { locale, t } from "../../i18n";
import { describeError } from "../../i18n/error-text";
import { gapsOf, gapText } from "./requirements";

/**
 * The roster's certificate cell for one learner, from its state: the certificate held (issued or
 * revoked), what is still missing (in words), or — only where the requirements hold — the
 * "issue certificate" button. The API checks again and answers with the certificate, or with
 * what is missing if the evidence changed meanwhile.
 */
export function IssueCertificate(props: { cohortID: string; learnerID: string; learnerName: string; state: RosterCertState; onIssued?: () => void }) {
  const [busy, setBusy] = createSignal(false);
  const [issued, setIssued] = createSignal<IssuedCertificate>();
  const [error, setError] = createSignal<ApiError>();
  const held = () => {
    const s = props.state;
    return s.state === "issued" || s.state === "revoked" ? s : undefined;
  };
  const missing = () => (props.state.state === "missing" ? props.state.missing : undefined);

  async function issue() {
    setBusy(true);
    setError(undefined);
    try {
      const c = await api.certification.issueFor.mutate({ cohortID: props.cohortID, learnerID: props.learnerID });
      setIssued(c);
      props.onIssued?.();
      const name = props.learnerName;
      notify(() => t("certAdmin.issued", { name, code: c.displayCode }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="stack stack-sm" data-testid="issue-certificate" data-state={issued() ? "issued" : props.state.state}>
      <Switch
        fallback={
          <button
            type="button"
            class="btn btn-secondary btn-small"
            disabled={busy()}
            aria-label={t("certAdmin.issueFor", { name: props.learnerName })}
            data-testid="issue-certificate-button"
            onClick={issue}
          >
            {busy() ? t("common.loading") : t("certAdmin.issue")}
          </button>
        }
      >
        <Match when={!issued() && held()}>
          {(c) => (
            <span class="meta" data-testid="issued-certificate">
              <span class={`badge ${c().state === "issued" ? "badge-active" : "badge-muted"}`}>
                {t(`certAdmin.certStatus.${c().state === "issued" ? "active" : "revoked"}`)}
              </span>{" "}
              <span class="cert-code">{c().displayCode}</span>
            </span>
          )}
        </Match>
        <Match when={!issued() && props.state.state === "none"}>
          <p class="meta" data-testid="issue-none">
            {t("certAdmin.issueNone")}
          </p>
        </Match>
        <Match when={!issued() && !error() && missing()}>
          {(m) => (
            <div class="meta" data-testid="issue-missing">
              <p>{t("certAdmin.stillMissing")}</p>
              <ul>
                <For each={gapsOf(m())}>{(g) => <li>{gapText(g, t)}</li>}</For>
              </ul>
            </div>
          )}
        </Match>
        <Match when={issued()}>
          {(c) => (
            <span class="meta" data-testid="issued-certificate">
              <span class={`badge ${c().status === "active" ? "badge-active" : "badge-muted"}`}>{t(`certAdmin.certStatus.${c().status}`)}</span>{" "}
              <span class="cert-code">{c().displayCode}</span>
            </span>
          )}
        </Match>
        <Match when={error()?.code === "certification.none"}>
          <p class="meta" data-testid="issue-none">
            {t("certAdmin.issueNone")}
          </p>
        </Match>
      </Switch>
      <Switch>
        <Match when={error()?.code === "certification.requirements_unmet" && error()}>
          {(e) => (
            <div class="notice notice-warn" role="alert" data-testid="issue-unmet">
              <div>
                <p>{t("certAdmin.issueUnmet", { name: props.learnerName })}</p>
                <ul>
                  <For each={gapsOf(e().fields)}>{(g) => <li>{gapText(g, t)}</li>}</For>
                </ul>
              </div>
            </div>
          )}
        </Match>
        <Match when={error() && error()?.code !== "certification.none" && error()}>{(e) => <FormError message={describeError(e(), locale()).form} />}</Match>
      </Switch>
    </div>
  );
}
