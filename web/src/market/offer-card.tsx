import { A } from "@solidjs/router";
import { createSignal, For, type JSX, Match, Show, Switch } from "solid-js";
import { api } from "../api/client";
import { toApiError } from "../api/errors";
import type { Offer, Terms } from "../api/types";
import { TextField } from "../components/field";
import { createForm } from "../components/form";
import { notify, notifyError } from "../components/toast";
import { FormError } from "../components/ui";
import { date, t } from "../i18n";
import { OfferStatusBadge, TermsText, whenText } from "./bits";
import type { Side } from "./calendar";
import { offerTurn } from "./terms";
import { TermsForm } from "./terms-form";

/** Codes after which what's on screen is out of date: say so and show the offer as it is now. */
const stale = new Set(["offer.changed", "offer.closed", "gig.closed"]);

/**
 * One offer between a gig and a host, seen from `side`: its status, the terms now on the table
 * and how they got there, and — when it is this side's move — accept, counter or decline; when
 * it is the other side's, withdraw.
 */
export function OfferCard(props: { offer: Offer; side: Side; heading: JSX.Element; onChanged: () => void }) {
  const o = () => props.offer;
  const turn = () => offerTurn(o(), props.side);
  const [countering, setCountering] = createSignal(false);
  const [declining, setDeclining] = createSignal(false);
  const [note, setNote] = createSignal("");
  const [pressed, setPressed] = createSignal<"accept" | "decline" | null>(null);
  const form = createForm(["note"] as const);
  const ref = () => ({ gigID: o().gigID, hostID: o().hostID, round: o().round });

  /** Runs an answer; a stale round reloads the offer instead of showing an error to act on. */
  async function answer(action: () => Promise<unknown>, done: () => string) {
    try {
      await action();
      notify(done);
      props.onChanged();
    } catch (e) {
      const code = toApiError(e).code;
      if (!code || !stale.has(code)) throw e;
      notifyError(e);
      props.onChanged();
    }
  }

  const accept = () => {
    setPressed("accept");
    return form.run(
      () => ({}),
      () =>
        answer(
          () => api.market.accept.mutate(ref()),
          () => t("offer.accepted"),
        ),
    );
  };
  const decline = () => {
    setPressed("decline");
    // Said before the call: once the offer reloads it is closed, whichever side ended it.
    const done = turn() === "theirs" ? "offer.withdrawn" : "offer.declined";
    return form.run(
      () => ({}),
      () =>
        answer(
          () => api.market.decline.mutate({ ...ref(), note: note().trim() || undefined }),
          () => t(done),
        ),
    );
  };
  async function counter(terms: Terms, text: string | undefined) {
    await answer(
      () => api.market.counter.mutate({ ...ref(), terms, note: text }),
      () => t("offer.countered"),
    );
    setCountering(false);
  }

  const byName = (by: Side) => t(by === props.side ? "offer.byYou" : by === "brand" ? "offer.byBrand" : "offer.byHost");

  return (
    <article class="card stack-sm" data-testid="offer-card" data-host={o().hostID} data-gig={o().gigID}>
      <header class="market-head">
        <div class="list-main">{props.heading}</div>
        <OfferStatusBadge status={o().status} />
      </header>
      <p class="meta">{whenText(o().startsAt, o().endsAt)}</p>
      <div>
        <p class="meta">{t("offer.current", { by: byName(o().termsBy) })}</p>
        <TermsText terms={o().terms} />
      </div>
      <details>
        <summary class="meta">{t("offer.history", { count: o().history.length })}</summary>
        <ol class="offer-history" data-testid="offer-history">
          <For each={o().history}>
            {(h) => (
              <li>
                <span class="meta">
                  {byName(h.by)} · {date(h.at, "dateTime")}
                </span>
                <TermsText terms={h.terms} />
                <Show when={h.note}>{(n) => <span class="muted">“{n()}”</span>}</Show>
              </li>
            )}
          </For>
        </ol>
      </details>
      <Switch>
        <Match when={o().status === "accepted" && o().bookingID}>
          {(id) => (
            <A class="btn btn-secondary btn-small" href={`/bookings/${id()}`} data-testid="offer-booking">
              {t("offer.openBooking")}
            </A>
          )}
        </Match>
        <Match when={turn() === "yours"}>
          <p class="turn" data-testid="offer-turn">
            {t("offer.yourTurn")}
          </p>
          <Show
            when={countering()}
            fallback={
              <form ref={form.ref} class="form" novalidate onSubmit={(e) => e.preventDefault()}>
                <Show when={declining()}>
                  <TextField
                    label={t("offer.declineNote")}
                    optional
                    form={form}
                    name="note"
                    value={note}
                    setValue={setNote}
                    maxLength={500}
                    data-testid="offer-decline-note"
                  />
                </Show>
                <FormError message={form.formError()} />
                <div class="button-row">
                  <Show when={!declining()}>
                    <button type="button" class="btn btn-primary" disabled={form.submitting()} onClick={accept} data-testid="offer-accept">
                      {form.submitting() && pressed() === "accept" ? t("common.saving") : t("offer.accept")}
                    </button>
                    <button
                      type="button"
                      class="btn btn-secondary"
                      disabled={form.submitting()}
                      onClick={() => setCountering(true)}
                      data-testid="offer-counter"
                    >
                      {t("offer.counter")}
                    </button>
                  </Show>
                  <button
                    type="button"
                    class="btn btn-danger-outline"
                    disabled={form.submitting()}
                    onClick={() => (declining() ? decline() : setDeclining(true))}
                    data-testid="offer-decline"
                  >
                    {form.submitting() && pressed() === "decline" ? t("common.saving") : declining() ? t("offer.confirmDecline") : t("offer.decline")}
                  </button>
                  <Show when={declining()}>
                    <button type="button" class="btn btn-ghost" onClick={() => setDeclining(false)}>
                      {t("market.dismiss")}
                    </button>
                  </Show>
                </div>
              </form>
            }
          >
            <TermsForm
              initial={o().terms}
              note
              submitLabel={t("offer.sendCounter")}
              onSubmit={counter}
              onCancel={() => setCountering(false)}
              testid="counter"
            />
          </Show>
        </Match>
        <Match when={turn() === "theirs"}>
          <p class="meta" data-testid="offer-turn">
            {t("offer.theirTurn")}
          </p>
          <form ref={form.ref} class="form" novalidate onSubmit={(e) => e.preventDefault()}>
            <FormError message={form.formError()} />
            <div class="button-row">
              <button type="button" class="btn btn-ghost btn-small" disabled={form.submitting()} onClick={decline} data-testid="offer-withdraw">
                {form.submitting() ? t("common.saving") : t("offer.withdraw")}
              </button>
            </div>
          </form>
        </Match>
      </Switch>
    </article>
  );
}
