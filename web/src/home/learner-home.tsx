import { A } from "@solidjs/router";
import { CertificateNotices, MyCertificatesCard } from "../certificate/home-card";
import { Icon } from "../components/ui";
import { t } from "../i18n";
import { HostMarketCard } from "../market/home-cards";
import { MyInvitations } from "./my-invitations";
import { MyLearning } from "./my-learning";

export function LearnerHome() {
  return (
    <div class="stack" data-testid="home-learner">
      <MyInvitations />
      <CertificateNotices />
      <MyLearning />
      <MyCertificatesCard />
      <HostMarketCard />
      <section class="card card-cta">
        <div class="cta-icon">
          <Icon name="store" />
        </div>
        <div class="cta-text">
          <h2>{t("registerOrg.title")}</h2>
          <p class="muted">{t("registerOrg.body")}</p>
        </div>
        <A href="/orgs/new" class="btn btn-secondary" data-testid="register-org">
          {t("registerOrg.cta")}
        </A>
      </section>
    </div>
  );
}
