import { A } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { api } from "../../api/client";
import { loaded } from "../../components/async";
import { Card } from "../../components/ui";
import { t } from "../../i18n";

/** On the ops home: the way to certification proposals (with how many wait), to revoking a certificate, to failed event deliveries, to the platform's money and to payout runs. */
export function OpsCertificationLinks() {
  const [pending] = createResource(async () => {
    const page = await api.certification.listByStatus.query({ status: "pending" });
    return page.cursor ? `${page.items.length}+` : String(page.items.length);
  });
  return (
    <Card title={t("certAdmin.opsCard")} testid="ops-certification-links">
      <Show when={loaded(pending) !== undefined && loaded(pending) !== "0" && loaded(pending)}>
        {(n) => <p class="meta">{t("certAdmin.pendingProposals", { count: n() })}</p>}
      </Show>
      <div class="button-row">
        <A href="/ops/certifications" class="btn btn-secondary btn-small" data-testid="ops-certifications-link">
          {t("certAdmin.opsTitle")}
        </A>
        <A href="/ops/certificates" class="btn btn-secondary btn-small" data-testid="ops-certificates-link">
          {t("certAdmin.revokeHeading")}
        </A>
        <A href="/ops/events" class="btn btn-secondary btn-small" data-testid="ops-events-link">
          {t("opsEvents.title")}
        </A>
        <A href="/ops/money" class="btn btn-secondary btn-small" data-testid="ops-money-link">
          {t("opsMoney.title")}
        </A>
        <A href="/ops/payouts" class="btn btn-secondary btn-small" data-testid="ops-payouts-link">
          {t("opsPayouts.title")}
        </A>
      </div>
    </Card>
  );
}
