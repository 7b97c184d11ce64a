import { A } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { Candidate, Gig, Offer, Terms } from "../api/types";
import { createPaged, LoadMore } from "../components/async";
import { notify } from "../components/toast";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { money, t } from "../i18n";
import { cityName } from "../i18n/names";
import { OfferStatusBadge, ReasonLine, ScoreBadge } from "./bits";
import { certName } from "./certs";
import { percent } from "./money";
import { inviteTerms } from "./terms";
import { TermsForm } from "./terms-form";

/**
 * A gig's candidates, best first, 20 a page: score, reasons in words, rate card, and "send offer"
 * with terms prefilled from the host's rate within the gig's budget. Hosts already offered show
 * where that offer stands instead.
 */
export function Candidates(props: { gig: Gig; offers: readonly Offer[]; onInvited: () => void }) {
  const list = createPaged(
    () => props.gig.gigID,
    (gigID, cursor) => api.market.candidates.query({ gigID, cursor }),
  );
  const offerOf = (hostID: string) => props.offers.find((o) => o.hostID === hostID);
  return (
    <Card title={t("candidates.title")} testid="candidates">
      <p class="meta">{t("candidates.hint")}</p>
      <Show when={list.state() !== "error"} fallback={<LoadError error={list.error()} retry={list.reload} />}>
        <Show when={list.state() !== "loading"} fallback={<Loading />}>
          <Show when={list.items().length} fallback={<EmptyState icon="users" title={t("candidates.empty")} body={t("candidates.emptyBody")} />}>
            <ol class="list" data-testid="candidate-list">
              <For each={list.items()}>{(c) => <CandidateRow gig={props.gig} candidate={c} offer={offerOf(c.hostID)} onInvited={props.onInvited} />}</For>
            </ol>
            <LoadMore of={list} />
          </Show>
        </Show>
      </Show>
    </Card>
  );
}

function CandidateRow(props: { gig: Gig; candidate: Candidate; offer?: Offer; onInvited: () => void }) {
  const c = () => props.candidate;
  const [open, setOpen] = createSignal(false);

  async function invite(terms: Terms, note: string | undefined) {
    await api.market.invite.mutate({ gigID: props.gig.gigID, hostID: c().hostID, terms, note });
    notify(() => t("candidates.sent", { name: c().displayName }));
    setOpen(false);
    props.onInvited();
  }

  return (
    <li class="list-row list-row-wrap" data-testid="candidate" data-host={c().hostID}>
      <div class="market-row full-width">
        <ScoreBadge score={c().score} />
        <div class="list-main">
          <A class="list-title list-link" href={`/hosts/${c().hostID}`} data-testid="candidate-name">
            {c().displayName}
          </A>
          <p class="meta">
            {[
              cityName(c().city),
              t("hostCard.perHour", { fee: money(c().slotFeePerHourFen, "short") }),
              t("candidates.minCommission", { min: percent(c().minCommissionBps) }),
            ].join(" · ")}
          </p>
          <ReasonLine reasons={c().reasons} certName={certName} />
        </div>
        <Show when={props.offer}>{(o) => <OfferStatusBadge status={o().status} />}</Show>
      </div>
      <Show when={!props.offer && props.gig.status === "open"}>
        <Show
          when={open()}
          fallback={
            <button type="button" class="btn btn-secondary btn-small" onClick={() => setOpen(true)} data-testid="candidate-offer">
              {t("candidates.offer")}
            </button>
          }
        >
          <div class="full-width">
            <TermsForm
              initial={inviteTerms(props.gig, c())}
              note
              submitLabel={t("candidates.send")}
              onSubmit={invite}
              onCancel={() => setOpen(false)}
              testid="invite"
            />
          </div>
        </Show>
      </Show>
    </li>
  );
}
