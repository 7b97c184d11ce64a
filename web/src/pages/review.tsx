import { A, useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Index, Match, Show, Switch } from "solid-js";
import { api } from "../api/client";
import type { PracticeSession, RosterItem } from "../api/types";
import { loaded } from "../components/async";
import { Field } from "../components/field";
import { createForm, type Problems } from "../components/form";
import { notify } from "../components/toast";
import { Card, EmptyState, FormError, LoadError, Loading } from "../components/ui";
import { locale, t } from "../i18n";
import { formatClassTime } from "../i18n/format";
import { FlvVideo } from "../practice/flv-video";
import { HlsVideo } from "../practice/hls-video";
import { isHls } from "../practice/media-url";
import { formatClock, isFlv, parseClock, playsInBrowser, unscored } from "../practice/review";
import { LEVELS } from "../training/rubric";

type Rubric = RosterItem["enrolment"]["rubric"];

/** Walks a cursor-paged list until `match` finds an item (review queues and rosters are short; stops after a few pages). */
async function findIn<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; cursor: string | null }>, match: (item: T) => boolean) {
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const p = await page(cursor);
    const hit = p.items.find(match);
    if (hit || !p.cursor) return hit;
    cursor = p.cursor;
  }
  return undefined;
}

/** An instructor scores one practice session on the learner's rubric and leaves comments at moments of the recording. */
export function ReviewPage() {
  const params = useParams<{ cohortID: string; learnerID: string; streamId: string }>();
  const [found, { refetch }] = createResource(
    () => ({ ...params }),
    async ({ cohortID, learnerID, streamId }) => {
      const [session, seat] = await Promise.all([
        findIn(
          (cursor) => api.practice.sessions.query({ cohortID, cursor }),
          (s) => s.learnerID === learnerID && s.streamId === streamId,
        ),
        findIn(
          (cursor) => api.cohort.roster.query({ cohortID, cursor }),
          (r) => r.enrolment.learnerID === learnerID,
        ),
      ]);
      return session && seat ? { session, rubric: seat.enrolment.rubric } : null;
    },
  );
  return (
    <div class="page page-narrow" data-testid="review-page">
      <A href={`/teach/${params.cohortID}`} class="back-link">
        {t("review.back")}
      </A>
      <Show when={!found.error} fallback={<LoadError error={found.error} retry={refetch} />}>
        <Show when={found.state === "ready"} fallback={<Loading />}>
          <Show when={loaded(found)} fallback={<EmptyState icon="inbox" title={t("review.notFound")} />}>
            {(f) => <ReviewForm cohortID={params.cohortID} session={f().session} rubric={f().rubric} />}
          </Show>
        </Show>
      </Show>
    </div>
  );
}

interface Row {
  id: number;
  at: string;
  text: string;
}

function ReviewForm(props: { cohortID: string; session: PracticeSession; rubric: Rubric }) {
  const navigate = useNavigate();
  const form = createForm((name) => /^scores\./.test(name) || /^comments\.\d+\.(atSeconds|text)$/.test(name));
  const [scores, setScores] = createSignal<Record<string, number>>({});
  const [rows, setRows] = createSignal<Row[]>([]);
  const [manualTime, setManualTime] = createSignal("00:00");
  const [videoTime, setVideoTime] = createSignal(0);
  let nextID = 0;
  const url = () => props.session.recordingUrl;
  const flv = () => Boolean(url() && isFlv(url() as string) && typeof MediaSource !== "undefined");
  const playable = () => Boolean(url() && (playsInBrowser(url() as string) || flv()));
  const scoreError = (id: string) => (form.fieldError(`scores.${id}`) && locale() === "zh-CN" ? t("review.pickScore") : form.fieldError(`scores.${id}`));

  const now = () => (playable() ? videoTime() : (parseClock(manualTime()) ?? 0));
  function addRow() {
    const id = nextID++;
    setRows((r) => [...r, { id, at: formatClock(now()), text: "" }]);
    requestAnimationFrame(() => [...document.querySelectorAll<HTMLElement>('[data-testid="comment-text"]')].at(-1)?.focus());
  }
  function editRow(index: number, patch: Partial<Row>, field: "atSeconds" | "text") {
    setRows((r) => r.map((row, i) => (i === index ? { ...row, ...patch } : row)));
    form.touch(`comments.${index}.${field}`);
  }
  function removeRow(index: number) {
    setRows((r) => r.filter((_, i) => i !== index));
    form.reset();
  }

  function check(): Problems<string> {
    const problems: Problems<string> = {};
    for (const id of unscored(scores(), props.rubric)) problems[`scores.${id}`] = "review.pickScore";
    rows().forEach((row, i) => {
      if (parseClock(row.at) === undefined) problems[`comments.${i}.atSeconds`] = "review.badTime";
      if (!row.text.trim()) problems[`comments.${i}.text`] = "review.writeComment";
    });
    return problems;
  }

  const submit = (e: SubmitEvent) =>
    form.submit(e, check, async () => {
      await api.practice.review.mutate({
        cohortID: props.cohortID,
        learnerID: props.session.learnerID,
        streamId: props.session.streamId,
        scores: scores(),
        comments: rows().map((row) => ({ atSeconds: parseClock(row.at) ?? 0, text: row.text.trim() })),
      });
      notify(() => t("review.saved"));
      navigate(`/teach/${props.cohortID}`);
    });

  return (
    <form class="stack" ref={form.ref} onSubmit={submit} novalidate data-testid="review-form">
      <header class="page-head">
        <h1>{t("review.title")}</h1>
        <p class="meta" data-testid="review-session-facts">
          {t("review.session", {
            name: props.session.learnerName,
            date: formatClassTime(props.session.startedAt, locale()),
            time: formatClock(props.session.seconds),
          })}
        </p>
      </header>

      <Card title={t("review.recording")} testid="review-recording">
        <Show when={url()} fallback={<p class="meta">{t("review.noRecording")}</p>}>
          {(u) => (
            <Show
              when={playable()}
              fallback={
                <div class="stack stack-sm">
                  <p class="meta">{t("review.flvNote")}</p>
                  <a class="btn btn-secondary btn-block" href={u()} target="_blank" rel="noopener" data-testid="recording-link">
                    {t("review.openRecording")}
                  </a>
                  <Field label={t("review.currentTime")} hint={t("review.currentTimeHint")}>
                    {(c) => (
                      <input
                        id={c.id}
                        aria-describedby={c.describedBy}
                        type="text"
                        inputmode="numeric"
                        class="input-clock"
                        value={manualTime()}
                        onInput={(e) => setManualTime(e.currentTarget.value)}
                        data-testid="current-time"
                      />
                    )}
                  </Field>
                </div>
              }
            >
              <Switch
                fallback={
                  // biome-ignore lint/a11y/useMediaCaption: practice recordings have no captions
                  <video
                    class="review-video"
                    onTimeUpdate={(e) => setVideoTime(Math.floor(e.currentTarget.currentTime))}
                    src={u()}
                    controls
                    playsinline
                    preload="metadata"
                    data-testid="recording-video"
                  />
                }
              >
                <Match when={flv()}>
                  <FlvVideo url={u()} onTime={setVideoTime} />
                  <a class="meta" href={u()} target="_blank" rel="noopener" data-testid="recording-link">
                    {t("review.openRecording")}
                  </a>
                </Match>
                {/* Recordings behind the CDN: a signed master playlist whose query every sub-request repeats. */}
                <Match when={isHls(u())}>
                  <HlsVideo url={u()} onTime={setVideoTime} />
                </Match>
              </Switch>
            </Show>
          )}
        </Show>
      </Card>

      <Card title={t("review.scores")} testid="review-scores-form">
        <p class="meta">{t("review.scoresHint")}</p>
        <For each={props.rubric}>
          {(c) => {
            const errorID = `score-${c.criterionID}-error`;
            return (
              <fieldset class="score-pick" classList={{ "field-invalid": Boolean(scoreError(c.criterionID)) }} data-testid="score-pick">
                <legend class="field-label">
                  {c.name} <span class="muted">· {c.weight}%</span>
                </legend>
                <div class="score-levels">
                  <For each={[...LEVELS]}>
                    {(n) => (
                      <label class="score-level">
                        <input
                          type="radio"
                          name={`score-${c.criterionID}`}
                          value={n}
                          checked={scores()[c.criterionID] === n}
                          aria-invalid={Boolean(scoreError(c.criterionID))}
                          aria-describedby={scoreError(c.criterionID) ? errorID : undefined}
                          onChange={() => {
                            setScores((s) => ({ ...s, [c.criterionID]: n }));
                            form.touch(`scores.${c.criterionID}`);
                          }}
                        />
                        <span>{n}</span>
                      </label>
                    )}
                  </For>
                </div>
                <Show when={scoreError(c.criterionID)}>
                  <p class="field-error" id={errorID}>
                    {scoreError(c.criterionID)}
                  </p>
                </Show>
              </fieldset>
            );
          }}
        </For>
      </Card>

      <Card title={t("review.comments")} testid="review-comments-form">
        <Show when={rows().length} fallback={<p class="meta">{t("review.commentsEmpty")}</p>}>
          <ol class="plain stack">
            <Index each={rows()}>
              {(row, i) => (
                <li>
                  <fieldset class="comment-row" data-testid="comment-row">
                    <legend class="sr-only">{t("review.commentN", { n: i + 1 })}</legend>
                    <Field label={t("review.at")} error={form.fieldError(`comments.${i}.atSeconds`)}>
                      {(c) => (
                        <input
                          id={c.id}
                          aria-describedby={c.describedBy}
                          aria-invalid={c.invalid}
                          type="text"
                          inputmode="numeric"
                          class="input-clock"
                          value={row().at}
                          onInput={(e) => editRow(i, { at: e.currentTarget.value }, "atSeconds")}
                          data-testid="comment-at"
                        />
                      )}
                    </Field>
                    <Field label={t("review.text")} error={form.fieldError(`comments.${i}.text`)}>
                      {(c) => (
                        <textarea
                          id={c.id}
                          aria-describedby={c.describedBy}
                          aria-invalid={c.invalid}
                          rows={2}
                          maxLength={500}
                          value={row().text}
                          onInput={(e) => editRow(i, { text: e.currentTarget.value }, "text")}
                          data-testid="comment-text"
                        />
                      )}
                    </Field>
                    <button
                      type="button"
                      class="btn btn-small btn-ghost"
                      aria-label={t("review.removeComment", { n: i + 1 })}
                      onClick={() => removeRow(i)}
                      data-testid="comment-remove"
                    >
                      {t("review.remove")}
                    </button>
                  </fieldset>
                </li>
              )}
            </Index>
          </ol>
        </Show>
        <button type="button" class="btn btn-secondary btn-block" onClick={addRow} data-testid="comment-add">
          {t("review.addComment", { time: formatClock(now()) })}
        </button>
      </Card>

      <FormError message={form.formError()} />
      <button type="submit" class="btn btn-primary btn-block" disabled={form.submitting()} data-testid="review-save">
        {form.submitting() ? t("review.saving") : t("review.save")}
      </button>
    </form>
  );
}
