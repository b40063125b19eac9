import type { StatBucket } from '../api/types.js';

/** The event types the statistics count, in the order the charts stack and colour them. */
export const CHART_TYPES = ['detention', 'arrest', 'search', 'custody', 'sentence'] as const;

/** Regions, cases and articles beyond this many are summed into one "other" bar, so the chart stays readable. */
export const TOP_N = 10;

/** Month ranges longer than this (a mistyped year) are not filled in month by month. */
const MAX_FILLED_MONTHS = 600;

/** The key of the row that sums the categories beyond the top ones (no real region, case or article has it). */
export const OTHER_KEY = '\u0000other';

export type ChartKind = 'line' | 'bar';

/**
 * The data behind one chart: a category per row, a count of events per type per column.
 * `{ kinds: 'line', types: ['detention'], rows: [{ key: '2024-03', counts: [4] }] }`.
 */
export interface ChartData {
  kind: ChartKind;
  types: string[];
  rows: Array<{ key: string; label?: string | null; counts: number[] }>;
  /** How many categories the "other" row sums (0 when there is none). */
  otherCount: number;
}

/** The types present in these buckets, in CHART_TYPES order (any unknown type after them). */
function typesOf(buckets: StatBucket[]): string[] {
  const present = new Set(buckets.map((b) => b.type));
  return [
    ...CHART_TYPES.filter((t) => present.has(t)),
    ...[...present].filter((t) => !(CHART_TYPES as readonly string[]).includes(t)).sort(),
  ];
}

/** '2024-03' → '2024-04'. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Events by month and type, every month between the first and the last one present (a month without events is a
 * zero, not a gap the line skips over). Events without a known month are left out of the chart (the table has them).
 */
export function monthSeries(buckets: StatBucket[]): ChartData {
  const dated = buckets.filter((b) => /^\d{4}-\d{2}$/.test(b.key));
  const types = typesOf(dated);
  const byKey = new Map<string, number[]>();
  for (const b of dated) {
    const counts = byKey.get(b.key) ?? types.map(() => 0);
    counts[types.indexOf(b.type)]! += b.events;
    byKey.set(b.key, counts);
  }
  const present = [...byKey.keys()].sort();
  let months = present;
  if (present.length > 1) {
    const filled: string[] = [];
    for (let m = present[0]!; m <= present[present.length - 1]! && filled.length <= MAX_FILLED_MONTHS; m = nextMonth(m))
      filled.push(m);
    if (filled.length <= MAX_FILLED_MONTHS) months = filled;
  }
  return {
    kind: 'line',
    types,
    rows: months.map((key) => ({ key, counts: byKey.get(key) ?? types.map(() => 0) })),
    otherCount: 0,
  };
}

/**
 * Events by category (region, case, article) and type: the `top` categories with the most events, largest first,
 * and the rest summed into one row with the key OTHER_KEY — with `beyond`, categories the buckets do not hold (the
 * cases the API left out, with their events per type) among the rest.
 */
export function topSeries(
  buckets: StatBucket[],
  top = TOP_N,
  beyond: { count: number; events: Array<{ type: string; events: number }> } = { count: 0, events: [] },
): ChartData {
  const types = typesOf([...buckets, ...beyond.events.map((e) => ({ key: '', type: e.type, events: 0, persons: 0 }))]);
  const byKey = new Map<string, { label: string | null; counts: number[] }>();
  for (const b of buckets) {
    const row = byKey.get(b.key) ?? { label: b.caseName ?? null, counts: types.map(() => 0) };
    row.counts[types.indexOf(b.type)]! += b.events;
    byKey.set(b.key, row);
  }
  const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  const sorted = [...byKey.entries()].sort(
    ([ka, a], [kb, b]) => total(b.counts) - total(a.counts) || (ka < kb ? -1 : ka > kb ? 1 : 0),
  );
  const kept = sorted.length + beyond.count > top + 1 ? sorted.slice(0, top) : sorted;
  const rest = sorted.slice(kept.length);
  const rows = kept.map(([key, row]) => ({ key, label: row.label, counts: row.counts }));
  const otherCount = rest.length + beyond.count;
  if (otherCount > 0)
    rows.push({
      key: OTHER_KEY,
      label: null,
      counts: types.map(
        (type, i) =>
          rest.reduce((sum, [, row]) => sum + row.counts[i]!, 0) +
          beyond.events.filter((e) => e.type === type).reduce((sum, e) => sum + e.events, 0),
      ),
    });
  return { kind: 'bar', types, rows, otherCount };
}

/** The chart's data as CSV cells: a header (the category, then each type), then one line per category. */
export function chartTable(
  data: ChartData,
  header: { key: string; type: (type: string) => string },
  label: (row: ChartData['rows'][number]) => string,
): Array<Array<string | number>> {
  return [[header.key, ...data.types.map(header.type)], ...data.rows.map((row) => [label(row), ...row.counts])];
}
