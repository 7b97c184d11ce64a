import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { Booking, Terms } from "../api/types";
import { TextAreaField } from "../components/field";
import { createForm } from "../components/form";
import { notify } from "../components/toast";
import { Card, FormError } from "../components/ui";
import { t } from "../i18n";
import { TermsText } from "./bits";
import { CANCEL_CUTOFF_HOURS, type Side } from "./calendar";
import { TermsForm } from "./terms-form";

type Done = (next: Booking) => void;

/** New terms pending (accept them, or wait for the other side), and proposing new ones. */
export function TermsChange(props: { booking: Booking; side: Side; canPropose: boolean; canAccept: boolean; waiting: boolean; onDone: Done }) {
  const [proposing, setProposing] = createSignal(false);
  const form = createForm<never>([]);
  const current = () => props.booking.contracts[props.booking.contracts.length - 1];

  async function propose(terms: Terms) {
    const next = await api.market.proposeTerms.mutate({ bookingID: props.booking.bookingID, terms });
    notify(() => t("booking.proposed"));
    setProposing(false);
    props.onDone(next);
  }

  const accept = () =>
    form.run(
      () => ({}),
      async () => {
        const next = await api.market.acceptTerms.mutate({ bookingID: props.booking.bookingID, version: current()?.version ?? 1 });
        notify(() => t("booking.termsAccepted", { version: next.contracts.length }));
        props.onDone(next);
      },
    );

  return (
    <>
      <Show when={props.booking.proposal}>
        {(p) => (
          <Card title={t("booking.proposal")} testid="booking-proposal">
            <p class="meta">{p().by === props.side ? t("booking.proposalYours") : t("booking.proposalTheirs")}</p>
            <TermsText terms={p().terms} />
            <Show when={props.canAccept}>
              <form ref={form.ref} class="form" novalidate onSubmit={(e) => e.preventDefault()}>
                <FormError message={form.formError()} />
                <button type="button" class="btn btn-primary" disabled={form.submitting()} onClick={accept} data-testid="booking-accept-terms">
                  {form.submitting() ? t("common.saving") : t("booking.acceptTerms")}
                </button>
              </form>
            </Show>
          </Card>
        )}
      </Show>
      <Show when={props.canPropose}>
        <Show
          when={proposing()}
          fallback={
            <button type="button" class="btn btn-secondary" onClick={() => setProposing(true)} data-testid="booking-propose">
              {props.waiting ? t("booking.proposeAgain") : t("booking.propose")}
            </button>
          }
        >
          <Card title={t("booking.propose")}>
            <p class="meta">{t("booking.proposeHint")}</p>
            <TermsForm
              initial={props.booking.proposal?.terms ?? current()?.terms ?? { slotFeeFen: 0, commissionBps: 0, tiers: [] }}
              submitLabel={t("booking.sendProposal")}
              onSubmit={propose}
              onCancel={() => setProposing(false)}
              testid="propose"
            />
          </Card>
        </Show>
      </Show>
    </>
  );
}

/** Cancel with a reason (at least 5 characters), up to 24 hours before the start. */
export function CancelBooking(props: { booking: Booking; onDone: Done }) {
  const [open, setOpen] = createSignal(false);
  const [reason, setReason] = createSignal("");
  const form = createForm(["reason"] as const);
  const cancel = (e: SubmitEvent) =>
    form.submit(
      e,
      () => (reason().trim().length >= 5 ? {} : { reason: "booking.reasonShort" }),
      async () => {
        const next = await api.market.cancel.mutate({ bookingID: props.booking.bookingID, reason: reason().trim() });
        notify(() => t("booking.cancelled"));
        props.onDone(next);
      },
    );
  return (
    <Show
      when={open()}
      fallback={
        <button type="button" class="btn btn-danger-outline" onClick={() => setOpen(true)} data-testid="booking-cancel">
          {t("booking.cancel")}
        </button>
      }
    >
      <Card title={t("booking.cancel")} testid="booking-cancel-card">
        <form ref={form.ref} class="form" novalidate onSubmit={cancel}>
          <p class="meta">{t("booking.cancelHint", { hours: CANCEL_CUTOFF_HOURS })}</p>
          <TextAreaField
            label={t("booking.cancelReason")}
            form={form}
            name="reason"
            rows={2}
            maxLength={500}
            value={reason}
            setValue={setReason}
            data-testid="booking-cancel-reason"
          />
          <FormError message={form.formError()} />
          <div class="button-row">
            <button type="submit" class="btn btn-danger" disabled={form.submitting()} data-testid="booking-cancel-confirm">
              {form.submitting() ? t("common.saving") : t("booking.confirmCancel")}
            </button>
            <button type="button" class="btn btn-ghost" onClick={() => setOpen(false)}>
              {t("market.dismiss")}
            </button>
          </div>
        </form>
      </Card>
    </Show>
  );
}

/** The brand records that the host didn't come (after the start); a second press confirms. */
export function NoShow(props: { booking: Booking; onDone: Done }) {
  const [confirming, setConfirming] = createSignal(false);
  const form = createForm<never>([]);
  const record = () =>
    form.run(
      () => ({}),
      async () => {
        const next = await api.market.noShow.mutate({ bookingID: props.booking.bookingID });
        notify(() => t("booking.noShowRecorded"));
        props.onDone(next);
      },
    );
  return (
    <form ref={form.ref} class="form" novalidate onSubmit={(e) => e.preventDefault()}>
      <FormError message={form.formError()} />
      <Show
        when={confirming()}
        fallback={
          <button type="button" class="btn btn-danger-outline" onClick={() => setConfirming(true)} data-testid="booking-no-show">
            {t("booking.noShow")}
          </button>
        }
      >
        <p class="meta">{t("booking.noShowHint")}</p>
        <div class="button-row">
          <button type="button" class="btn btn-danger" disabled={form.submitting()} onClick={record} data-testid="booking-no-show-confirm">
            {t("booking.confirmNoShow")}
          </button>
          <button type="button" class="btn btn-ghost" onClick={() => setConfirming(false)}>
            {t("market.dismiss")}
          </button>
        </div>
      </Show>
    </form>
  );
}

/** 1–5 stars and a comment, once, after the session. */
export function ReviewForm(props: { booking: Booking; side: Side; onDone: Done }) {
  const [stars, setStars] = createSignal(0);
  const [comment, setComment] = createSignal("");
  const form = createForm(["stars", "comment"] as const);
  const submit = (e: SubmitEvent) =>
    form.submit(
      e,
      () => (stars() >= 1 ? {} : { stars: "fieldHint.stars" }),
      async () => {
        const next = await api.market.review.mutate({ bookingID: props.booking.bookingID, stars: stars(), comment: comment().trim() });
        notify(() => t("booking.reviewed"));
        props.onDone(next);
      },
    );
  return (
    <Card title={props.side === "brand" ? t("booking.reviewHost") : t("booking.reviewBrand")} testid="booking-review">
      <form ref={form.ref} class="form" novalidate onSubmit={submit}>
        <fieldset class="stars" aria-invalid={Boolean(form.fieldError("stars"))} data-testid="review-stars">
          <legend class="sr-only">{t("booking.stars")}</legend>
          <For each={[1, 2, 3, 4, 5]}>
            {(n) => (
              <label classList={{ "star-on": n <= stars() }}>
                <input
                  type="radio"
                  name="stars"
                  value={n}
                  checked={stars() === n}
                  onChange={() => {
                    setStars(n);
                    form.touch("stars");
                  }}
                  aria-label={t("booking.starsN", { n })}
                />
                <span aria-hidden="true">★</span>
              </label>
            )}
          </For>
        </fieldset>
        <Show when={form.fieldError("stars")}>{(m) => <p class="field-error">{m()}</p>}</Show>
        <TextAreaField
          label={t("booking.comment")}
          optional
          form={form}
          name="comment"
          rows={3}
          maxLength={1000}
          value={comment}
          setValue={setComment}
          data-testid="review-comment"
        />
        <FormError message={form.formError()} />
        <button type="submit" class="btn btn-primary" disabled={form.submitting()} data-testid="review-submit">
          {form.submitting() ? t("common.saving") : t("booking.sendReview")}
        </button>
      </form>
    </Card>
  );
}
