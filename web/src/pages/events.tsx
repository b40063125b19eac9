import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, lazy, Suspense, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../api/client.js';
import type { EventList } from '../api/types.js';
import { Pager, useOffsetInRange } from '../components/pager.js';
import { EvidenceQuote, useRecordLabels } from '../components/record-labels.js';
import { EmptyState, ErrorState, Loading, RefusedDates } from '../components/states.js';
import { checkDates } from '../dates.js';
import { useFormat } from '../format.js';
import { FacetSelect } from './cases.js';
import { useFocusLater } from '../focus-later.js';
import { useFormDraft, useUrlFilters } from '../url-filters.js';

// The map and its world geometry load only when the map is opened (a chunk of their own).
const EventsMap = lazy(() => import('../components/events-map.js'));

const PAGE_SIZE = 50;
/** The filters the table and the map share, all kept in the address. */
export const EVENT_FILTERS = ['type', 'from', 'to', 'region', 'caseId', 'placeId'] as const;
export type EventFilterValues = Record<(typeof EVENT_FILTERS)[number], string>;

/** Events as a table and on a map, with filters (type, dates, region, case, place) kept in the address. */
export function EventsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useRecordLabels();
  const [params, set] = useUrlFilters();
  const ids = { from: useId(), to: useId(), type: useId(), region: useId(), caseId: useId() };
  const view = params.get('view') === 'map' ? 'map' : params.get('view') === 'timeline' ? 'timeline' : 'table';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const filters = Object.fromEntries(EVENT_FILTERS.map((f) => [f, params.get(f) ?? ''])) as EventFilterValues;
  // Dates typed by hand into the address that the API would refuse are said and left out rather than failing the page.
  const { sent, refused } = checkDates(filters, ['from', 'to']);
  const [draft, setField] = useFormDraft({ from: filters.from, to: filters.to });
  const applyRef = useRef<HTMLButtonElement>(null);
  const focusLater = useFocusLater();

  const list = useQuery({
    queryKey: ['events', 'list', sent, offset],
    queryFn: ({ signal }) => api<EventList>(`/api/v1/events${query({ ...sent, limit: PAGE_SIZE, offset })}`, { signal }),
    placeholderData: keepPreviousData,
  });
  useOffsetInRange(offset, PAGE_SIZE, view === 'map' || list.isPlaceholderData ? undefined : list.data?.total);
  const onDates = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    set({ from: draft.from, to: draft.to, offset: null });
  };
  const filtered = EVENT_FILTERS.some((f) => filters[f] !== '');
  const placeName = list.data?.items.find((e) => e.place?.id === filters.placeId)?.place?.name;
  const caseFacet = list.data?.facets.case ?? [];
  // A case chosen elsewhere (its page links here) is named even before its first answer arrives.
  const caseLabels = new Map(caseFacet.map((c) => [c.value, c.label]));

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('events.title')}</h1>
        <p className="lead">{t('events.intro')}</p>
      </div>
      <section className="panel">
        <form className="filters" onSubmit={onDates} aria-label={t('events.filters')}>
          <FacetSelect
            id={ids.type}
            label={t('events.type')}
            any={t('events.anyType')}
            value={filters.type}
            values={list.data?.facets.type ?? []}
            labelOf={labels.eventType}
            onChange={(v) => set({ type: v, offset: null })}
          />
          <FacetSelect
            id={ids.region}
            label={t('events.region')}
            any={t('events.anyRegion')}
            value={filters.region}
            values={list.data?.facets.region ?? []}
            onChange={(v) => set({ region: v, offset: null })}
          />
          <FacetSelect
            id={ids.caseId}
            label={t('events.case')}
            any={t('events.anyCase')}
            value={filters.caseId}
            values={caseFacet}
            labelOf={(v) => caseLabels.get(v) ?? t('events.oneCase')}
            onChange={(v) => set({ caseId: v, offset: null })}
          />
          <div className="field">
            <label htmlFor={ids.from}>{t('events.from')}</label>
            <input id={ids.from} name="from" type="date" value={draft.from} onChange={(e) => setField('from', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.to}>{t('events.to')}</label>
            <input id={ids.to} name="to" type="date" value={draft.to} onChange={(e) => setField('to', e.target.value)} />
          </div>
          <div className="filters__actions">
            <button type="submit" className="button" ref={applyRef}>
              {t('events.applyDates')}
            </button>
            {filtered ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  set(Object.fromEntries([...EVENT_FILTERS.map((f) => [f, null]), ['offset', null]]));
                  // The button goes with the filters: the keyboard stays in the form, on Apply.
                  focusLater(() => applyRef.current);
                }}
              >
                {t('events.clear')}
              </button>
            ) : null}
          </div>
        </form>
        <RefusedDates values={refused} />
        {filters.placeId ? (
          <p className="chip-row">
            <span className="chip">
              {t('events.atPlace', { place: placeName ?? t('events.onePlace') })}{' '}
              <button type="button" className="button button--secondary button--small" onClick={() => set({ placeId: null, offset: null })}>
                {t('events.anyPlace')}
              </button>
            </span>
          </p>
        ) : null}
        <div className="view-switch" role="group" aria-label={t('events.view')}>
          <button type="button" className={`button button--small${view === 'table' ? '' : ' button--secondary'}`} aria-pressed={view === 'table'} onClick={() => set({ view: null })}>
            {t('events.table')}
          </button>
          <button type="button" className={`button button--small${view === 'timeline' ? '' : ' button--secondary'}`} aria-pressed={view === 'timeline'} onClick={() => set({ view: 'timeline' })}>
            {t('events.timeline')}
          </button>
          <button type="button" className={`button button--small${view === 'map' ? '' : ' button--secondary'}`} aria-pressed={view === 'map'} onClick={() => set({ view: 'map' })}>
            {t('events.map')}
          </button>
        </div>
        {view === 'map' ? (
          <Suspense fallback={<Loading />}>
            <EventsMap filters={sent} />
          </Suspense>
        ) : (
          <>
            {list.isPending ? <Loading /> : null}
            {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
            {list.data ? (
              <p className="muted result-count" aria-live="polite" aria-busy={list.isPlaceholderData}>
                {t('events.count', { count: list.data.total })}
              </p>
            ) : null}
            {list.data && list.data.total === 0 ? <EmptyState title={filtered ? t('events.emptyFiltered') : t('events.empty')} /> : null}
            {view === 'timeline' && list.data && list.data.items.length > 0 ? (
              <ol className="timeline" aria-label={t('events.timeline')}>
                {list.data.items.map((e) => (
                  <li key={e.id} className="timeline__item event-row">
                    <p className="timeline__date">{e.date ? format.partialDate(e.date) : t('person.undated')}</p>
                    <p>
                      <strong>
                        <Link to={`/events/${encodeURIComponent(e.id)}`}>{labels.eventType(e.type)}</Link>
                      </strong>
                      {e.place ? ` · ${e.place.name}` : ''}
                      {e.persons.map((p, i) => (
                        <span key={`${p.id}-${p.role}`}>
                          {i === 0 ? ' · ' : ', '}
                          <Link to={`/persons/${p.id}`}>{p.name}</Link>
                        </span>
                      ))}
                      {e.case ? (
                        <>
                          {' · '}
                          <Link to={`/cases/${e.case.id}`}>{e.case.name}</Link>
                        </>
                      ) : null}
                    </p>
                    {e.evidence.slice(0, 1).map((ev) => (
                      <EvidenceQuote key={ev.id} evidence={ev} />
                    ))}
                  </li>
                ))}
              </ol>
            ) : null}
            {view === 'table' && list.data && list.data.items.length > 0 ? (
              <div className="table-wrap">
                <table className="table" aria-label={t('events.title')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('events.columns.date')}</th>
                      <th scope="col">{t('events.columns.type')}</th>
                      <th scope="col">{t('events.columns.place')}</th>
                      <th scope="col">{t('events.columns.persons')}</th>
                      <th scope="col">{t('events.columns.case')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((e) => (
                      <tr key={e.id} className="event-row">
                        <td>{e.date ? format.partialDate(e.date) : t('person.undated')}</td>
                        <td>
                          <Link to={`/events/${encodeURIComponent(e.id)}`}>{labels.eventType(e.type)}</Link>
                        </td>
                        <td>
                          {e.place ? (
                            <>
                              {e.place.name}
                              {e.place.region && e.place.region !== e.place.name ? <span className="muted"> · {e.place.region}</span> : null}
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td>
                          {e.persons.length === 0
                            ? '—'
                            : e.persons.map((p, i) => (
                                <span key={`${p.id}-${p.role}`}>
                                  {i > 0 ? ', ' : ''}
                                  <Link to={`/persons/${p.id}`}>{p.name}</Link>
                                </span>
                              ))}
                        </td>
                        <td>{e.case ? <Link to={`/cases/${e.case.id}`}>{e.case.name}</Link> : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            <Pager offset={offset} limit={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(o) => set({ offset: String(o) })} />
          </>
        )}
      </section>
    </div>
  );
}
