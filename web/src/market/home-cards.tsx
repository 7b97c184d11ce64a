import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { Card } from "../components/ui";
import { t } from "../i18n";
import { adminBrandIDs } from "./brand";

/**
 * The learner/host home's way into the marketplace: their card, gigs that fit, offers, bookings, earnings, payouts.
 * Links only — the home asks the market API nothing, so its other cards never wait on it.
 */
export function HostMarketCard() {
  return (
    <Card title={t("hostHome.title")} testid="host-market">
      <p class="meta">{t("hostHome.body")}</p>
      <div class="link-list">
        <A class="btn btn-secondary" href="/host/card" data-testid="host-card-link">
          {t("hostHome.card")}
        </A>
        <A class="btn btn-secondary" href="/gigs" data-testid="host-gigs-link">
          {t("hostHome.gigs")}
        </A>
        <A class="btn btn-secondary" href="/offers" data-testid="host-offers-link">
          {t("offers.title")}
        </A>
        <A class="btn btn-secondary" href="/bookings?as=host" data-testid="host-bookings-link">
          {t("hostHome.bookings")}
        </A>
        <A class="btn btn-secondary" href="/earnings" data-testid="host-earnings-link">
          {t("menu.earnings")}
        </A>
        <A class="btn btn-secondary" href="/payouts" data-testid="host-payouts-link">
          {t("menu.payouts")}
        </A>
      </div>
    </Card>
  );
}

/** A brand's way into the marketplace from its home: its gigs, posting one, its bookings, and (for its admins) its wallet. */
export function BrandMarketCard(props: { orgID: string }) {
  return (
    <Card title={t("brandHome.title")} testid="brand-market">
      <p class="meta">{t("brandHome.body")}</p>
      <div class="link-list">
        <A class="btn btn-primary" href={`/brand/gigs/new?brand=${props.orgID}`} data-testid="brand-gig-new-link">
          {t("brandGigs.new")}
        </A>
        <A class="btn btn-secondary" href={`/brand/gigs?brand=${props.orgID}`} data-testid="brand-gigs-link">
          {t("brandGigs.title")}
        </A>
        <A class="btn btn-secondary" href={`/bookings?brand=${props.orgID}`} data-testid="brand-bookings-link">
          {t("bookings.title")}
        </A>
        <Show when={adminBrandIDs().includes(props.orgID)}>
          <A class="btn btn-secondary" href={`/brand/wallet?brand=${props.orgID}`} data-testid="brand-wallet-link">
            {t("menu.wallet")}
          </A>
        </Show>
      </div>
    </Card>
  );
}
