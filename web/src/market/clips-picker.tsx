import { createResource, For, Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { api } from "../api/client";
import { loaded } from "../components/async";
import { date, t } from "../i18n";
import { type CardDraft, type Clip, MAX_CLIPS } from "./card-draft";

/** Reviewed practice sessions across the person's cohorts: the clips a card may show. */
async function reviewedSessions(): Promise<Clip[]> {
  const { items } = await api.enrolment.mine.query({});
  const perCohort = await Promise.all(
    items.map(async ({ cohort }) => {
      const reviews = await api.practice.myReviews.query({ cohortID: cohort.cohortID });
      return reviews.map((r) => ({ cohortID: cohort.cohortID, streamId: r.streamId, title: `${cohort.title} · ${date(r.reviewedAt)}`.slice(0, 80) }));
    }),
  );
  return perCohort.flat();
}

const same = (a: Clip, b: Clip) => a.cohortID === b.cohortID && a.streamId === b.streamId;

/** Up to six reviewed practice sessions to show on the card; optional. */
export function ClipsPicker(props: { draft: CardDraft; set: SetStoreFunction<CardDraft>; error?: string }) {
  const [sessions] = createResource(reviewedSessions);
  // Clips already on the card stay listed even if their cohort no longer shows (left, or a failed load).
  const options = () => {
    const found = loaded(sessions) ?? [];
    return [...props.draft.clips.filter((c) => !found.some((f) => same(f, c))), ...found];
  };
  const chosen = (c: Clip) => props.draft.clips.some((x) => same(x, c));
  const toggle = (c: Clip) => props.set("clips", (list) => (list.some((x) => same(x, c)) ? list.filter((x) => !same(x, c)) : [...list, c]));
  return (
    <fieldset class="choice-group" data-testid="clips-picker">
      <legend class="sr-only">{t("hostCard.clips")}</legend>
      <p class="meta">{t("hostCard.clipsHint", { max: MAX_CLIPS })}</p>
      <Show when={options().length} fallback={<p class="meta">{sessions.loading ? t("common.loading") : t("hostCard.noClips")}</p>}>
        <div class="chips">
          <For each={options()}>
            {(c) => (
              <label class="chip-check">
                <input type="checkbox" checked={chosen(c)} disabled={!chosen(c) && props.draft.clips.length >= MAX_CLIPS} onChange={() => toggle(c)} />
                <span>{c.title}</span>
              </label>
            )}
          </For>
        </div>
      </Show>
      <Show when={props.error}>{(m) => <p class="field-error">{m()}</p>}</Show>
    </fieldset>
  );
}
