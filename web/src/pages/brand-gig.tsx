import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { Gig } from "../api/types";
import { Async, loaded } from "../components/async";
import { notify, notifyError } from "../components/toast";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { t } from "../i18n";
import { Candidates } from "../market/candidates";
import { GigSummary } from "../market/gig-summary";
import { OfferCard } from "../market/offer-card";
import { offerTurn } from "../market/terms";

/** A brand's gig: its facts, ranked candidates to send offers to, and the offers under way. */
export function BrandGigPage() {
  const params = useParams<{ gigID: string }>();
  const [gig, { refetch, mutate }] = createResource(
    () => params.gigID,
    (gigID) => api.market.gig.query({ gigID }),
  );
  return (
    <div class="page page-narrow" data-testid="brand-gig-page">
      <A href={`/brand/gigs${loaded(gig) ? `?brand=${loaded(gig)?.brandID}` : ""}`} class="back-link">
        {t("brandGigs.back")}
      </A>
      <Async of={gig} retry={refetch}>
        {(g) => <GigView gig={() => loaded(gig) ?? g} onClosed={(next) => mutate(next)} />}
      </Async>
    </div>
  );
}

function GigView(props: { gig: () => Gig; onClosed: (gig: Gig) => void }) {
  const g = props.gig;
  const [offers, { refetch }] = createResource(
    () => g().gigID,
    (gigID) => api.market.offersOfGig.query({ gigID }),
  );
  const items = () => [...(loaded(offers)?.items ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const waiting = () => items().filter((o) => offerTurn(o, "brand") === "yours").length;
  const [confirming, setConfirming] = createSignal(false);
  const [closing, setClosing] = createSignal(false);

  async function close() {
    setClosing(true);
    try {
      props.onClosed(await api.market.closeGig.mutate({ gigID: g().gigID }));
      notify(() => t("gigPage.closed"));
      // closing withdrew the offers still under negotiation
      void refetch();
    } catch (e) {
      notifyError(e);
    } finally {
      setClosing(false);
      setConfirming(false);
    }
  }

  return (
    <div class="stack">
      <GigSummary gig={g()}>
        <Show when={g().status === "open"}>
          <div class="button-row">
            <A class="btn btn-secondary btn-small" href={`/brand/gigs/${g().gigID}/edit`} data-testid="gig-edit">
              {t("gigPage.edit")}
            </A>
            <Show
              when={confirming()}
              fallback={
                <button type="button" class="btn btn-danger-outline btn-small" onClick={() => setConfirming(true)} data-testid="gig-close">
                  {t("gigPage.close")}
                </button>
              }
            >
              <button type="button" class="btn btn-danger btn-small" disabled={closing()} onClick={close} data-testid="gig-close-confirm">
                {t("gigPage.confirmClose")}
              </button>
              <button type="button" class="btn btn-ghost btn-small" onClick={() => setConfirming(false)}>
                {t("market.dismiss")}
              </button>
            </Show>
          </div>
        </Show>
      </GigSummary>
      <Card title={t("gigPage.offers")} testid="gig-offers" action={<Show when={waiting()}>{(n) => <span class="count">{n()}</span>}</Show>}>
        <Show when={!offers.error} fallback={<LoadError error={offers.error} retry={refetch} />}>
          <Show when={loaded(offers)} fallback={<Loading />}>
            <Show when={items().length} fallback={<p class="meta">{t("gigPage.noOffers")}</p>}>
              <div class="stack">
                <For each={items()}>
                  {(o) => (
                    <OfferCard
                      offer={o}
                      side="brand"
                      onChanged={() => void refetch()}
                      heading={
                        <A class="list-title list-link" href={`/hosts/${o.hostID}`} data-testid="offer-host">
                          {o.hostName}
                        </A>
                      }
                    />
                  )}
                </For>
              </div>
            </Show>
          </Show>
        </Show>
      </Card>
      <Show when={g().status === "open"} fallback={<EmptyState icon="check" title={t("gigPage.closedBody")} testid="gig-closed" />}>
        <Candidates gig={g()} offers={loaded(offers)?.items ?? []} onInvited={() => void refetch()} />
      </Show>
    </div>
  );
}
