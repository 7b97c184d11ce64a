import { A, useParams } from "@solidjs/router";
import { OrgPanel } from "../components/org-panel";
import { t } from "../i18n";

export function OrgPage() {
  const params = useParams<{ orgID: string }>();
  return (
    <div class="page" data-testid="org-page">
      <A href="/" class="back-link">
        {t("org.back")}
      </A>
      <OrgPanel orgID={params.orgID} />
    </div>
  );
}
