import { For, Index, Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { type FormBinding, TextField } from "../components/field";
import { t } from "../i18n";
import { addDays, chinaDay } from "../training/dates";
import { PartHead } from "../training/editor/part-head";
import { type CardDraft, nextWindow, WEEKDAYS } from "./card-draft";

type Binding = FormBinding<string> & { reset(): void };

/** One from–to row; its boxes are labelled for screen readers, the row's weekday heads it on screen. */
function WindowRow(props: {
  form: Binding;
  path: string;
  from: string;
  to: string;
  label: string;
  setFrom: (v: string) => void;
  setTo: (v: string) => void;
  onRemove: () => void;
  testid: string;
}) {
  return (
    <div class="window" data-testid={props.testid}>
      <TextField
        label={t("hostCard.from", { what: props.label })}
        form={props.form}
        name={`${props.path}.from`}
        type="time"
        value={() => props.from}
        setValue={props.setFrom}
        data-testid={`${props.testid}-from`}
      />
      <span class="window-dash" aria-hidden="true">
        –
      </span>
      <TextField
        label={t("hostCard.to", { what: props.label })}
        form={props.form}
        name={`${props.path}.to`}
        type="time"
        value={() => props.to}
        setValue={props.setTo}
        data-testid={`${props.testid}-to`}
      />
      <button type="button" class="icon-btn icon-btn-danger" aria-label={t("hostCard.removeWindow", { what: props.label })} onClick={() => props.onRemove()}>
        ×
      </button>
    </div>
  );
}

/** Weekly hours: per weekday (Monday first), any number of from–to windows, Beijing time. */
export function WeekEditor(props: { draft: CardDraft; set: SetStoreFunction<CardDraft>; form: Binding }) {
  const windowsOf = (day: number) => props.draft.weekly.map((w, i) => ({ w, i })).filter((x) => x.w.day === day);
  const remove = (i: number) => {
    props.set("weekly", (list) => list.filter((_, k) => k !== i));
    props.form.reset();
  };
  const copyToAll = (day: number) => {
    const source = props.draft.weekly.filter((w) => w.day === day);
    props.set(
      "weekly",
      WEEKDAYS.flatMap((d) => source.map((w) => ({ ...w, day: d }))),
    );
    props.form.reset();
  };
  const weeklyError = () => props.form.fieldError("weekly");
  return (
    <div class="stack-sm" data-testid="week-editor">
      <Show when={weeklyError()}>{(m) => <p class="field-error">{m()}</p>}</Show>
      <ul class="week">
        <For each={WEEKDAYS}>
          {(day) => (
            <li class="week-day" data-testid={`week-day-${day}`}>
              <span class="week-name">{t(`weekday.${day}`)}</span>
              <div class="week-windows">
                {/* Index, not For: rows stay in place (and keep focus) while their times are typed. */}
                <Index each={windowsOf(day)} fallback={<p class="meta week-off">{t("hostCard.dayOff")}</p>}>
                  {(x) => (
                    <WindowRow
                      form={props.form}
                      path={`weekly.${x().i}`}
                      from={x().w.from}
                      to={x().w.to}
                      label={t(`weekday.${day}`)}
                      setFrom={(v) => props.set("weekly", x().i, "from", v)}
                      setTo={(v) => props.set("weekly", x().i, "to", v)}
                      onRemove={() => remove(x().i)}
                      testid={`window-${day}`}
                    />
                  )}
                </Index>
                <div class="button-row">
                  <button
                    type="button"
                    class="btn btn-ghost btn-small"
                    onClick={() => props.set("weekly", (list) => [...list, nextWindow(list, day)])}
                    data-testid={`add-window-${day}`}
                  >
                    {t("hostCard.addWindow")}
                  </button>
                  <Show when={windowsOf(day).length}>
                    <button type="button" class="btn btn-ghost btn-small" onClick={() => copyToAll(day)} data-testid={`copy-window-${day}`}>
                      {t("hostCard.copyToAll")}
                    </button>
                  </Show>
                </div>
              </div>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

/** Days that differ from the week: off altogether, or only some hours. */
export function ExceptionsEditor(props: { draft: CardDraft; set: SetStoreFunction<CardDraft>; form: Binding }) {
  const add = () => props.set("exceptions", (list) => [...list, { date: addDays(chinaDay(Date.now()), 1), off: true, from: "19:00", to: "22:00" }]);
  const remove = (i: number) => {
    props.set("exceptions", (list) => list.filter((_, k) => k !== i));
    props.form.reset();
  };
  return (
    <div class="stack-sm" data-testid="exceptions-editor">
      <Index each={props.draft.exceptions}>
        {(x, i) => (
          <fieldset class="part" aria-label={t("hostCard.exceptionN", { n: i + 1 })} data-testid={`exception-${i}`}>
            <PartHead title={t("hostCard.exceptionN", { n: i + 1 })} index={i} count={props.draft.exceptions.length} onRemove={() => remove(i)} />
            <TextField
              label={t("hostCard.exceptionDate")}
              form={props.form}
              name={`exceptions.${i}.date`}
              type="date"
              value={() => x().date}
              setValue={(v) => props.set("exceptions", i, "date", v)}
            />
            <fieldset class="segmented">
              <legend class="sr-only">{t("hostCard.exceptionKind")}</legend>
              <button type="button" aria-pressed={x().off} onClick={() => props.set("exceptions", i, "off", true)}>
                {t("hostCard.exceptionOff")}
              </button>
              <button type="button" aria-pressed={!x().off} onClick={() => props.set("exceptions", i, "off", false)}>
                {t("hostCard.exceptionHours")}
              </button>
            </fieldset>
            <Show when={!x().off}>
              <WindowRow
                form={props.form}
                path={`exceptions.${i}`}
                from={x().from}
                to={x().to}
                label={x().date}
                setFrom={(v) => props.set("exceptions", i, "from", v)}
                setTo={(v) => props.set("exceptions", i, "to", v)}
                onRemove={() => props.set("exceptions", i, "off", true)}
                testid={`exception-${i}-hours`}
              />
            </Show>
          </fieldset>
        )}
      </Index>
      <button type="button" class="btn btn-secondary btn-small" onClick={add} data-testid="add-exception">
        {t("hostCard.addException")}
      </button>
    </div>
  );
}
