import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, query } from '../api/client.js';
import type { RecordStats, StatBucket } from '../api/types.js';
import { type ChartData, chartTable, monthSeries, OTHER_KEY, TOP_N, topSeries } from '../charts/stat-series.js';
import { useRecordLabels } from '../components/record-labels.js';
import { StatChart } from '../components/stat-chart.js';
import { EmptyState, ErrorState, Loading, RefusedDates } from '../components/states.js';
import { checkDates } from '../dates.js';
import { useFormat } from '../format.js';
import { useFormDraft } from '../url-filters.js';

const DIMENSIONS = ['byMonth', 'byRegion', 'byCase', 'byArticle'] as const;
type Dimension = (typeof DIMENSIONS)[number];

/** `['a"b', 1]` → `"a""b",1` (RFC 4180); a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
export function csvLine(cells: Array<string | number>): string {
  return cells
    .map((cell) => {
      let text = String(cell);
      if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
      return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}

/** Saves a Blob as a file from the page itself (no server round trip), behind a temporary link. */
function save(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves CSV text, with a BOM so spreadsheet programs read the UTF-8 (Cyrillic names) right. */
function download(name: string, text: string): void {
  save(name, new Blob([`\ufeff${text}`], { type: 'text/csv;charset=utf-8' }));
}

/**
 * Counts of accepted detentions, arrests, searches, custody orders and sentences by month, region, case and article,
 * as CSV too.
 */
export function StatsPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const shortMonth = useMemo(
    () =>
      new Intl.DateTimeFormat(i18n.language === 'ru' ? 'ru-RU' : 'en-GB', {
        year: 'numeric',
        month: 'short',
        timeZone: 'UTC',
      }),
    [i18n.language],
  );
  const labels = useRecordLabels();
  const [params, setParams] = useSearchParams();
  const fromId = useId();
  const toId = useId();
  // A period the API would refuse (14.03.2025, 2025-02-30) is said and left out rather than sent.
  const {
    sent: { from, to },
    refused,
  } = checkDates({ from: params.get('from') ?? '', to: params.get('to') ?? '' }, ['from', 'to']);
  const [draft, setField] = useFormDraft({ from, to });
  const stats = useQuery({
    queryKey: ['stats', from, to],
    queryFn: ({ signal }) => api<RecordStats>(`/api/v1/stats${query({ from, to })}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    for (const name of ['from', 'to'] as const) {
      const value = draft[name].trim();
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next);
  };
  const keyLabel = (dimension: Dimension, b: StatBucket) => {
    if (b.key === 'unknown') return t('stats.unknown');
    if (dimension === 'byMonth') return format.partialDate(b.key);
    if (dimension === 'byCase') return b.caseName ?? b.key;
    return b.key;
  };
  const range = `${from ? `-from-${from}` : ''}${to ? `-to-${to}` : ''}`;
  /** The cases byCase leaves out (the API sends the 100 with the most events), 0 when it holds them all. */
  const casesLeftOut = stats.data ? stats.data.caseCount - new Set(stats.data.byCase.map((b) => b.key)).size : 0;
  const series = useMemo(
    () =>
      stats.data
        ? {
            byMonth: monthSeries(stats.data.byMonth),
            byRegion: topSeries(stats.data.byRegion),
            byCase: topSeries(stats.data.byCase, TOP_N, {
              count: casesLeftOut,
              events: stats.data.byCaseOther,
            }),
            byArticle: topSeries(stats.data.byArticle),
          }
        : null,
    [stats.data, casesLeftOut],
  );
  /** A category as the chart's axis and tooltip show it. */
  const chartLabel = (dimension: Dimension, data: ChartData, row: ChartData['rows'][number]) => {
    if (row.key === OTHER_KEY) return t('stats.chart.other', { count: data.otherCount });
    if (row.key === 'unknown') return t('stats.unknown');
    if (dimension === 'byMonth') {
      const [y, m] = row.key.split('-').map(Number) as [number, number];
      return shortMonth.format(new Date(Date.UTC(y, m - 1, 1)));
    }
    return row.label ?? row.key;
  };
  /** The data behind a chart as CSV: months as 2024-03, event types as codes, like the tables' CSV. */
  const chartCsv = (dimension: Dimension, data: ChartData) => {
    const cells = chartTable(data, { key: t(`stats.keys.${dimension}`), type: (type) => type }, (row) =>
      row.key === OTHER_KEY ? t('stats.chart.other', { count: data.otherCount }) : (row.label ?? row.key),
    );
    return `${cells.map(csvLine).join('\r\n')}\r\n`;
  };
  /** The chart in words: how many events, over which months or categories, and where the most are. */
  const chartSummary = (dimension: Dimension, data: ChartData) => {
    const totals = data.rows.map((row) => row.counts.reduce((a, b) => a + b, 0));
    const total = totals.reduce((a, b) => a + b, 0);
    const peakIndex = totals.indexOf(Math.max(...totals));
    const peakRow = data.rows[peakIndex];
    const common = {
      total: format.number(total),
      types: data.types.map((type) => labels.eventType(type)).join(', '),
      peak: peakRow ? chartLabel(dimension, data, peakRow) : '',
      peakCount: format.number(totals[peakIndex] ?? 0),
    };
    if (dimension === 'byMonth')
      return t('stats.chart.summaryMonth', {
        ...common,
        first: data.rows[0] ? format.partialDate(data.rows[0].key) : '',
        last: data.rows.at(-1) ? format.partialDate(data.rows.at(-1)?.key) : '',
      });
    return t('stats.chart.summaryTop', {
      ...common,
      dimension: t(`stats.keys.${dimension}`).toLowerCase(),
      shown: format.number(data.rows.length - (data.otherCount > 0 ? 1 : 0)),
      other: data.otherCount > 0 ? t('stats.chart.summaryOther', { count: data.otherCount }) : '',
    });
  };
  const [csvExport, setCsvExport] = useState<{ dimension: Dimension; busy: boolean; error: unknown } | null>(null);
  const exportCsv = async (dimension: Dimension, shown: StatBucket[]) => {
    // The CSV has every case: fetched when the page holds only the top ones. A failed fetch is said beside the
    // button (the download simply not starting would look like a dead button), and a second click waits for it.
    let buckets = shown;
    if (dimension === 'byCase' && casesLeftOut > 0) {
      setCsvExport({ dimension, busy: true, error: null });
      try {
        buckets = (await api<RecordStats>(`/api/v1/stats${query({ from, to, cases: 'all' })}`)).byCase;
      } catch (error) {
        setCsvExport({ dimension, busy: false, error });
        return;
      }
    }
    setCsvExport(null);
    const header = [
      t(`stats.keys.${dimension}`),
      t('stats.columns.type'),
      t('stats.columns.events'),
      t('stats.columns.persons'),
    ];
    const lines = [
      header,
      ...buckets.map((b) => [dimension === 'byCase' ? (b.caseName ?? b.key) : b.key, b.type, b.events, b.persons]),
    ];
    download(`chronicle-${dimension}${range}.csv`, `${lines.map(csvLine).join('\r\n')}\r\n`);
  };

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('stats.title')}</h1>
        <p className="lead">{t('stats.intro')}</p>
      </div>
      <section className="panel">
        <form className="filters" onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor={fromId}>{t('stats.from')}</label>
            <input
              id={fromId}
              type="text"
              name="from"
              value={draft.from}
              onChange={(e) => setField('from', e.target.value)}
              placeholder="2024-01"
              pattern="\d{4}(-\d{2}(-\d{2})?)?"
            />
          </div>
          <div className="field">
            <label htmlFor={toId}>{t('stats.to')}</label>
            <input
              id={toId}
              type="text"
              name="to"
              value={draft.to}
              onChange={(e) => setField('to', e.target.value)}
              placeholder="2024-12"
              pattern="\d{4}(-\d{2}(-\d{2})?)?"
            />
          </div>
          <div className="filters__actions">
            <button type="submit" className="button">
              {t('stats.apply')}
            </button>
          </div>
        </form>
        <p className="hint">{t('stats.periodHint')}</p>
        <RefusedDates values={refused} />
      </section>
      {stats.isPending ? (
        <>
          <Loading />
          <p className="hint">{t('stats.counting')}</p>
        </>
      ) : null}
      {stats.isError ? <ErrorState error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {stats.data ? (
        <>
          <section className="panel" aria-labelledby="stats-totals">
            <h2 id="stats-totals">{t('stats.totals')}</h2>
            <ul className="stats">
              {Object.entries(stats.data.totals).map(([type, v]) => (
                <li key={type} className="stat">
                  <span className="stat__value">{format.number(v.events)}</span>
                  <span className="stat__label">
                    {labels.eventType(type)} · {t('stats.personsCount', { count: v.persons })}
                  </span>
                </li>
              ))}
            </ul>
            <p>
              {t('stats.sentences', {
                persons: t('stats.sentencedPersons', { count: stats.data.sentences.persons }),
                years: t('stats.sentenceYears', { count: stats.data.sentences.totalYears }),
              })}
            </p>
          </section>
          {DIMENSIONS.map((dimension) => {
            const buckets = stats.data[dimension];
            const data = series?.[dimension];
            return (
              <section key={dimension} className="panel" aria-labelledby={`stats-${dimension}`}>
                <div className="section-head">
                  <h2 id={`stats-${dimension}`}>{t(`stats.dimensions.${dimension}`)}</h2>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={buckets.length === 0 || (csvExport?.dimension === dimension && csvExport.busy)}
                    aria-busy={csvExport?.dimension === dimension && csvExport.busy}
                    onClick={() => void exportCsv(dimension, buckets)}
                  >
                    {t('stats.csv')}
                  </button>
                </div>
                {csvExport?.dimension === dimension && csvExport.error ? (
                  <ErrorState error={csvExport.error} onRetry={() => void exportCsv(dimension, buckets)} />
                ) : null}
                {data && data.rows.length > 0 ? (
                  <StatChart
                    name={dimension}
                    title={t(`stats.chart.titles.${dimension}`, { count: TOP_N })}
                    summary={chartSummary(dimension, data)}
                    data={data}
                    categoryLabel={(row) => chartLabel(dimension, data, row)}
                    typeLabel={labels.eventType}
                    number={format.number}
                    fileBase={`chronicle-${dimension}-chart${range}`}
                    csv={() => chartCsv(dimension, data)}
                    save={save}
                  />
                ) : null}
                {dimension === 'byCase' && casesLeftOut > 0 ? (
                  <p className="muted">
                    {t('stats.casesShown', {
                      shown: format.number(stats.data.caseCount - casesLeftOut),
                      count: stats.data.caseCount,
                    })}
                  </p>
                ) : null}
                {buckets.length === 0 ? (
                  <EmptyState title={t('stats.empty')} />
                ) : (
                  <div className="table-wrap">
                    <table className="table">
                      <thead>
                        <tr>
                          <th scope="col">{t(`stats.keys.${dimension}`)}</th>
                          <th scope="col">{t('stats.columns.type')}</th>
                          <th scope="col" className="num">
                            {t('stats.columns.events')}
                          </th>
                          <th scope="col" className="num">
                            {t('stats.columns.persons')}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {buckets.map((b) => (
                          <tr key={`${b.key}/${b.type}`}>
                            <td>{keyLabel(dimension, b)}</td>
                            <td>{labels.eventType(b.type)}</td>
                            <td className="num">{format.number(b.events)}</td>
                            <td className="num">{format.number(b.persons)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </section>
            );
          })}
        </>
      ) : null}
    </div>
  );
}
