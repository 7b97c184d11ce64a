import { A, useNavigate, useParams, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { Gig } from "../api/types";
import { Async, createPaged, LoadMore, loaded } from "../components/async";
import { EmptyState, LoadError, Loading } from "../components/ui";
import { money, t } from "../i18n";
import { GigStatusBadge, placeText, whenText } from "../market/bits";
import { brandFrom, brandHome, myBrandIDs } from "../market/brand";
import { gigEnd } from "../market/calendar";
import { GigEditor } from "../market/gig-editor";
import { percent } from "../market/money";

/** Switches between the person's brands (or the ones given, e.g. those they administer) when there is more than one. */
export function BrandSwitch(props: { brandID: string; onSelect: (brandID: string) => void; ids?: string[] }) {
  const ids = () => props.ids ?? myBrandIDs();
  const [names] = createResource(
    () => ids(),
    (ids) => Promise.all(ids.map(async (orgID) => ({ orgID, name: (await api.org.get.query({ orgID })).name }))),
  );
  return (
    <Show when={ids().length > 1 && loaded(names)}>
      {(list) => (
        <fieldset class="pills">
          <legend class="sr-only">{t("brandGigs.brands")}</legend>
          <For each={list()}>
            {(b) => (
              <button type="button" class="pill" aria-pressed={props.brandID === b.orgID} onClick={() => props.onSelect(b.orgID)}>
                {b.name}
              </button>
            )}
          </For>
        </fieldset>
      )}
    </Show>
  );
}

/** A brand's gigs, open or closed, newest plans first, with the way to post one. */
export function BrandGigsPage() {
  const [params, setParams] = useSearchParams<{ brand: string }>();
  const brandID = () => brandFrom(params.brand);
  const [status, setStatus] = createSignal<"open" | "closed">("open");
  const list = createPaged(
    () => {
      const id = brandID();
      return id ? { brandID: id, status: status() } : undefined;
    },
    (key, cursor) => api.market.gigsOfBrand.query({ ...key, cursor }),
  );
  const sorted = () => [...list.items()].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <div class="page page-narrow" data-testid="brand-gigs-page">
      <A href={brandHome()} class="back-link">
        {t("org.back")}
      </A>
      <Show when={brandID()} fallback={<EmptyState icon="store" title={t("brandGigs.noBrand")} />}>
        {(id) => (
          <div class="stack">
            <header class="page-head page-head-row">
              <h1>{t("brandGigs.title")}</h1>
              <A class="btn btn-primary btn-small" href={`/brand/gigs/new?brand=${id()}`} data-testid="gig-new">
                {t("brandGigs.new")}
              </A>
            </header>
            <BrandSwitch brandID={id()} onSelect={(b) => setParams({ brand: b }, { replace: true })} />
            <fieldset class="segmented">
              <legend class="sr-only">{t("brandGigs.status")}</legend>
              <button type="button" aria-pressed={status() === "open"} onClick={() => setStatus("open")} data-testid="gigs-open">
                {t("gig.status.open")}
              </button>
              <button type="button" aria-pressed={status() === "closed"} onClick={() => setStatus("closed")} data-testid="gigs-closed">
                {t("gig.status.closed")}
              </button>
            </fieldset>
            <Show when={list.state() !== "error"} fallback={<LoadError error={list.error()} retry={list.reload} />}>
              <Show when={list.state() !== "loading"} fallback={<Loading />}>
                <Show
                  when={sorted().length}
                  fallback={
                    <EmptyState
                      icon="store"
                      title={status() === "open" ? t("brandGigs.emptyOpen") : t("brandGigs.emptyClosed")}
                      body={t("brandGigs.emptyBody")}
                    />
                  }
                >
                  <ul class="cards plain" data-testid="brand-gig-list">
                    <For each={sorted()}>{(g) => <GigLink gig={g} />}</For>
                  </ul>
                  <LoadMore of={list} />
                </Show>
              </Show>
            </Show>
          </div>
        )}
      </Show>
    </div>
  );
}

function GigLink(props: { gig: Gig }) {
  const g = () => props.gig;
  return (
    <li>
      <A class="card card-link" href={`/brand/gigs/${g().gigID}`} data-testid="brand-gig">
        <span class="market-head">
          <span class="card-link-title">{g().title}</span>
          <GigStatusBadge status={g().status} />
        </span>
        <span class="meta">{whenText(g().startsAt, gigEnd(g()))}</span>
        <span class="meta">{placeText(g())}</span>
        <span class="meta">{t("gig.moneyLine", { budget: money(g().budgetFen, "short"), commission: percent(g().commissionBps) })}</span>
      </A>
    </li>
  );
}

export function GigNewPage() {
  const [params] = useSearchParams<{ brand: string }>();
  const navigate = useNavigate();
  const brandID = () => brandFrom(params.brand);
  return (
    <div class="page page-narrow" data-testid="gig-new-page">
      <A href={`/brand/gigs${brandID() ? `?brand=${brandID()}` : ""}`} class="back-link">
        {t("brandGigs.back")}
      </A>
      <header class="page-head">
        <h1>{t("gigEditor.newTitle")}</h1>
        <p class="muted">{t("gigEditor.newHint")}</p>
      </header>
      <Show when={brandID()} fallback={<EmptyState icon="store" title={t("brandGigs.noBrand")} />}>
        {(id) => <GigEditor brandID={id()} onSaved={(g) => navigate(`/brand/gigs/${g.gigID}`, { replace: true })} />}
      </Show>
    </div>
  );
}

export function GigEditPage() {
  const params = useParams<{ gigID: string }>();
  const navigate = useNavigate();
  const [gig, { refetch }] = createResource(
    () => params.gigID,
    (gigID) => api.market.gig.query({ gigID }),
  );
  return (
    <div class="page page-narrow" data-testid="gig-edit-page">
      <A href={`/brand/gigs/${params.gigID}`} class="back-link">
        {t("gigPage.back")}
      </A>
      <header class="page-head">
        <h1>{t("gigEditor.editTitle")}</h1>
      </header>
      <Async of={gig} retry={refetch}>
        {(g) => (
          <Show when={g.status === "open"} fallback={<p class="notice notice-info">{t("gigEditor.closedNotice")}</p>}>
            <GigEditor brandID={g.brandID} gig={g} onSaved={(next) => navigate(`/brand/gigs/${next.gigID}`, { replace: true })} />
          </Show>
        )}
      </Async>
    </div>
  );
}
