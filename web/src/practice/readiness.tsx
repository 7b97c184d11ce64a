import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import type { MessageKey } from "../i18n";
import { t } from "../i18n";

type Result = Awaited<ReturnType<typeof api.practice.readiness.query>>;

const verdictKey: Record<string, MessageKey> = { pass: "practice.ready.pass", fix: "practice.ready.fix", unknown: "practice.ready.unknown" };
const checkKey: Record<string, MessageKey> = {
  resolution: "practice.ready.resolution",
  framerate: "practice.ready.framerate",
  bitrate: "practice.ready.bitrate",
  keyframe: "practice.ready.keyframe",
  audio: "practice.ready.audio",
};

/** Pass / what to fix for the learner's stream in this slot, from the ingest the server measured. */
export function Readiness(props: { leaseID: string }) {
  const [result, setResult] = createSignal<Result | null>(null);
  const [busy, setBusy] = createSignal(false);
  async function check() {
    setBusy(true);
    try {
      setResult(await api.practice.readiness.query({ leaseID: props.leaseID }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="readiness" data-testid="readiness">
      <button type="button" class="btn btn-secondary btn-block" disabled={busy()} onClick={check} data-testid="readiness-check">
        {t("practice.ready.check")}
      </button>
      <Show when={result()}>
        {(r) => (
          <Show when={r().streamId} fallback={<p class="meta">{t("practice.ready.noStream")}</p>}>
            <p class="field-label" data-testid="readiness-verdict">
              {r().ready ? t("practice.ready.ok") : t("practice.ready.notYet")}
            </p>
            <ul class="readiness-list">
              <For each={r().checks}>
                {(c) => (
                  <li class={`readiness-${c.verdict}`} data-testid={`readiness-${c.check}`}>
                    <span>{t(checkKey[c.check] as MessageKey)}</span>
                    <span>
                      {t(verdictKey[c.verdict] as MessageKey)}
                      {c.actual ? ` · ${c.actual}` : ""}
                      {c.target ? ` → ${c.target}` : ""}
                    </span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </div>
  );
}
