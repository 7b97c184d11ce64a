import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { api } from "../api/client";
import type { Offer } from "../api/types";
import { createPaged, LoadMore } from "../components/async";
import { EmptyState, LoadError, Loading } from "../components/ui";
import { t } from "../i18n";
import { OfferCard } from "../market/offer-card";
import { offerTurn } from "../market/terms";

const groups = [
  { turn: "yours", title: "offers.yours", testid: "offers-yours" },
  { turn: "theirs", title: "offers.theirs", testid: "offers-theirs" },
  { turn: "closed", title: "offers.closed", testid: "offers-closed" },
] as const;

/** The host's offers inbox: those waiting for their answer first, then those waiting for the brand, then the rest. */
export function OffersPage() {
  const list = createPaged(
    () => true,
    (_, cursor) => api.market.myOffers.query({ cursor }),
  );
  const of = (turn: ReturnType<typeof offerTurn>) => list.items().filter((o) => offerTurn(o, "host") === turn);
  return (
    <div class="page page-narrow" data-testid="offers-page">
      <A href="/?as=learner" class="back-link">
        {t("org.back")}
      </A>
      <header class="page-head page-head-row">
        <h1>{t("offers.title")}</h1>
        <A class="btn btn-secondary btn-small" href="/gigs">
          {t("hostHome.gigs")}
        </A>
      </header>
      <Show when={list.state() !== "error"} fallback={<LoadError error={list.error()} retry={list.reload} />}>
        <Show when={list.state() !== "loading"} fallback={<Loading />}>
          <Show when={list.items().length} fallback={<EmptyState icon="inbox" title={t("offers.empty")} body={t("offers.emptyBody")} />}>
            <div class="stack stack-lg">
              <For each={groups}>
                {(g) => (
                  <Show when={of(g.turn).length}>
                    <section class="stack" data-testid={g.testid}>
                      <h2 class="section-title">{t(g.title)}</h2>
                      <For each={of(g.turn)}>{(o) => <InboxOffer offer={o} onChanged={() => void list.reload()} />}</For>
                    </section>
                  </Show>
                )}
              </For>
              <LoadMore of={list} />
            </div>
          </Show>
        </Show>
      </Show>
    </div>
  );
}

function InboxOffer(props: { offer: Offer; onChanged: () => void }) {
  return (
    <OfferCard
      offer={props.offer}
      side="host"
      onChanged={props.onChanged}
      heading={
        <A class="list-title list-link" href={`/gigs/${props.offer.gigID}`} data-testid="offer-gig">
          {props.offer.gigTitle}
        </A>
      }
    />
  );
}
