import { For, type JSX, Show } from "solid-js";
import type { PublicGig } from "../api/types";
import { Card } from "../components/ui";
import { money, t } from "../i18n";
import { categoryName } from "../i18n/names";
import { Chips, GigStatusBadge, marketLanguageName, placeText, whenText } from "./bits";
import { gigEnd } from "./calendar";
import { certLabel } from "./certs";
import { percent } from "./money";

/** A gig's facts, as its brand and hosts both see them. */
export function GigSummary(props: { gig: Omit<PublicGig, "brandRating"> & Partial<Pick<PublicGig, "brandRating">>; children?: JSX.Element }) {
  const g = () => props.gig;
  return (
    <Card testid="gig-summary">
      <header class="market-head">
        <div class="list-main">
          <p class="meta">
            {g().brandName}
            <Show when={g().brandRating?.ratingCount}>
              {(count) => (
                <span data-testid="brand-rating">
                  {" · "}
                  {t("gig.brandRating", { stars: (Math.round(((g().brandRating?.ratingSum ?? 0) * 10) / count()) / 10).toFixed(1), count: count() })}
                </span>
              )}
            </Show>
          </p>
          <h1 data-testid="gig-heading">{g().title}</h1>
        </div>
        <GigStatusBadge status={g().status} />
      </header>
      <dl class="facts">
        <div class="fact-wide">
          <dt>{t("gig.when")}</dt>
          <dd data-testid="gig-when">{whenText(g().startsAt, gigEnd(g()))}</dd>
        </div>
        <div class="fact-wide">
          <dt>{t("gig.where")}</dt>
          <dd>{placeText(g())}</dd>
        </div>
        <div>
          <dt>{t("gig.budget")}</dt>
          <dd>{money(g().budgetFen, "short")}</dd>
        </div>
        <div>
          <dt>{t("gig.commission")}</dt>
          <dd>{percent(g().commissionBps)}</dd>
        </div>
        <div>
          <dt>{t("gig.category")}</dt>
          <dd>{categoryName(g().category)}</dd>
        </div>
        <div>
          <dt>{t("gig.length")}</dt>
          <dd>{t("common.minutes", { count: g().minutes })}</dd>
        </div>
        <Show when={g().requiredCertifications.length}>
          <div class="fact-wide">
            <dt>{t("gig.requires")}</dt>
            <dd>{g().requiredCertifications.map(certLabel).join("，")}</dd>
          </div>
        </Show>
        <Show when={g().languages.length}>
          <div class="fact-wide">
            <dt>{t("gig.languages")}</dt>
            <dd>
              <Chips items={g().languages.map(marketLanguageName)} label={t("gig.languages")} />
            </dd>
          </div>
        </Show>
        <div class="fact-wide">
          <dt>{t("gig.products")}</dt>
          <dd>
            <ul class="plain">
              <For each={g().products}>
                {(p) => (
                  <li>
                    {p.name} · {money(p.priceFen, "short")}
                  </li>
                )}
              </For>
            </ul>
          </dd>
        </div>
      </dl>
      {props.children}
    </Card>
  );
}
