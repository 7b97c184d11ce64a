import { createEffect, createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { api } from "../api/client";
import { Async, loaded } from "../components/async";
import { Card, EmptyState } from "../components/ui";
import { locale, money, t } from "../i18n";
import { formatDay, formatMoney, TIME_ZONE } from "../i18n/format";
import { chinaToday } from "../market/calendar";
import { activeDays, type ChartData, chartData } from "./chart-data";

const SPANS = [30, 90, 365] as const;
type Span = (typeof SPANS)[number];

/** Whose earnings: the signed-in host (nothing), an agency, or the platform (ops). */
export interface Who {
  agencyID?: string;
  platform?: boolean;
}

/**
 * Earnings over time (earnings.series): what was released or paid each day, what was clawed
 * back, and the running net, over the last 30, 90 or 365 days. The canvas is for the eye; the
 * summary and a table of the days with money say the same to a screen reader.
 */
export function EarningsChart(props: { who: Who; title?: string; testid?: string }) {
  const [span, setSpan] = createSignal<Span>(90);
  const [series, { refetch }] = createResource(
    () => ({ ...props.who, days: span() }),
    (input) => api.earnings.series.query(input),
  );
  const data = () => {
    const s = loaded(series);
    if (!s) return undefined;
    // a device clock behind the server's mustn't hide the newest days
    const today = [chinaToday(), ...s.days.map((d) => d.day)].sort().at(-1) as string;
    return chartData(s.days, today, span());
  };
  return (
    <Card title={props.title ?? t("earnings.chart")} testid={props.testid ?? "earnings-chart"}>
      <fieldset class="segmented">
        <legend class="sr-only">{t("earnings.chartSpan")}</legend>
        <For each={SPANS}>
          {(days) => (
            <button type="button" aria-pressed={span() === days} onClick={() => setSpan(days)} data-testid={`chart-span-${days}`}>
              {t("earnings.chartDays", { days })}
            </button>
          )}
        </For>
      </fieldset>
      <Async of={series} retry={refetch}>
        {() => (
          <Show when={data()}>
            {(d) => (
              <>
                <p class="meta" data-testid="chart-summary">
                  {t("earnings.chartSummary", { days: span(), earned: money(d().totalEarnedFen), clawedBack: money(d().totalClawedBackFen) })}
                </p>
                <Show when={d().totalEarnedFen || d().totalClawedBackFen} fallback={<EmptyState icon="inbox" title={t("earnings.chartEmpty")} />}>
                  <ChartCanvas data={d()} />
                  <DaysTable data={d()} />
                </Show>
              </>
            )}
          </Show>
        )}
      </Async>
    </Card>
  );
}

function ChartCanvas(props: { data: ChartData }) {
  let box: HTMLDivElement | undefined;
  // uPlot and its stylesheet arrive with this chunk only when a chart is drawn.
  const [canvas] = createResource(() => import("./chart-canvas"));
  let chart: { destroy(): void; setSize(size: { width: number; height: number }): void } | undefined;
  createEffect(() => {
    const mod = loaded(canvas);
    const data = props.data;
    const lang = locale();
    if (!mod || !box) return;
    chart?.destroy();
    const day = new Intl.DateTimeFormat(lang, { month: "numeric", day: "numeric", timeZone: TIME_ZONE });
    chart = mod.draw(
      box,
      data,
      {
        day: t("earnings.chartDay"),
        earned: t("earnings.chartEarned"),
        clawedBack: t("earnings.chartClawedBack"),
        cumulative: t("earnings.chartCumulative"),
        fen: (fen) => formatMoney(fen, lang, "short"),
        dayOf: (seconds) => day.format(new Date(seconds * 1000)),
      },
      box.clientWidth || 320,
    );
  });
  const resize = new ResizeObserver(() => {
    if (box && chart) chart.setSize({ width: box.clientWidth, height: 220 });
  });
  onCleanup(() => {
    resize.disconnect();
    chart?.destroy();
  });
  return (
    <>
      <Show when={canvas.error}>
        <p class="notice notice-error">{t("earnings.chartLoadError")}</p>
      </Show>
      <div
        class="chart-box"
        aria-hidden="true"
        data-testid="chart-canvas"
        ref={(el) => {
          box = el;
          resize.observe(el);
        }}
      />
    </>
  );
}

function DaysTable(props: { data: ChartData }) {
  return (
    <table class="sr-only">
      <caption>{t("earnings.chart")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("earnings.chartDay")}</th>
          <th scope="col">{t("earnings.chartEarned")}</th>
          <th scope="col">{t("earnings.chartClawedBack")}</th>
        </tr>
      </thead>
      <tbody>
        <For each={activeDays(props.data)}>
          {(d) => (
            <tr>
              <th scope="row">{formatDay(d.day, locale())}</th>
              <td>{money(d.earnedFen)}</td>
              <td>{money(d.clawedBackFen)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
