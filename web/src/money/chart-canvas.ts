import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { TIME_ZONE } from "../i18n/format";
import type { ChartData } from "./chart-data";

/*
 * The earnings chart's drawing, with uPlot (a small canvas chart library, ~50 kB): loaded only
 * by pages that draw a chart (money/chart.tsx imports this module dynamically), never with the
 * sign-in bundle. Values stay integers of fen; axes step in whole yuan.
 */

export interface ChartText {
  day: string;
  earned: string;
  clawedBack: string;
  cumulative: string;
  /** An integer of fen in words ("¥1,200"). */
  fen: (fen: number) => string;
  /** A day on the axis ("11/18"), from Unix seconds. */
  dayOf: (seconds: number) => string;
}

const YUAN_STEPS = [1, 2, 5].flatMap((m) => [100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000].map((p) => m * p)).sort((a, b) => a - b);
const DAY = 86_400;
const DAY_STEPS = [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 61 * DAY, 91 * DAY];
const atLeastOneYuan = (_u: uPlot, min: number, max: number): uPlot.Range.MinMax => [Math.min(0, min), Math.max(100, max)];

export function draw(el: HTMLElement, data: ChartData, text: ChartText, width: number): uPlot {
  const fen = (v: number | null | undefined) => (v == null ? "—" : text.fen(Math.abs(Math.round(v))));
  const ticks = (_u: uPlot, splits: number[]) => splits.map((v) => text.fen(Math.round(v)));
  const bars = uPlot.paths.bars?.({ size: [0.7, 24] });
  const opts: uPlot.Options = {
    width,
    height: 220,
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), TIME_ZONE),
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, fen: { range: atLeastOneYuan }, net: { range: atLeastOneYuan } },
    axes: [
      { incrs: DAY_STEPS, space: 48, values: (_u, splits) => splits.map((s) => text.dayOf(s)) },
      { scale: "fen", incrs: YUAN_STEPS, values: ticks, size: 60 },
      { scale: "net", side: 1, incrs: YUAN_STEPS, values: ticks, size: 60, grid: { show: false } },
    ],
    series: [
      { label: text.day, value: (_u, v) => (v == null ? "" : text.dayOf(v)) },
      { label: text.earned, scale: "fen", stroke: "#17703a", fill: "rgba(23, 112, 58, 0.35)", paths: bars, points: { show: false }, value: (_u, v) => fen(v) },
      {
        label: text.clawedBack,
        scale: "fen",
        stroke: "#b42318",
        fill: "rgba(180, 35, 24, 0.35)",
        paths: bars,
        points: { show: false },
        value: (_u, v) => fen(v),
      },
      {
        label: text.cumulative,
        scale: "net",
        stroke: "#d9363e",
        width: 2,
        points: { show: false },
        value: (_u, v) => (v == null ? "—" : text.fen(Math.round(v))),
      },
    ],
  };
  return new uPlot(opts, [data.x, data.earnedFen, data.clawedBackFen.map((v) => -v), data.cumulativeFen], el);
}
