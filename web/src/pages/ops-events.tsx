import { A } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import { toApiError } from "../api/errors";
import type { DeadLetter, DeadLetterStatus } from "../api/types";
import { createPaged, LoadMore } from "../components/async";
import { notify, notifyError } from "../components/toast";
import { Card, EmptyState, FormError, LoadError, Loading } from "../components/ui";
import { date, locale, t } from "../i18n";
import { describeError } from "../i18n/error-text";
import { roles } from "../session/actions";

const statuses: readonly DeadLetterStatus[] = ["open", "replayed"];

/** Platform ops: event deliveries that failed every retry, and replaying them. */
export function OpsEventsPage() {
  return (
    <div class="page page-narrow" data-testid="ops-events-page">
      <A href="/?as=ops" class="back-link">
        {t("org.back")}
      </A>
      <header class="page-head">
        <h1>{t("opsEvents.title")}</h1>
        <p class="muted">{t("opsEvents.subtitle")}</p>
      </header>
      <Show when={roles().includes("ops")} fallback={<EmptyState icon="check" title={t("certAdmin.opsOnly")} />}>
        <DeadLetters />
      </Show>
    </div>
  );
}

function DeadLetters() {
  const [status, setStatus] = createSignal<DeadLetterStatus>("open");
  const list = createPaged(status, (s, cursor) => api.ops.deadLetters.query({ status: s, cursor }));
  const gone = (d: DeadLetter) => list.drop((x) => x.deadLetterID === d.deadLetterID);

  return (
    <div class="stack">
      <fieldset class="segmented" data-testid="dead-letter-statuses">
        <legend class="sr-only">{t("opsEvents.statuses")}</legend>
        <For each={statuses}>
          {(s) => (
            <button type="button" aria-pressed={status() === s} data-testid={`dead-letter-tab-${s}`} onClick={() => setStatus(s)}>
              {t(`opsEvents.status.${s}`)}
            </button>
          )}
        </For>
      </fieldset>
      <Show when={list.state() !== "error"} fallback={<LoadError error={list.error()} retry={list.reload} />}>
        <Show when={list.state() !== "loading"} fallback={<Loading />}>
          <Show
            when={list.items().length}
            fallback={
              <EmptyState icon="check" title={status() === "open" ? t("opsEvents.emptyOpen") : t("opsEvents.emptyReplayed")} testid="dead-letter-empty" />
            }
          >
            <ul class="stack plain" data-testid="dead-letter-list">
              <For each={list.items()}>
                {(item) => (
                  <li>
                    <DeadLetterCard letter={item} onGone={gone} />
                  </li>
                )}
              </For>
            </ul>
            <LoadMore of={list} />
          </Show>
        </Show>
      </Show>
    </div>
  );
}

/** A property's value as one short line: strings as they are, anything else as JSON. */
function shown(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
}

/**
 * One failed delivery: what failed, where, when and why, and the event's own properties so ops
 * can tell which certificate or booking it was about. An open one can be replayed after an
 * explicit confirmation; once replayed it leaves the open list.
 */
function DeadLetterCard(props: { letter: DeadLetter; onGone: (d: DeadLetter) => void }) {
  const d = () => props.letter;
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  let trigger: HTMLButtonElement | undefined;
  let keep: HTMLButtonElement | undefined;

  const ask = () => {
    setError(undefined);
    setConfirming(true);
    requestAnimationFrame(() => keep?.focus());
  };
  const back = () => {
    setConfirming(false);
    requestAnimationFrame(() => trigger?.focus());
  };
  const replay = async () => {
    setBusy(true);
    setError(undefined);
    const { type, subscriber } = d();
    try {
      await api.ops.replay.mutate({ deadLetterID: d().deadLetterID });
      notify(() => t("opsEvents.replayed", { type, subscriber }));
      props.onGone(d());
    } catch (e) {
      const err = toApiError(e);
      if (err.code === "dead_letter.replayed") {
        // Someone else replayed it meanwhile: say so, and it is no longer open.
        notifyError(e);
        props.onGone(d());
      } else {
        setError(describeError(err, locale()).form);
        setConfirming(false);
      }
    } finally {
      setBusy(false);
    }
  };

  const facts = () => [
    { label: t("opsEvents.subscriber"), value: d().subscriber, testid: "dead-letter-subscriber" },
    { label: t("opsEvents.attempts"), value: String(d().attempts), testid: "dead-letter-attempts" },
    { label: t("opsEvents.failedAt"), value: date(d().failedAt, "dateTime"), testid: "dead-letter-failed-at" },
    ...(d().replayedAt ? [{ label: t("opsEvents.replayedAt"), value: date(d().replayedAt as string, "dateTime"), testid: "dead-letter-replayed-at" }] : []),
  ];

  return (
    <Card testid="dead-letter">
      <div class="row-head">
        <div class="list-main">
          <h2 class="list-title cert-code" data-testid="dead-letter-type">
            {d().type}
          </h2>
          <p class="meta cert-code" data-testid="dead-letter-event">
            {t("opsEvents.eventID")} {d().eventID}
          </p>
        </div>
        <span class={`badge ${d().status === "open" ? "badge-rejected" : "badge-muted"}`} data-testid="dead-letter-status">
          {t(`opsEvents.status.${d().status}`)}
        </span>
      </div>
      <dl class="facts">
        <For each={facts()}>
          {(f) => (
            <div>
              <dt>{f.label}</dt>
              <dd data-testid={f.testid}>{f.value}</dd>
            </div>
          )}
        </For>
      </dl>
      <div>
        <p class="field-label">{t("opsEvents.error")}</p>
        <p class="meta cert-code" data-testid="dead-letter-error">
          {d().error}
        </p>
      </div>
      <Show when={Object.keys(d().properties).length}>
        <div>
          <p class="field-label">{t("opsEvents.properties")}</p>
          <ul class="stack stack-sm plain" data-testid="dead-letter-properties">
            <For each={Object.entries(d().properties)}>
              {([key, value]) => (
                <li class="meta cert-code">
                  {key}: {shown(value)}
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
      <FormError message={error()} />
      <Show when={d().status === "open"}>
        <Show
          when={confirming()}
          fallback={
            <button ref={trigger} type="button" class="btn btn-secondary btn-block" data-testid="dead-letter-replay" onClick={ask}>
              {t("opsEvents.replay")}
            </button>
          }
        >
          <fieldset class="cancel-ask" data-testid="dead-letter-ask">
            <legend>{t("opsEvents.replayAsk", { type: d().type, subscriber: d().subscriber })}</legend>
            <div class="button-row decision-actions">
              <button type="button" class="btn btn-primary" disabled={busy()} onClick={replay} data-testid="dead-letter-confirm">
                {busy() ? t("opsEvents.replaying") : t("opsEvents.replayYes")}
              </button>
              <button ref={keep} type="button" class="btn btn-secondary" disabled={busy()} onClick={back} data-testid="dead-letter-keep">
                {t("opsEvents.replayKeep")}
              </button>
            </div>
          </fieldset>
        </Show>
      </Show>
    </Card>
  );
}
