import { createMemo, createSignal, For, Match, onCleanup, Show, Switch } from "solid-js";
import { api } from "../api/client";
import type { LiveSlot } from "../api/types";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { t } from "../i18n";
import { chinaParts } from "../training/dates";
import { FlvVideo } from "./flv-video";
import { HlsVideo } from "./hls-video";
import { isHls } from "./media-url";
import { isFlv } from "./review";
import { endTime } from "./slots";

/** How often the panel asks who is live; a slot opens ten minutes early, so this is plenty. */
export const LIVE_POLL_MS = 15_000;

interface Watching {
  leaseID: string;
  url: string;
}

/**
 * "Live now" on the teaching page: the cohort's practice slots open at this moment, asked for on
 * mount and every 15 s while the page is open and visible, each with an inline player. Rows are
 * keyed by lease so a refresh doesn't restart a player that is already showing a stream.
 */
export function LiveNow(props: { cohortID: string }) {
  const [slots, setSlots] = createSignal<LiveSlot[]>();
  const [error, setError] = createSignal<unknown>();
  let asking = false;
  let gone = false;
  async function poll() {
    if (asking || gone) return;
    asking = true;
    try {
      const { items } = await api.practice.live.query({ cohortID: props.cohortID });
      if (gone) return;
      setSlots(items);
      setError(undefined);
    } catch (e) {
      if (!gone) setError(e);
    } finally {
      asking = false;
    }
  }
  void poll();
  const timer = window.setInterval(() => !document.hidden && void poll(), LIVE_POLL_MS);
  onCleanup(() => {
    gone = true;
    window.clearInterval(timer);
  });

  const items = () => slots() ?? [];
  const ids = createMemo(() => items().map((i) => i.leaseID), [], { equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]) });
  const itemOf = (id: string) => items().find((i) => i.leaseID === id);
  const [watching, setWatching] = createSignal<Watching>();
  const watch = (item: LiveSlot) => setWatching({ leaseID: item.leaseID, url: item.watchUrl });

  return (
    <Card
      title={t("live.title")}
      testid="live-now"
      action={
        <Show when={items().length}>
          <span class="badge badge-active">{t("live.count", { count: items().length })}</span>
        </Show>
      }
    >
      <Switch fallback={<Loading />}>
        {/* A failed refresh keeps the list (and an open player) in place; only a first load that fails shows the error. */}
        <Match when={!slots() && (error() as unknown)}>{(e) => <LoadError error={e()} retry={() => void poll()} />}</Match>
        <Match when={slots() && !ids().length}>
          <EmptyState icon="users" title={t("live.empty")} body={t("live.emptyBody")} testid="live-empty" />
        </Match>
        <Match when={slots()}>
          <ul class="list">
            <For each={ids()}>
              {(id) => (
                <Show when={itemOf(id)}>
                  {(item) => {
                    const open = () => watching()?.leaseID === id;
                    const playerID = `live-player-${id}`;
                    return (
                      <li class="list-row list-row-wrap" data-testid="live-item">
                        <div class="list-main">
                          <p class="list-title">{item().learnerName}</p>
                          <p class="meta">{t("practice.slot", { start: chinaParts(item().startsAt)?.time ?? "", end: endTime(item().endsAt) })}</p>
                        </div>
                        <button
                          type="button"
                          class={`btn btn-small ${open() ? "btn-secondary" : "btn-primary"}`}
                          aria-expanded={open()}
                          aria-controls={playerID}
                          aria-label={t(open() ? "live.closeFor" : "live.watchFor", { name: item().learnerName })}
                          onClick={() => (open() ? setWatching(undefined) : watch(item()))}
                          data-testid="live-watch"
                        >
                          {t(open() ? "live.close" : "live.watch")}
                        </button>
                        <Show when={open() ? watching() : undefined} keyed>
                          {(w) => <LivePlayer id={playerID} url={w.url} name={item().learnerName} retry={() => watch(item())} />}
                        </Show>
                      </li>
                    );
                  }}
                </Show>
              )}
            </For>
          </ul>
        </Match>
      </Switch>
    </Card>
  );
}

/** One learner's stream: HTTP-FLV locally, HLS from IVS in the cloud; says so when nothing is coming in yet. */
function LivePlayer(props: { id: string; url: string; name: string; retry: () => void }) {
  const [offline, setOffline] = createSignal(false);
  const label = () => t("live.player", { name: props.name });
  return (
    <div class="live-player" id={props.id}>
      <Switch
        fallback={
          // biome-ignore lint/a11y/useMediaCaption: practice streams have no captions
          <video
            class="review-video"
            src={props.url}
            aria-label={label()}
            controls
            playsinline
            autoplay
            onError={() => setOffline(true)}
            data-testid="live-video"
          />
        }
      >
        <Match when={isFlv(props.url)}>
          <FlvVideo url={props.url} live label={label()} onError={() => setOffline(true)} testid="live-video" />
        </Match>
        <Match when={isHls(props.url)}>
          <HlsVideo url={props.url} live label={label()} onError={() => setOffline(true)} testid="live-video" />
        </Match>
      </Switch>
      <Show when={offline()}>
        <div class="notice notice-info" role="status" data-testid="live-offline">
          <span>{t("live.offline", { name: props.name })}</span>
          <button type="button" class="btn btn-small btn-secondary" onClick={() => props.retry()}>
            {t("common.retry")}
          </button>
        </div>
      </Show>
    </div>
  );
}
