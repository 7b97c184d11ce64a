import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import type { FoundCertificate } from "../api/types";
import { CertificateFacts, FindCertificate, RevokeCertificate } from "../certification/admin/revoke";
import { EmptyState } from "../components/ui";
import { t } from "../i18n";
import { roles } from "../session/actions";

/** Platform ops: find a certificate by its code and revoke it with a reason. */
export function OpsCertificatesPage() {
  const [found, setFound] = createSignal<FoundCertificate>();
  return (
    <div class="page page-narrow" data-testid="ops-certificates-page">
      <A href="/?as=ops" class="back-link">
        {t("org.back")}
      </A>
      <header class="page-head">
        <h1>{t("certAdmin.revokeHeading")}</h1>
        <p class="muted">{t("certAdmin.revokeSubtitle")}</p>
      </header>
      <Show when={roles().includes("ops")} fallback={<EmptyState icon="check" title={t("certAdmin.opsOnly")} />}>
        <div class="stack">
          <FindCertificate onFound={setFound} />
          <Show when={found()} keyed>
            {(c) => (
              <>
                <CertificateFacts certificate={c} />
                <Show when={c.status !== "revoked"}>
                  <RevokeCertificate certificate={c} onRevoked={setFound} />
                </Show>
              </>
            )}
          </Show>
        </div>
      </Show>
    </div>
  );
}
