import { A, useParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api } from "../api/client";
import type { GigForMe, Offer, Terms } from "../api/types";
import { Async, loaded } from "../components/async";
import { notify } from "../components/toast";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { money, t } from "../i18n";
import { placeText, ReasonLine, ScoreBadge, whenText } from "../market/bits";
import { gigEnd } from "../market/calendar";
import { certName } from "../market/certs";
import { GigSummary } from "../market/gig-summary";
import { percent } from "../market/money";
import { OfferCard } from "../market/offer-card";
import { applyTerms } from "../market/terms";
import { TermsForm } from "../market/terms-form";

/** Open gigs that fit the host's card (their categories; their city or remote), best match first. */
export function HostGigsPage() {
  const [card] = createResource(() => api.market.myCard.query({}));
  const [gigs, { refetch }] = createResource(() => api.market.gigsForMe.query({}));
  return (
    <div class="page page-narrow" data-testid="host-gigs-page">
      <A href="/?as=learner" class="back-link">
        {t("org.back")}
      </A>
      <header class="page-head page-head-row">
        <h1>{t("hostGigs.title")}</h1>
        <A class="btn btn-secondary btn-small" href="/offers">
          {t("offers.title")}
        </A>
      </header>
      <Show when={!gigs.error} fallback={<LoadError error={gigs.error} retry={refetch} />}>
        <Show when={loaded(gigs) && card.state !== "pending"} fallback={<Loading />}>
          <Show
            when={loaded(card)}
            fallback={
              <EmptyState icon="users" title={t("hostGigs.noCard")} body={t("hostGigs.noCardBody")} testid="host-gigs-no-card">
                <A class="btn btn-primary" href="/host/card">
                  {t("hostHome.card")}
                </A>
              </EmptyState>
            }
          >
            <Show when={loaded(gigs)?.items.length} fallback={<EmptyState icon="inbox" title={t("hostGigs.empty")} body={t("hostGigs.emptyBody")} />}>
              <ul class="cards plain" data-testid="host-gig-list">
                <For each={loaded(gigs)?.items}>{(item) => <GigForMeLink item={item} />}</For>
              </ul>
            </Show>
          </Show>
        </Show>
      </Show>
    </div>
  );
}

function GigForMeLink(props: { item: GigForMe }) {
  const g = () => props.item.gig;
  return (
    <li>
      <A class="card card-link" href={`/gigs/${g().gigID}`} data-testid="host-gig">
        <span class="market-row">
          <ScoreBadge score={props.item.score} />
          <span class="list-main">
            <span class="meta">{g().brandName}</span>
            <span class="card-link-title">{g().title}</span>
            <span class="meta">{whenText(g().startsAt, gigEnd(g()))}</span>
            <span class="meta">{placeText(g())}</span>
            <span class="meta">{t("gig.moneyLine", { budget: money(g().budgetFen, "short"), commission: percent(g().commissionBps) })}</span>
          </span>
        </span>
        <ReasonLine reasons={props.item.reasons} certName={certName} />
      </A>
    </li>
  );
}

/** First page of the host's offers is 50 of the newest; a few pages find the one for this gig. */
async function myOfferFor(gigID: string): Promise<Offer | null> {
  let cursor: string | null = null;
  for (let i = 0; i < 5; i++) {
    const page: { items: Offer[]; cursor: string | null } = await api.market.myOffers.query({ cursor });
    const found = page.items.find((o) => o.gigID === gigID);
    if (found) return found;
    cursor = page.cursor;
    if (!cursor) break;
  }
  return null;
}

/** An open gig as a host sees it: the facts, and their offer on it or the form to apply with terms. */
export function HostGigPage() {
  const params = useParams<{ gigID: string }>();
  const [gig, { refetch }] = createResource(
    () => params.gigID,
    (gigID) => api.market.viewGig.query({ gigID }),
  );
  const [card] = createResource(() => api.market.myCard.query({}));
  const [offer, { refetch: reloadOffer }] = createResource(() => params.gigID, myOfferFor);

  async function apply(terms: Terms, note: string | undefined) {
    await api.market.applyTo.mutate({ gigID: params.gigID, terms, note });
    notify(() => t("hostGigs.applied"));
    await reloadOffer();
  }

  return (
    <div class="page page-narrow" data-testid="host-gig-page">
      <A href="/gigs" class="back-link">
        {t("hostGigs.back")}
      </A>
      <Async of={gig} retry={refetch}>
        {(g) => (
          <div class="stack">
            <GigSummary gig={g} />
            <Show when={offer.state === "ready" && card.state !== "pending"} fallback={<Loading />}>
              <Show
                when={loaded(offer)}
                fallback={
                  <Show when={g.status === "open"}>
                    <Card title={t("hostGigs.apply")} testid="apply-card">
                      <p class="meta">{t("hostGigs.applyHint")}</p>
                      <TermsForm initial={applyTerms(g, loaded(card))} note submitLabel={t("hostGigs.applySubmit")} onSubmit={apply} testid="apply" />
                    </Card>
                  </Show>
                }
              >
                {(o) => <OfferCard offer={o()} side="host" onChanged={() => void reloadOffer()} heading={<h2>{t("hostGigs.yourOffer")}</h2>} />}
              </Show>
            </Show>
          </div>
        )}
      </Async>
    </div>
  );
}
