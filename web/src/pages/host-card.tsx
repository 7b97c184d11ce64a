import { A, useParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api } from "../api/client";
import type { PublicHostCard } from "../api/types";
import { Async, loaded } from "../components/async";
import { Avatar, Card, EmptyState, LoadError, Loading } from "../components/ui";
import { locale, money, t } from "../i18n";
import { formatDay } from "../i18n/format";
import { categoryName, cityName } from "../i18n/names";
import { CertList, Chips, marketLanguageName } from "../market/bits";
import { chinaToday } from "../market/calendar";
import { CardEditor } from "../market/card-editor";
import { percent } from "../market/money";
import { ratingText } from "../market/reasons";
import { profile } from "../session/actions";
import { session } from "../session/session";

/** The host's own card: edit it, see the certificates matching reads, open it as brands see it. */
export function HostCardPage() {
  const [card, { refetch }] = createResource(() => api.market.myCard.query({}));
  const hostID = () => session()?.personID;
  return (
    <div class="page page-narrow" data-testid="host-card-page">
      <A href="/?as=learner" class="back-link">
        {t("org.back")}
      </A>
      <header class="page-head page-head-row">
        <div>
          <h1>{t("hostCard.title")}</h1>
          <p class="muted">{t("hostCard.subtitle")}</p>
        </div>
        <Show when={loaded(card)}>
          <A class="btn btn-secondary btn-small" href={`/hosts/${hostID()}`} data-testid="card-public-link">
            {t("hostCard.viewPublic")}
          </A>
        </Show>
      </header>
      <Show when={!card.error} fallback={<LoadError error={card.error} retry={refetch} />}>
        <Show when={card.state === "ready" || card.state === "refreshing"} fallback={<Loading />}>
          <div class="stack">
            <Card title={t("hostCard.certs")} testid="card-certs">
              <CertList certs={loaded(card)?.certs ?? []} empty={loaded(card) ? t("hostCard.noCerts") : t("hostCard.certsAfterSave")} />
              <A class="link-more" href="/certificates">
                {t("hostCard.toCertificates")}
              </A>
            </Card>
            {/* Made once with the card as loaded: a refetch after saving updates the certificates above, not the draft. */}
            <CardEditor card={card.latest ?? null} city={profile()?.city} onSaved={() => void refetch()} />
          </div>
        </Show>
      </Show>
    </div>
  );
}

/** A host's card as brands see it: who, where, what, rates, certificates, track record, hours, clips. */
export function HostPublicPage() {
  const params = useParams<{ hostID: string }>();
  const [card, { refetch }] = createResource(
    () => params.hostID,
    (hostID) => api.market.card.query({ hostID }),
  );
  return (
    <div class="page page-narrow" data-testid="host-public-page">
      <button type="button" class="back-link link-button" onClick={() => (history.length > 1 ? history.back() : location.assign("/"))}>
        {t("common.back")}
      </button>
      <Async of={card} retry={refetch}>
        {(c) => <PublicCard card={c} />}
      </Async>
    </div>
  );
}

function PublicCard(props: { card: PublicHostCard }) {
  const c = () => props.card;
  const showUp = () => (c().sessions > 0 ? Math.floor(((c().sessions - c().noShows) * 100) / c().sessions) : undefined);
  const upcoming = () =>
    c()
      .exceptions.filter((x) => x.date >= chinaToday())
      .sort((a, b) => a.date.localeCompare(b.date));
  const byDay = () => [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, windows: c().weekly.filter((w) => w.day === day) }));
  return (
    <div class="stack">
      <header class="page-head">
        <div class="org-head">
          <Avatar name={c().displayName} />
          <div class="org-title">
            <h1 data-testid="host-name">{c().displayName}</h1>
            <p class="meta">{cityName(c().city)}</p>
          </div>
        </div>
        <Show when={c().headline}>
          <p class="org-desc">{c().headline}</p>
        </Show>
      </header>
      <Card>
        <dl class="facts">
          <div>
            <dt>{t("hostCard.rate")}</dt>
            <dd>{t("hostCard.perHour", { fee: money(c().slotFeePerHourFen, "short") })}</dd>
          </div>
          <div>
            <dt>{t("hostCard.commissionFloor")}</dt>
            <dd>{percent(c().minCommissionBps)}</dd>
          </div>
          <div>
            <dt>{t("hostCard.sessions")}</dt>
            <dd data-testid="host-sessions">{c().sessions}</dd>
          </div>
          <div>
            <dt>{t("hostCard.rating")}</dt>
            <dd>{c().ratingCount ? ratingText(c().ratingSum, c().ratingCount, locale()) : t("hostCard.noRating")}</dd>
          </div>
          <Show when={showUp() !== undefined}>
            <div>
              <dt>{t("hostCard.showUp")}</dt>
              <dd>{showUp()}%</dd>
            </div>
          </Show>
        </dl>
        <Chips items={c().categories.map(categoryName)} label={t("hostCard.categories")} />
        <Chips items={c().languages.map(marketLanguageName)} label={t("hostCard.languages")} />
      </Card>
      <Card title={t("hostCard.heldCerts")}>
        <CertList certs={c().certs} />
      </Card>
      <Card title={t("hostCard.weekly")}>
        <ul class="week week-read">
          <For each={byDay()}>
            {(d) => (
              <li class="week-day">
                <span>{t(`weekday.${d.day as 1 | 2 | 3 | 4 | 5 | 6 | 7}`)}</span>
                <span class="meta">{d.windows.length ? d.windows.map((w) => `${w.from}–${w.to}`).join("，") : t("hostCard.dayOff")}</span>
              </li>
            )}
          </For>
        </ul>
        <Show when={upcoming().length}>
          <h3 class="field-label">{t("hostCard.upcomingExceptions")}</h3>
          <ul class="plain meta" data-testid="host-exceptions">
            <For each={upcoming()}>
              {(x) => (
                <li>
                  {x.from && x.to
                    ? t("hostCard.exceptionHoursOn", { date: formatDay(x.date, locale()), from: x.from, to: x.to })
                    : t("hostCard.exceptionOffOn", { date: formatDay(x.date, locale()) })}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Card>
      <Show when={c().clips.length}>
        <Card title={t("hostCard.clips")}>
          <ul class="list">
            <For each={c().clips}>{(clip) => <li class="list-row">{clip.title}</li>}</For>
          </ul>
        </Card>
      </Show>
      <Show when={!c().certs.length && !c().sessions}>
        <EmptyState icon="users" title={t("hostCard.newHost")} />
      </Show>
    </div>
  );
}
