import { type Accessor, For, Show } from "solid-js";
import type { Lease } from "../api/types";
import type { MessageKey } from "../i18n";
import { locale, t } from "../i18n";
import { CancelSlot } from "./cancel-slot";
import { slotLabel } from "./format";
import { cancellable, lengthMinutes, type SlotPhase, slotPhase } from "./slots";

const badges: Record<SlotPhase, { key: MessageKey; class: string }> = {
  live: { key: "practice.status.live", class: "badge-active" },
  upcoming: { key: "practice.status.upcoming", class: "badge-info" },
  past: { key: "practice.status.past", class: "badge-muted" },
  cancelled: { key: "practice.status.cancelled", class: "badge-rejected" },
};

/** Booked slots without their keys: Beijing time, length, where each stands now, and a cancel for those not started. */
export function SlotList(props: { title: string; leases: Lease[]; now: Accessor<number>; testid: string; onCancelled?: (lease: Lease) => void }) {
  return (
    <Show when={props.leases.length}>
      <div class="stack stack-sm" data-testid={props.testid}>
        <p class="field-label">{props.title}</p>
        <ul class="list">
          <For each={props.leases}>
            {(lease) => {
              const phase = () => slotPhase(lease, props.now());
              return (
                <li class="list-row list-row-wrap" data-testid="practice-slot" data-phase={phase()}>
                  <div class="list-main">
                    <p class="list-title">{slotLabel(lease, locale())}</p>
                    <p class="meta">
                      {t("common.minutes", { count: lengthMinutes(lease.startsAt, lease.endsAt) })}
                      <Show when={phase() === "upcoming"}> · {t("practice.opensAt")}</Show>
                    </p>
                  </div>
                  <span class={`badge ${badges[phase()].class}`}>{t(badges[phase()].key)}</span>
                  <Show when={props.onCancelled && cancellable(lease, props.now())}>
                    <CancelSlot lease={lease} onCancelled={(l) => props.onCancelled?.(l)} />
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </div>
    </Show>
  );
}
