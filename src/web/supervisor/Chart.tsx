import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';

export type BarSeries = { label: string; values: number[]; color: string };

/**
 * A bar chart drawn by uPlot, loaded only when a chart is first shown. `labels` name the bars
 * on the x axis; the numbers stay in the accessible table the page shows beside the chart.
 */
/** Running totals across series, bar by bar: [[1,2],[3,4]] → [[1,2],[4,6]]. */
export function stackedTotals(values: number[][]): number[][] {
  return values.map((_, i) => values[0].map((__, bar) => values.slice(0, i + 1).reduce((sum, s) => sum + (s[bar] ?? 0), 0)));
}

export function BarChart({ labels, series, height = 220, title }: { labels: string[]; series: BarSeries[]; height?: number; title: string }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const key = JSON.stringify({ labels, series });

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [{ default: UPlot }] = await Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]);
      if (cancelled || !host.current) return;
      const width = host.current.clientWidth || 600;
      // Stacked: each series is drawn as the running total, the tallest first, so the parts show.
      const totals = stackedTotals(series.map((s) => s.values));
      const order = series.map((_, i) => i).reverse();
      const data: uPlot.AlignedData = [labels.map((_, i) => i), ...order.map((i) => totals[i])];
      const bars = UPlot.paths.bars!({ size: [0.7, 60], gap: 2 });
      const options: uPlot.Options = {
        width,
        height,
        legend: { show: series.length > 1, live: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] } },
        axes: [
          { values: (_u, ticks) => ticks.map((i) => labels[Math.round(i)] ?? ''), splits: () => labels.map((_, i) => i), gap: 4 },
          { values: (_u, ticks) => ticks.map((v) => (Number.isInteger(v) ? String(v) : '')) },
        ],
        series: [{}, ...order.map((i) => ({ label: series[i].label, fill: series[i].color, stroke: series[i].color, width: 0, paths: bars, points: { show: false } }))],
      };
      plot.current?.destroy();
      plot.current = new UPlot(options, data, host.current);
    })();
    return () => {
      cancelled = true;
    };
    // The key holds every input the chart is drawn from.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, height]);

  useEffect(() => () => plot.current?.destroy(), []);
  return <div className="sv-chart" ref={host} role="img" aria-label={title} />;
}
