import { For, Show } from "solid-js";
import type { Booking, HostCert, MatchReason, Offer, Terms } from "../api/types";
import { date, locale, type MessageKey, money, t } from "../i18n";
import { categoryName, cityName } from "../i18n/names";
import { isMessageKey } from "../i18n/translate";
import { sessionWhen } from "./calendar";
import { percent } from "./money";
import { isAgainst, reasonText } from "./reasons";
import "./market.css";

export const marketLanguageName = (value: string) => {
  const key = `marketLanguage.${value}`;
  return isMessageKey(key) ? t(key) : value;
};

/** How well a host fits a gig, 0–100, with its meaning for screen readers. */
export function ScoreBadge(props: { score: number }) {
  return (
    <span class="score-badge" classList={{ "score-high": props.score >= 70 }} data-testid="match-score">
      <span aria-hidden="true">{props.score}</span>
      <span class="sr-only">{t("match.scoreLabel", { score: props.score })}</span>
    </span>
  );
}

/** A match's reasons as one compact line; the ones against it are toned down and marked. */
export function ReasonLine(props: { reasons: readonly MatchReason[]; certName?: (definitionID: string) => string | undefined }) {
  return (
    <p class="reasons" data-testid="match-reasons">
      <For each={props.reasons}>
        {(r) => (
          <span class="reason" classList={{ "reason-against": isAgainst(r) }} data-reason={r.code}>
            {reasonText(r, locale(), props.certName)}
          </span>
        )}
      </For>
    </p>
  );
}

/** "坑位费 ¥1,600 · 佣金 15%", plus any higher commission above GMV thresholds. */
export function TermsText(props: { terms: Terms }) {
  return (
    <span class="terms" data-testid="terms">
      {t("terms.summary", { fee: money(props.terms.slotFeeFen, "short"), commission: percent(props.terms.commissionBps) })}
      <For each={props.terms.tiers}>
        {(tier) => <span class="terms-tier">{t("terms.tier", { above: money(tier.aboveFen, "short"), commission: percent(tier.commissionBps) })}</span>}
      </For>
    </span>
  );
}

/** On site (city · venue) or remote. */
export function placeText(x: { mode: string; city?: string; venue?: string }): string {
  if (x.mode !== "onsite") return t("gig.remote");
  return [t("gig.onsite"), cityName(x.city), x.venue].filter(Boolean).join(" · ");
}

export const whenText = (startsAt: string, endsAt: string) => sessionWhen(startsAt, endsAt, locale());

const offerStatus: Record<Offer["status"], { key: MessageKey; tone: string }> = {
  open: { key: "offer.status.open", tone: "info" },
  accepted: { key: "offer.status.accepted", tone: "active" },
  declined: { key: "offer.status.declined", tone: "rejected" },
  withdrawn: { key: "offer.status.withdrawn", tone: "muted" },
};

export function OfferStatusBadge(props: { status: Offer["status"] }) {
  const s = () => offerStatus[props.status] ?? { key: "offer.status.open", tone: "info" };
  return (
    <span class={`badge badge-${s().tone}`} data-testid="offer-status">
      {t(s().key)}
    </span>
  );
}

const bookingStatus: Record<Booking["status"], { key: MessageKey; tone: string }> = {
  booked: { key: "booking.status.booked", tone: "active" },
  completed: { key: "booking.status.completed", tone: "muted" },
  cancelled: { key: "booking.status.cancelled", tone: "rejected" },
  no_show: { key: "booking.status.no_show", tone: "rejected" },
};

export function BookingStatusBadge(props: { status: Booking["status"] }) {
  const s = () => bookingStatus[props.status] ?? { key: "booking.status.booked", tone: "active" };
  return (
    <span class={`badge badge-${s().tone}`} data-testid="booking-status">
      {t(s().key)}
    </span>
  );
}

export function GigStatusBadge(props: { status: "open" | "closed" }) {
  return (
    <span class={`badge ${props.status === "open" ? "badge-active" : "badge-muted"}`} data-testid="gig-status">
      {t(props.status === "open" ? "gig.status.open" : "gig.status.closed")}
    </span>
  );
}

/** A host's certificates as listed on their card: name, level, category, valid until. */
export function CertList(props: { certs: readonly HostCert[]; empty?: string }) {
  return (
    <Show when={props.certs.length} fallback={<p class="meta">{props.empty ?? t("hostCard.noCerts")}</p>}>
      <ul class="list" data-testid="host-certs">
        <For each={props.certs}>
          {(c) => (
            <li class="list-row list-row-wrap">
              <div class="list-main">
                <p class="list-title">{c.name}</p>
                <p class="meta">
                  {[t("certs.level", { level: c.level }), categoryName(c.category), t("certs.expires", { date: date(c.expiresAt) })].join(" · ")}
                </p>
              </div>
              <span class="badge badge-active">{t("certs.status.active")}</span>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

/** Chips for a list of names (categories, languages). */
export function Chips(props: { items: readonly string[]; label: string }) {
  return (
    <ul class="chips" aria-label={props.label}>
      <For each={props.items}>{(x) => <li class="chip">{x}</li>}</For>
    </ul>
  );
}
