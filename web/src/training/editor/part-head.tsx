import { Show } from "solid-js";
import { t } from "../../i18n";

/** The title row of one repeatable part (module, lesson, criterion, live class) with its move and remove buttons. */
export function PartHead(props: {
  id?: string;
  title: string;
  /** The title is already on screen nearby (a lesson's summary row): keep it for screen readers only. */
  quiet?: boolean;
  index: number;
  count: number;
  onMove?: (step: -1 | 1) => void;
  onRemove?: () => void;
}) {
  return (
    <div class="part-head" classList={{ "part-head-quiet": props.quiet }}>
      <span class={props.quiet ? "sr-only" : "part-title"} id={props.id}>
        {props.title}
      </span>
      <div class="part-tools">
        <Show when={props.onMove}>
          {(move) => (
            <>
              <button
                type="button"
                class="icon-btn"
                aria-label={t("editor.moveUp", { what: props.title })}
                disabled={props.index === 0}
                onClick={() => move()(-1)}
              >
                ↑
              </button>
              <button
                type="button"
                class="icon-btn"
                aria-label={t("editor.moveDown", { what: props.title })}
                disabled={props.index === props.count - 1}
                onClick={() => move()(1)}
              >
                ↓
              </button>
            </>
          )}
        </Show>
        <Show when={props.onRemove}>
          {(remove) => (
            <button type="button" class="icon-btn icon-btn-danger" aria-label={t("editor.remove", { what: props.title })} onClick={() => remove()()}>
              ×
            </button>
          )}
        </Show>
      </div>
    </div>
  );
}
