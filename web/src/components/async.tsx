import { type Accessor, createEffect, createSignal, type JSX, Match, on, type Resource, Show, Switch } from "solid-js";
import { t } from "../i18n";
import { LoadError, Loading } from "./ui";

/** A resource's value when it has one; unlike calling the resource, never throws its error. */
export function loaded<T>(r: Resource<T>): T | undefined {
  return r.state === "ready" || r.state === "refreshing" ? r.latest : undefined;
}

export function Async<T>(props: { of: Resource<T>; retry?: () => void; children: (value: T) => JSX.Element }) {
  return (
    <Switch fallback={<Loading />}>
      <Match when={props.of.error as unknown}>{(e) => <LoadError error={e()} retry={props.retry} />}</Match>
      <Match when={loaded(props.of)}>{(v) => props.children(v())}</Match>
    </Switch>
  );
}

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export interface Paged<T> {
  items: Accessor<T[]>;
  state: Accessor<"loading" | "ready" | "error" | "more">;
  error: Accessor<unknown>;
  hasMore: Accessor<boolean>;
  loadMore(): Promise<void>;
  reload(): Promise<void>;
  drop(match: (item: T) => boolean): void;
}

/** A cursor-paginated list that reloads from the first page whenever its key changes. */
export function createPaged<K, T>(key: Accessor<K | undefined>, fetchPage: (key: K, cursor: string | null) => Promise<Page<T>>): Paged<T> {
  const [items, setItems] = createSignal<T[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [state, setState] = createSignal<"loading" | "ready" | "error" | "more">("loading");
  const [error, setError] = createSignal<unknown>();
  let generation = 0;

  async function load(from: string | null) {
    const k = key();
    if (k === undefined) return;
    const mine = ++generation;
    setState(from ? "more" : "loading");
    try {
      const page = await fetchPage(k, from);
      if (mine !== generation) return;
      setItems((list) => (from ? [...list, ...page.items] : page.items));
      setCursor(page.cursor);
      setState("ready");
    } catch (e) {
      if (mine !== generation) return;
      setError(e);
      setState("error");
    }
  }

  createEffect(on(key, () => void load(null)));

  return {
    items,
    state,
    error,
    hasMore: () => cursor() !== null,
    loadMore: () => load(cursor()),
    reload: () => load(null),
    drop: (match) => setItems((list) => list.filter((item) => !match(item))),
  };
}

/** The button under a paged list that fetches its next page, while there is one. */
export function LoadMore(props: { of: Pick<Paged<unknown>, "hasMore" | "state" | "loadMore"> }) {
  return (
    <Show when={props.of.hasMore()}>
      <button type="button" class="btn btn-secondary btn-block" disabled={props.of.state() === "more"} onClick={() => props.of.loadMore()}>
        {t("common.loadMore")}
      </button>
    </Show>
  );
}
