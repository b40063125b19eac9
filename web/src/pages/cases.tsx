import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../api/client.js';
import type { CaseFacetName, CaseList, Facet } from '../api/types.js';
import { useArticleLabel } from '../components/case-labels.js';
import { Pager, useOffsetInRange } from '../components/pager.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { useFormat } from '../format.js';
import { useFocusLater } from '../focus-later.js';
import { useFormDraft, useUrlFilters } from '../url-filters.js';

const PAGE_SIZE = 25;
const FACETS: CaseFacetName[] = ['article', 'court', 'jurisdiction', 'status', 'region'];
const SORTS = ['name', '-name', 'openedOn', '-openedOn', 'defendants', '-defendants', 'nextHearing'] as const;
type Sort = (typeof SORTS)[number];
type SortColumn = 'name' | 'openedOn' | 'defendants' | 'nextHearing';

/** The reviewed cases with facets (article, court, jurisdiction, status, region), a text filter, sorting and paging. */
export function CasesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const articleLabel = useArticleLabel();
  const [params, set, setParams] = useUrlFilters();
  const qId = useId();
  const facetId = useId();
  const q = params.get('q') ?? '';
  const sort: Sort = SORTS.find((s) => s === params.get('sort')) ?? 'name';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const chosen = Object.fromEntries(FACETS.map((f) => [f, params.get(f) ?? ''])) as Record<CaseFacetName, string>;
  const [draft, setField] = useFormDraft({ q });
  const searchRef = useRef<HTMLInputElement>(null);
  const focusLater = useFocusLater();

  const list = useQuery({
    queryKey: ['cases', 'list', q, sort, offset, chosen],
    queryFn: ({ signal }) => api<CaseList>(`/api/v1/cases${query({ q, sort, ...chosen, limit: PAGE_SIZE, offset })}`, { signal }),
    placeholderData: keepPreviousData,
  });
  useOffsetInRange(offset, PAGE_SIZE, list.isPlaceholderData ? undefined : list.data?.total);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    set({ q: draft.q.trim(), offset: null });
  };
  const filtered = q !== '' || FACETS.some((f) => chosen[f] !== '');

  const sortHeader = (column: SortColumn, label: string) => {
    const ascending = sort === column;
    const descending = sort === `-${column}`;
    const next: Sort = column === 'nextHearing' ? 'nextHearing' : ascending ? (`-${column}` as Sort) : (column as Sort);
    return (
      <th scope="col" aria-sort={ascending ? 'ascending' : descending ? 'descending' : 'none'}>
        <button type="button" className="sort-button" onClick={() => set({ sort: next === 'name' ? null : next, offset: null })}>
          {label}
          <span aria-hidden="true">{ascending ? ' ▲' : descending ? ' ▼' : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('cases.title')}</h1>
        <p className="lead">{t('cases.intro')}</p>
      </div>
      <section className="panel">
        <form className="filters" onSubmit={onSubmit} role="search">
          <div className="field field--grow">
            <label htmlFor={qId}>{t('cases.search')}</label>
            <input
              ref={searchRef}
              id={qId}
              name="q"
              type="search"
              value={draft.q}
              onChange={(e) => setField('q', e.target.value)}
              placeholder={t('cases.searchPlaceholder')}
            />
          </div>
          <div className="filters__actions">
            <button type="submit" className="button">
              {t('cases.apply')}
            </button>
          </div>
        </form>
        <div className="filters">
          {FACETS.map((f) => (
            <FacetSelect
              key={f}
              id={`${facetId}-${f}`}
              label={t(`cases.facets.${f}`)}
              any={t('cases.any')}
              value={chosen[f]}
              values={list.data?.facets[f] ?? []}
              onChange={(v) => set({ [f]: v, offset: null })}
            />
          ))}
          {filtered ? (
            <div className="filters__actions">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setParams(new URLSearchParams(params.get('lang') ? { lang: params.get('lang') as string } : {}));
                  // The button goes with the filters: the keyboard starts again from the search field.
                  focusLater(() => searchRef.current);
                }}
              >
                {t('cases.clear')}
              </button>
            </div>
          ) : null}
        </div>
        {list.isPending ? <Loading /> : null}
        {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.data ? (
          <p className="muted result-count" aria-live="polite" aria-busy={list.isPlaceholderData}>
            {t('cases.count', { count: list.data.total })}
          </p>
        ) : null}
        {list.data && list.data.total === 0 ? <EmptyState title={filtered ? t('cases.emptyFiltered') : t('cases.empty')} /> : null}
        {list.data && list.data.items.length > 0 ? (
          <div className="table-wrap">
            <table className="table" aria-label={t('cases.title')}>
              <thead>
                <tr>
                  {sortHeader('name', t('cases.columns.name'))}
                  <th scope="col">{t('cases.columns.articles')}</th>
                  <th scope="col">{t('cases.columns.court')}</th>
                  <th scope="col">{t('cases.columns.status')}</th>
                  <th scope="col">{t('cases.columns.regions')}</th>
                  {sortHeader('defendants', t('cases.columns.defendants'))}
                  {sortHeader('openedOn', t('cases.columns.openedOn'))}
                  {sortHeader('nextHearing', t('cases.columns.nextHearing'))}
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((c) => (
                  <tr key={c.id}>
                    <td className="table__title">
                      <Link to={`/cases/${c.id}`}>{c.name}</Link>
                    </td>
                    <td>{c.articles.map(articleLabel).join('; ')}</td>
                    <td>{[c.court, c.jurisdiction].filter(Boolean).join(' · ')}</td>
                    <td>{c.status ?? '—'}</td>
                    <td>{c.regions.join(', ') || '—'}</td>
                    <td className="num">{format.number(c.defendantCount)}</td>
                    <td>{c.openedOn ? format.partialDate(c.openedOn) : '—'}</td>
                    <td>{c.nextHearing ? format.partialDate(c.nextHearing) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <Pager offset={offset} limit={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(o) => set({ offset: String(o) })} />
      </section>
    </div>
  );
}

/** A facet as a select: "Any" plus each value with its count; the chosen value stays offered even at zero. */
export function FacetSelect({
  id,
  label,
  any,
  value,
  values,
  labelOf = (v) => v,
  onChange,
}: {
  id: string;
  label: string;
  any: string;
  value: string;
  values: Facet[];
  labelOf?: (value: string) => string;
  onChange: (value: string) => void;
}) {
  const format = useFormat();
  const options = value && !values.some((v) => v.value === value) ? [{ value, count: 0 }, ...values] : values;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{any}</option>
        {options.map((v) => (
          <option key={v.value} value={v.value}>
            {`${labelOf(v.value)} (${format.number(v.count)})`}
          </option>
        ))}
      </select>
    </div>
  );
}
