import { type Accessor, createEffect, createSignal, For, on } from "solid-js";
import { api } from "../api/client";
import type { Lease } from "../api/types";
import { SelectField } from "../components/field";
import { createForm } from "../components/form";
import { notify } from "../components/toast";
import { FormError } from "../components/ui";
import { locale, t } from "../i18n";
import { dayLabel, slotLabel } from "./format";
import { dayOptions, firstSlot, LENGTHS, slotStart, timeOptions } from "./slots";

type Fields = "day" | "startsAt" | "minutes";

/** Day, quarter-hour start (Beijing time) and length; the API's refusals show beside the start time. */
export function BookForm(props: { cohortID: string; now: Accessor<number>; onBooked: (lease: Lease) => void }) {
  const form = createForm<Fields>(["day", "startsAt", "minutes"]);
  const first = firstSlot(props.now());
  const [day, setDay] = createSignal(first.day);
  const [time, setTime] = createSignal(first.time);
  const [minutes, setMinutes] = createSignal("30");
  const days = () => dayOptions(props.now());
  const times = () => timeOptions(day(), props.now());

  // A day that has passed, or a start that has, moves to the first one still open.
  createEffect(on(days, (list) => !list.includes(day()) && setDay(list[0] ?? "")));
  createEffect(on(times, (list) => !list.includes(time()) && setTime(list[0] ?? "")));

  async function book() {
    const lease = await api.practice.book.mutate({ cohortID: props.cohortID, startsAt: slotStart(day(), time()), minutes: Number(minutes()) });
    notify(() => t("practice.booked", { time: slotLabel(lease, locale()) }));
    props.onBooked(lease);
  }

  return (
    <form
      ref={form.ref}
      class="form"
      novalidate
      data-testid="practice-book"
      onSubmit={(e) => form.submit(e, () => (time() ? {} : { startsAt: "fieldHint.startsAt" }), book)}
    >
      <SelectField label={t("practice.day")} form={form} name="day" value={day} setValue={setDay} testid="practice-day">
        <For each={days()}>
          {(d, i) => <option value={d}>{i() === 0 ? t("practice.today", { day: dayLabel(d, locale()) }) : dayLabel(d, locale())}</option>}
        </For>
      </SelectField>
      <div class="field-row">
        <SelectField
          label={t("practice.time")}
          hint={t("practice.timeHint")}
          form={form}
          name="startsAt"
          value={time}
          setValue={setTime}
          testid="practice-time"
        >
          <For each={times()} fallback={<option value="">{t("practice.noTimes")}</option>}>
            {(v) => <option value={v}>{v}</option>}
          </For>
        </SelectField>
        <SelectField label={t("practice.length")} form={form} name="minutes" value={minutes} setValue={setMinutes} testid="practice-minutes">
          <For each={LENGTHS}>{(m) => <option value={String(m)}>{t("common.minutes", { count: m })}</option>}</For>
        </SelectField>
      </div>
      <FormError message={form.formError()} />
      <button type="submit" class="btn btn-primary btn-block" disabled={form.submitting()} data-testid="practice-book-submit">
        {form.submitting() ? t("practice.booking") : t("practice.book")}
      </button>
    </form>
  );
}
