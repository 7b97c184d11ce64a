import { A, useSearchParams } from "@solidjs/router";
import { For, type JSX, Show } from "solid-js";
import { categories, cities, isCategory, isCity } from "../api/catalog";
import { api } from "../api/client";
import type { Category, City, Cohort, CourseSummary } from "../api/types";
import { createPaged, LoadMore, type Paged } from "../components/async";
import { Field } from "../components/field";
import { EmptyState, LoadError, Loading } from "../components/ui";
import { t } from "../i18n";
import { categoryName, cityName, languageName } from "../i18n/names";
import { CohortFacts, CohortStatusBadge, CourseTitle, hours } from "../training/cohort-bits";
import { isDay } from "../training/dates";

type Params = { view?: string; category?: string; city?: string; mode?: string; from?: string };

/** Learners find upcoming cohorts (by category, city, online, start date) or whole courses (by category). */
export function BrowsePage() {
  const [params, setParams] = useSearchParams<Params>();
  const view = () => (params.view === "courses" ? "courses" : "cohorts");
  const category = (): Category | undefined => {
    const value = params.category ?? "";
    return isCategory(value) ? value : undefined;
  };
  const city = (): City | undefined => {
    const value = params.city ?? "";
    return isCity(value) ? value : undefined;
  };
  const online = () => (params.mode === "online" ? true : params.mode === "offline" ? false : undefined);
  const from = () => (isDay(params.from ?? "") ? params.from : undefined);
  const set = (patch: Params) => setParams(patch, { replace: true });
  const filtered = () => Boolean(category() || city() || online() !== undefined || from());

  const cohorts = createPaged(
    () => (view() === "cohorts" ? { category: category(), city: city(), online: online(), from: from() } : undefined),
    (filter, cursor) => api.cohort.browse.query({ ...filter, cursor }),
  );
  const courses = createPaged(
    () => (view() === "courses" ? { category: category() } : undefined),
    (filter, cursor) => api.course.browse.query({ ...filter, cursor }),
  );

  return (
    <div class="page" data-testid="browse-page">
      <header class="page-head">
        <h1>{t("browse.title")}</h1>
        <p class="muted">{t("browse.subtitle")}</p>
      </header>
      <div class="stack">
        <fieldset class="segmented">
          <legend class="sr-only">{t("browse.view")}</legend>
          <button type="button" aria-pressed={view() === "cohorts"} data-testid="view-cohorts" onClick={() => set({ view: undefined })}>
            {t("browse.cohorts")}
          </button>
          <button type="button" aria-pressed={view() === "courses"} data-testid="view-courses" onClick={() => set({ view: "courses" })}>
            {t("browse.courses")}
          </button>
        </fieldset>
        <div class="filters card" data-testid="browse-filters">
          <Filter label={t("editor.category")}>
            {(id) => (
              <select id={id} value={category() ?? ""} onChange={(e) => set({ category: e.currentTarget.value || undefined })} data-testid="filter-category">
                <option value="">{t("browse.allCategories")}</option>
                <For each={categories}>{(c) => <option value={c}>{categoryName(c)}</option>}</For>
              </select>
            )}
          </Filter>
          <Show when={view() === "cohorts"}>
            <Filter label={t("browse.mode")}>
              {(id) => (
                <select id={id} value={params.mode ?? ""} onChange={(e) => set({ mode: e.currentTarget.value || undefined })} data-testid="filter-mode">
                  <option value="">{t("browse.anyMode")}</option>
                  <option value="offline">{t("cohortForm.inPerson")}</option>
                  <option value="online">{t("cohort.online")}</option>
                </select>
              )}
            </Filter>
            <Filter label={t("field.city")}>
              {(id) => (
                <select id={id} value={city() ?? ""} onChange={(e) => set({ city: e.currentTarget.value || undefined })} data-testid="filter-city">
                  <option value="">{t("browse.allCities")}</option>
                  <For each={cities}>{(c) => <option value={c}>{cityName(c)}</option>}</For>
                </select>
              )}
            </Filter>
            <Filter label={t("browse.from")}>
              {(id) => (
                <input id={id} type="date" value={from() ?? ""} onChange={(e) => set({ from: e.currentTarget.value || undefined })} data-testid="filter-from" />
              )}
            </Filter>
          </Show>
          <Show when={filtered()}>
            <button
              type="button"
              class="btn btn-ghost btn-small filters-clear"
              onClick={() => set({ category: undefined, city: undefined, mode: undefined, from: undefined })}
            >
              {t("browse.clear")}
            </button>
          </Show>
        </div>
        <Show when={view() === "cohorts"} fallback={<Results list={courses} empty={t("browse.noCourses")} row={(c) => <CourseCard course={c} />} />}>
          <Results list={cohorts} empty={t("browse.noCohorts")} row={(c) => <CohortCard cohort={c} />} />
        </Show>
      </div>
    </div>
  );
}

function Filter(props: { label: string; children: (id: string) => JSX.Element }) {
  return <Field label={props.label}>{(c) => props.children(c.id)}</Field>;
}

function Results<T>(props: { list: Paged<T>; empty: string; row: (item: T) => JSX.Element }) {
  return (
    <Show when={props.list.state() !== "error"} fallback={<LoadError error={props.list.error()} retry={props.list.reload} />}>
      <Show when={props.list.state() !== "loading"} fallback={<Loading />}>
        <Show when={props.list.items().length} fallback={<EmptyState icon="book" title={props.empty} testid="browse-empty" />}>
          <ul class="cards plain" data-testid="browse-results">
            <For each={props.list.items()}>{(item) => <li>{props.row(item)}</li>}</For>
          </ul>
          <LoadMore of={props.list} />
        </Show>
      </Show>
    </Show>
  );
}

function CohortCard(props: { cohort: Cohort }) {
  return (
    <A class="card card-link" href={`/cohorts/${props.cohort.cohortID}`} data-testid="browse-cohort">
      <div class="row-head">
        <CourseTitle courseID={props.cohort.courseID} class="card-link-title" />
        <CohortStatusBadge cohort={props.cohort} />
      </div>
      <p class="list-title">{props.cohort.title}</p>
      <CohortFacts cohort={props.cohort} />
      <ul class="chips">
        <li class="chip">{categoryName(props.cohort.category)}</li>
        <Show when={props.cohort.schedule.length}>
          <li class="chip">{t("cohort.scheduleCount", { count: props.cohort.schedule.length })}</li>
        </Show>
      </ul>
    </A>
  );
}

function CourseCard(props: { course: CourseSummary }) {
  const c = () => props.course;
  return (
    <A class="card card-link" href={`/courses/${c().courseID}`} data-testid="browse-course">
      <span class="card-link-title">{c().title}</span>
      <p class="meta">
        {[
          categoryName(c().category),
          languageName(c().language),
          t("course.lessonsCount", { count: c().lessons }),
          t("course.hours", { hours: hours(c().minutes) }),
        ].join(" · ")}
      </p>
      <Show when={c().summary}>
        <p class="clamp-2 muted">{c().summary}</p>
      </Show>
    </A>
  );
}
