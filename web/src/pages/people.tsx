import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type FormEvent, useEffect, useId, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../api/client.js';
import type { PersonList, PersonRow } from '../api/types.js';
import { PERSON_STATUSES, useRecordLabels } from '../components/record-labels.js';
import { EmptyState, ErrorState, Loading, RefusedDates } from '../components/states.js';
import { checkDates } from '../dates.js';
import { useFormat } from '../format.js';
import { useFocusLater } from '../focus-later.js';
import { useFormDraft, useUrlFilters } from '../url-filters.js';

/** Rows fetched per request; the table asks only for the pages the visible window needs. */
const PAGE_SIZE = 100;
const ROW_HEIGHT = 41;
const SORTS = ['name', 'status', 'region', 'lastEvent', 'case'] as const;
type Sort = (typeof SORTS)[number];
const FILTERS = ['q', 'status', 'region', 'case', 'article', 'from', 'to'] as const;

/**
 * The people table: every reviewed person the user may see (100,000 and more), in a virtualized table that keeps
 * only the visible window of rows in the page and loads their pages from the server as the reader scrolls.
 * Search, facets with counts (status, region, case, article, event dates) and sorting are done by the server;
 * every filter and the sort are kept in the address, so a view can be bookmarked and shared.
 */
export function PeoplePage() {
  const { t } = useTranslation();
  const [params, set] = useUrlFilters({ replace: true });
  // Event dates in the address the API would refuse are said and left out rather than failing the table.
  const { sent: filters, refused } = checkDates(
    Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<(typeof FILTERS)[number], string>,
    ['from', 'to'],
  );
  const sort: Sort = SORTS.find((s) => s === params.get('sort')) ?? 'name';
  const order: 'asc' | 'desc' = params.get('order') === 'desc' ? 'desc' : 'asc';
  const filterQuery = { ...filters, sort, order };
  // The first request brings the total and the facet counts; the rows come page by page.
  const summary = useQuery({
    queryKey: ['persons', 'table', 'summary', filters],
    queryFn: ({ signal }) => api<PersonList>(`/api/v1/persons${query({ ...filters, limit: 1, facets: 'true' })}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const active = FILTERS.some((f) => filters[f] !== '');

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('people.title')}</h1>
        <p className="lead">{t('people.intro')}</p>
      </div>
      <div className="people-layout">
        <Facets filters={filters} data={summary.data} onChange={set} />
        <section className="panel people-main" aria-label={t('people.tableLabel')}>
          <RefusedDates values={refused} />
          {summary.isPending ? <Loading /> : null}
          {summary.isError ? <ErrorState error={summary.error} onRetry={() => void summary.refetch()} /> : null}
          {summary.data ? (
            <p className="muted" role="status" data-testid="people-count">
              {t('people.count', { count: summary.data.total })}
            </p>
          ) : null}
          {summary.data && summary.data.total === 0 ? <EmptyState title={active ? t('people.emptyFiltered') : t('people.empty')} /> : null}
          {summary.data && summary.data.total > 0 ? (
            <VirtualTable
              total={summary.data.total}
              filterQuery={filterQuery}
              sort={sort}
              order={order}
              onSort={(s) => set({ sort: s === 'name' ? null : s, order: s === sort && order === 'asc' ? 'desc' : null })}
            />
          ) : null}
        </section>
      </div>
    </div>
  );
}

function Facets({
  filters,
  data,
  onChange,
}: {
  filters: Record<(typeof FILTERS)[number], string>;
  data: PersonList | undefined;
  onChange: (changes: Record<string, string | null>) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useRecordLabels();
  const ids = { q: useId(), status: useId(), region: useId(), case: useId(), article: useId(), from: useId(), to: useId() };
  const facets = data?.facets;
  const [draft, setField] = useFormDraft({ q: filters.q, from: filters.from, to: filters.to });
  const searchRef = useRef<HTMLInputElement>(null);
  const focusLater = useFocusLater();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ q: draft.q.trim(), from: draft.from, to: draft.to });
  };
  const withCount = (label: string, count: number) => t('people.facetValue', { label, count: format.number(count) });
  /** A facet as a select: every value with its count, and the chosen value kept even when it now counts none. */
  const select = (name: 'status' | 'region' | 'case' | 'article', values: Array<{ value: string; label: string; count: number }>, label: (v: { value: string; label: string }) => string) => {
    const chosen = filters[name];
    const list = chosen && !values.some((v) => v.value === chosen) ? [{ value: chosen, label: chosen, count: 0 }, ...values] : values;
    return (
      <div className="field">
        <label htmlFor={ids[name]}>{t(`people.facets.${name}`)}</label>
        <select id={ids[name]} name={name} value={chosen} onChange={(e) => onChange({ [name]: e.target.value })}>
          <option value="">{t('people.facets.any')}</option>
          {list.map((v) => (
            <option key={v.value} value={v.value}>
              {withCount(label(v), v.count)}
            </option>
          ))}
        </select>
      </div>
    );
  };
  return (
    <aside className="panel people-facets" aria-label={t('people.facets.title')}>
      <form onSubmit={onSubmit} role="search">
        <div className="field">
          <label htmlFor={ids.q}>{t('people.search')}</label>
          <input
            ref={searchRef}
            id={ids.q}
            name="q"
            type="search"
            value={draft.q}
            onChange={(e) => setField('q', e.target.value)}
            placeholder={t('people.searchPlaceholder')}
          />
        </div>
        <fieldset className="people-facets__dates">
          <legend>{t('people.facets.date')}</legend>
          {facets?.date.min ? (
            <p className="muted">{t('people.facets.dateRange', { min: format.partialDate(facets.date.min), max: format.partialDate(facets.date.max) })}</p>
          ) : null}
          <div className="field">
            <label htmlFor={ids.from}>{t('people.facets.from')}</label>
            <input id={ids.from} name="from" type="date" value={draft.from} onChange={(e) => setField('from', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.to}>{t('people.facets.to')}</label>
            <input id={ids.to} name="to" type="date" value={draft.to} onChange={(e) => setField('to', e.target.value)} />
          </div>
        </fieldset>
        <p>
          <button type="submit" className="button">
            {t('people.apply')}
          </button>
        </p>
      </form>
      {select(
        'status',
        (facets?.status ?? []).filter((v) => PERSON_STATUSES.includes(v.value)),
        (v) => labels.personStatus(v.value),
      )}
      {select('region', facets?.region ?? [], (v) => v.label)}
      {select('case', facets?.case ?? [], (v) => v.label)}
      {select('article', facets?.article ?? [], (v) => v.label)}
      {FILTERS.some((f) => filters[f] !== '') ? (
        <p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              onChange(Object.fromEntries(FILTERS.map((f) => [f, null])));
              // The button goes with the filters: the keyboard starts again from the search field.
              focusLater(() => searchRef.current);
            }}
          >
            {t('people.facets.clear')}
          </button>
        </p>
      ) : null}
    </aside>
  );
}

function VirtualTable({
  total,
  filterQuery,
  sort,
  order,
  onSort,
}: {
  total: number;
  filterQuery: Record<string, string>;
  sort: Sort;
  order: 'asc' | 'desc';
  onSort: (sort: Sort) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useRecordLabels();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  // A new sort or filter is a new list: start again from its top.
  const listKey = JSON.stringify(filterQuery);
  useEffect(() => {
    if (listKey && scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [listKey]);
  const items = virtualizer.getVirtualItems();
  const pages = useMemo(() => {
    const wanted = new Set<number>();
    for (const item of items) wanted.add(Math.floor(item.index / PAGE_SIZE));
    return [...wanted].sort((a, b) => a - b);
  }, [items]);
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: ['persons', 'table', 'page', filterQuery, page],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api<PersonList>(`/api/v1/persons${query({ ...filterQuery, limit: PAGE_SIZE, offset: page * PAGE_SIZE })}`, { signal }),
      staleTime: 30_000,
    })),
  });
  const rowAt = (index: number): PersonRow | undefined => {
    const page = Math.floor(index / PAGE_SIZE);
    const at = pages.indexOf(page);
    return at < 0 ? undefined : results[at]?.data?.items[index - page * PAGE_SIZE];
  };
  const failed = results.find((r) => r.isError);
  const columns: Array<{ key: Sort; label: string }> = [
    { key: 'name', label: t('people.columns.name') },
    { key: 'status', label: t('people.columns.status') },
    { key: 'region', label: t('people.columns.region') },
    { key: 'lastEvent', label: t('people.columns.lastEvent') },
    { key: 'case', label: t('people.columns.case') },
  ];
  const before = items[0]?.start ?? 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  return (
    <>
      {failed ? <ErrorState error={failed.error} onRetry={() => void failed.refetch()} /> : null}
      <div ref={scrollRef} className="people-scroll" tabIndex={0} aria-label={t('people.scrollLabel')} data-testid="people-scroll">
        <table className="table people-table" aria-rowcount={total + 1} aria-label={t('people.tableLabel')}>
          <thead>
            <tr aria-rowindex={1}>
              {columns.map((c) => (
                <th key={c.key} scope="col" aria-sort={sort === c.key ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" className="sort-button" onClick={() => onSort(c.key)}>
                    {c.label}
                    <span aria-hidden="true">{sort === c.key ? (order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {before > 0 ? (
              <tr aria-hidden="true" className="people-table__spacer">
                <td colSpan={columns.length} style={{ height: before }} />
              </tr>
            ) : null}
            {items.map((item) => {
              const p = rowAt(item.index);
              return (
                <tr key={item.key} aria-rowindex={item.index + 2} className="people-table__row" data-testid="people-row">
                  {p ? (
                    <>
                      <td className="table__title">
                        <Link to={`/persons/${p.id}`}>{p.displayName}</Link>
                      </td>
                      <td>
                        <span className={`badge badge--status-${p.status ?? 'unknown'}`}>{labels.personStatus(p.status)}</span>
                      </td>
                      <td>{p.region ?? '—'}</td>
                      <td>{p.lastEventDate ? format.partialDate(p.lastEventDate) : '—'}</td>
                      <td>{p.cases.map((c) => c.name).join(', ') || '—'}</td>
                    </>
                  ) : (
                    <td colSpan={columns.length} className="muted">
                      {t('app.loading')}
                    </td>
                  )}
                </tr>
              );
            })}
            {after > 0 ? (
              <tr aria-hidden="true" className="people-table__spacer">
                <td colSpan={columns.length} style={{ height: after }} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </>
  );
}
