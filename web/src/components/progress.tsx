import { Show } from "solid-js";
import { t } from "../i18n";

const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

/** A ring with the percentage in the middle; the ring turns amber when the learner is behind. */
export function ProgressRing(props: { percent: number; behind?: boolean; size?: number; testid?: string }) {
  const r = 20;
  const circumference = 2 * Math.PI * r;
  const p = () => clamp(props.percent);
  return (
    <div
      class="ring"
      classList={{ "ring-behind": props.behind }}
      style={{ width: `${props.size ?? 56}px`, height: `${props.size ?? 56}px` }}
      role="img"
      aria-label={t("progress.percentLabel", { percent: p() })}
      data-testid={props.testid}
    >
      <svg viewBox="0 0 48 48" aria-hidden="true">
        <circle class="ring-track" cx="24" cy="24" r={r} />
        <circle class="ring-fill" cx="24" cy="24" r={r} stroke-dasharray={`${(p() / 100) * circumference} ${circumference}`} transform="rotate(-90 24 24)" />
      </svg>
      <span class="ring-label" aria-hidden="true">
        {p()}%
      </span>
    </div>
  );
}

/** A bar; `expected` adds a tick where the calendar says the learner should be by now. */
export function ProgressBar(props: { percent: number; expected?: number; behind?: boolean; label?: string }) {
  return (
    <div
      class="bar"
      classList={{ "bar-behind": props.behind }}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamp(props.percent)}
      aria-label={props.label}
    >
      <span class="bar-fill" style={{ width: `${clamp(props.percent)}%` }} />
      <Show when={props.expected !== undefined}>
        <span class="bar-expected" style={{ left: `${clamp(props.expected ?? 0)}%` }} title={t("progress.expected", { percent: clamp(props.expected ?? 0) })} />
      </Show>
    </div>
  );
}

export function BehindBadge() {
  return (
    <span class="badge badge-behind" data-testid="behind">
      {t("progress.behind")}
    </span>
  );
}
