import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartData } from '../charts/stat-series.js';

/** Colours with at least 3:1 contrast against white (WCAG 1.4.11), one per event type in CHART_TYPES order. */
const COLORS = ['#1d4f91', '#b35c00', '#1e6b34', '#a3231b', '#5b3f8c', '#4d5661'];
const WIDTH_FALLBACK = 800;

export interface StatChartProps {
  /** Identifies the chart in file names and test ids: 'byMonth', 'byRegion' … */
  name: string;
  title: string;
  /** What the chart shows, in words, for screen readers (the table beside it has the figures). */
  summary: string;
  data: ChartData;
  /** The label of a category on the axis, in the UI language. */
  categoryLabel: (row: ChartData['rows'][number]) => string;
  typeLabel: (type: string) => string;
  number: (value: number) => string;
  /** File name without extension, e.g. 'chronicle-byMonth-from-2024'. */
  fileBase: string;
  /** The data behind the chart as CSV text, saved by the CSV button. */
  csv: () => string;
  save: (name: string, blob: Blob) => void;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The ECharts option of a chart: a dataset with one column per type; lines by month, stacked bars otherwise. */
function chartOption(props: StatChartProps): EChartsCoreOption {
  const { data } = props;
  const horizontal = data.kind === 'bar';
  const category = {
    type: 'category',
    ...(horizontal ? { inverse: true } : {}),
    axisLabel: horizontal
      ? { width: 180, overflow: 'truncate', color: '#1b1f24' }
      : { color: '#1b1f24', hideOverlap: true },
  };
  const value = {
    type: 'value',
    minInterval: 1,
    axisLabel: { color: '#1b1f24', formatter: (v: number) => props.number(v) },
  };
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: COLORS,
    textStyle: { fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif' },
    dataset: {
      dimensions: ['category', ...data.types],
      source: data.rows.map((row) => [props.categoryLabel(row), ...row.counts]),
    },
    legend: { top: 0, textStyle: { color: '#1b1f24' } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: horizontal ? 'shadow' : 'line' },
      // Plain text in the tooltip (no style attributes, which the CSP would refuse).
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as Array<{
          name: string;
          seriesName: string;
          value: Array<string | number>;
          encode: Record<string, number[]>;
        }>;
        const head = list[0] ? escapeHtml(list[0].name) : '';
        const lines = list.map((p) => {
          const column = (p.encode[horizontal ? 'x' : 'y'] ?? [])[0] ?? 1;
          return `${escapeHtml(p.seriesName)}: ${escapeHtml(props.number(Number(p.value[column] ?? 0)))}`;
        });
        return [head, ...lines].join('<br>');
      },
    },
    grid: { top: 40, left: 16, right: 24, bottom: 16, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: data.types.map((type, i) => ({
      type: data.kind,
      name: props.typeLabel(type),
      ...(horizontal
        ? { stack: 'total', barMaxWidth: 28, encode: { y: 0, x: i + 1 } }
        : { encode: { x: 0, y: i + 1 }, showSymbol: data.rows.length <= 36 }),
    })),
  };
}

/** Draws the chart's SVG on a canvas at twice its size and returns it as PNG. */
async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * 2;
    canvas.height = height * 2;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** One statistics chart (ECharts, SVG), described for screen readers, downloadable as CSV, SVG and PNG. */
export function StatChart(props: StatChartProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const latest = useRef(props);
  latest.current = props;

  // Loads ECharts (a separate chunk) and creates the chart once; disposes it when the page goes.
  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    import('../charts/echarts.js')
      .then(({ init }) => {
        if (disposed || !container.current) return;
        chart.current = init(container.current, null, {
          renderer: 'svg',
          width: container.current.clientWidth || WIDTH_FALLBACK,
        });
        observer = new ResizeObserver(() =>
          chart.current?.resize({ width: container.current?.clientWidth || WIDTH_FALLBACK }),
        );
        observer.observe(container.current);
        setReady(true);
      })
      .catch(() => setFailed(true));
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  // Draws (again) whenever the data or the language changes.
  useEffect(() => {
    if (ready) chart.current?.setOption(chartOption(props), { notMerge: true });
  });

  const svg = () => chart.current?.renderToSVGString({ useViewBox: true }) ?? '';
  const saveSvg = () => props.save(`${props.fileBase}.svg`, new Blob([svg()], { type: 'image/svg+xml;charset=utf-8' }));
  const savePng = async () => {
    const current = chart.current;
    if (!current) return;
    const png = await svgToPng(svg(), current.getWidth(), current.getHeight());
    latest.current.save(`${props.fileBase}.png`, png);
  };
  const saveCsv = () =>
    props.save(`${props.fileBase}.csv`, new Blob([`\ufeff${props.csv()}`], { type: 'text/csv;charset=utf-8' }));

  return (
    <figure className="chart" data-testid={`chart-${props.name}`}>
      <figcaption className="chart__head">
        <span className="chart__title">{props.title}</span>
        <span className="chart__actions" role="group" aria-label={t('stats.chart.downloads', { title: props.title })}>
          <button type="button" className="button button--secondary button--small" onClick={saveCsv}>
            {t('stats.chart.csv')}
          </button>
          <button type="button" className="button button--secondary button--small" disabled={!ready} onClick={saveSvg}>
            {t('stats.chart.svg')}
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={!ready}
            onClick={() => void savePng()}
          >
            {t('stats.chart.png')}
          </button>
        </span>
      </figcaption>
      {failed ? <p className="hint">{t('stats.chart.failed')}</p> : null}
      <div ref={container} className="chart__canvas" role="img" aria-label={props.summary} />
    </figure>
  );
}
