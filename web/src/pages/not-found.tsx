import { A } from "@solidjs/router";
import { EmptyState } from "../components/ui";
import { t } from "../i18n";

export function NotFoundPage() {
  return (
    <div class="page">
      <EmptyState icon="inbox" title={t("notFound.title")}>
        <A href="/" class="btn btn-secondary">
          {t("notFound.back")}
        </A>
      </EmptyState>
    </div>
  );
}
