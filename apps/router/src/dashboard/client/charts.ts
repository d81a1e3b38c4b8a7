import uPlot from 'uplot';
import { h } from './dom.ts';

/** One line or stack layer of a chart. */
export interface ChartSeries {
  label: string;
  values: readonly (number | null)[];
}

export interface ChartOptions {
  title: string;
  /** Start of each point (ISO 8601), as the stats API answers them. */
  times: readonly string[];
  series: readonly ChartSeries[];
  /** How values read on the axis and in the legend. */
  format: (value: number) => string;
  /** Bars stacked on one another (spend by model...), instead of lines. */
  stacked?: boolean;
}

const palette = [
  '#2563eb',
  '#f97316',
  '#16a34a',
  '#dc2626',
  '#9333ea',
  '#0891b2',
  '#ca8a04',
  '#db2777',
  '#4b5563',
  '#65a30d',
];
const height = 220;
/** Charts of the page on screen: destroyed when the page changes, so none outlives its canvas. */
const live = new Set<{ chart?: uPlot; observer: ResizeObserver }>();

/**
 * A uPlot time chart that sizes itself to its container (and follows it on a phone turned
 * sideways). Labels go into uPlot's legend as text, never as markup.
 * @example chartOf({ title: 'Errors', times, series: [{ label: 'errors', values }], format: String })
 */
export function chartOf(options: ChartOptions): HTMLElement {
  const container = h('div', { class: 'chart', role: 'img', 'aria-label': options.title });
  const data = chartData(options);
  const entry: { chart?: uPlot; observer: ResizeObserver } = {
    observer: new ResizeObserver(() => {
      const width = container.clientWidth;
      if (width === 0) return;
      if (entry.chart === undefined)
        entry.chart = new uPlot(chartOptions(options, width), data, container);
      else if (Math.abs(entry.chart.width - width) > 1) entry.chart.setSize({ width, height });
    }),
  };
  entry.observer.observe(container);
  live.add(entry);
  return h('figure', { class: 'chart-figure' }, h('figcaption', null, options.title), container);
}

/** Destroys the charts of the page being left. */
export function disposeCharts(): void {
  for (const entry of live) {
    entry.observer.disconnect();
    entry.chart?.destroy();
  }
  live.clear();
}

function chartData(options: ChartOptions): uPlot.AlignedData {
  const times = options.times.map((time) => Date.parse(time) / 1000);
  if (!options.stacked) return [times, ...options.series.map((series) => [...series.values])];
  // Bars drawn from zero: the layer drawn last is the lowest, so each is drawn at its running
  // total, the biggest total first.
  const totals: number[][] = [];
  let running = times.map(() => 0);
  for (const series of options.series) {
    running = running.map((sum, index) => sum + (series.values[index] ?? 0));
    totals.push(running);
  }
  return [times, ...totals.reverse()];
}

function chartOptions(options: ChartOptions, width: number): uPlot.Options {
  const ordered = options.stacked ? [...options.series].reverse() : options.series;
  const count = options.series.length;
  const bars = uPlot.paths.bars?.({ size: [0.7, 40] });
  return {
    width,
    height,
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true } },
    axes: [
      {},
      {
        values: (_chart, splits) => splits.map((value) => options.format(value)),
        // Wide enough for the longest tick label (small dollar amounts run long).
        size: (_chart, values) =>
          16 + 7 * Math.max(3, ...(values ?? []).map((text) => text.length)),
      },
    ],
    series: [
      {},
      ...ordered.map((series, index): uPlot.Series => {
        const color = palette[(options.stacked ? count - 1 - index : index) % palette.length];
        return {
          label: series.label,
          stroke: color,
          width: 1.5,
          ...(options.stacked ? { fill: color, paths: bars } : { points: { filter: isolated } }),
          // The legend shows the layer's own value, not its running total.
          value: (_chart, _value, _series, point) =>
            point === null || point === undefined || series.values[point] == null
              ? '—'
              : options.format(series.values[point] as number),
        };
      }),
    ],
  };
}

/**
 * Where uPlot would draw no points, the points with no neighbour: a lone value between gaps
 * (one latency reading in an hour) has no line to show it.
 */
function isolated(chart: uPlot, seriesIndex: number, show: boolean): number[] | null {
  if (show) return null;
  const values = chart.data[seriesIndex] ?? [];
  const lone: number[] = [];
  values.forEach((value, index) => {
    if (value != null && values[index - 1] == null && values[index + 1] == null) lone.push(index);
  });
  return lone.length === 0 ? null : lone;
}
