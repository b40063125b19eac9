import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../api/client.js';
import { CONFIDENTIALITY, RELIABILITY, SOURCE_STATES, type SourceList, type SourceState, type SourceSummary } from '../api/types.js';
import { ChoiceOptions } from '../components/choice-options.js';
import { Pager, useOffsetInRange } from '../components/pager.js';
import { EmptyState, ErrorState, Loading, RefusedDates } from '../components/states.js';
import { UploadPanel } from '../components/upload-panel.js';
import { WaitingParts } from '../components/waiting-parts.js';
import { checkDates } from '../dates.js';
import { useFocusLater } from '../focus-later.js';
import { useFormat, useLanguageName, useMediaTypeName } from '../format.js';
import { useFormDraft } from '../url-filters.js';

const PAGE_SIZE = 25;
const READING_POLL_MS = 3_000;
const FILTERS = ['state', 'needsOcr', 'language', 'from', 'to', 'publisher', 'confidentiality', 'reliability'] as const;

/** A source's best name: its title, else its file name, else a word saying it has none. */
export function sourceName(source: Pick<SourceSummary, 'title' | 'fileName'>, untitled: string): string {
  return source.title?.trim() || source.fileName?.split(/[\\/!]/).pop() || untitled;
}

/**
 * The source list with its filters in the address (so a filtered list can be shared and reloaded), and uploads for
 * those who may add sources (`canUpload`; the API answers "not found" to the others).
 */
export function SourcesPage({ canUpload, canSeeJobs }: { canUpload: boolean; canSeeJobs: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const languageName = useLanguageName();
  const mediaTypeName = useMediaTypeName();
  const [params, setParams] = useSearchParams();
  const ids = {
    state: useId(),
    needsOcr: useId(),
    language: useId(),
    from: useId(),
    to: useId(),
    publisher: useId(),
    confidentiality: useId(),
    reliability: useId(),
  };
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const filtered = FILTERS.some((name) => filters[name] !== '');
  // A date in the address the API would refuse is said and left out, rather than failing the list in English.
  const { sent, refused } = checkDates(filters, ['from', 'to']);
  const [draft, setField] = useFormDraft(filters);
  const applyRef = useRef<HTMLButtonElement>(null);
  const focusLater = useFocusLater();

  const list = useQuery({
    queryKey: ['sources', 'list', sent, offset],
    queryFn: ({ signal }) => api<SourceList>(`/api/v1/sources${query({ ...sent, limit: PAGE_SIZE, offset })}`, { signal }),
    placeholderData: keepPreviousData,
    // While a listed source is still being read (by OCR or the extractor), the list looks again now and then, so its
    // text and proposals show up.
    refetchInterval: (q) =>
      q.state.data?.items.some((item) => item.state === 'extracting' || item.ocrPending) ? READING_POLL_MS : false,
  });

  const setParam = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(name);
      else next.set(name, value);
    }
    setParams(next);
  };
  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParam({ ...Object.fromEntries(FILTERS.map((name) => [name, draft[name].trim()])), offset: null });
  };
  const clearFilters = () => {
    setParam({ ...Object.fromEntries(FILTERS.map((name) => [name, null])), offset: null });
    // The button pressed goes with the filters: the keyboard stays in the form, on Apply.
    focusLater(() => applyRef.current);
  };

  const total = list.data?.total ?? 0;
  useOffsetInRange(offset, PAGE_SIZE, list.isPlaceholderData ? undefined : list.data?.total);
  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('sources.title')}</h1>
        <p className="lead">{t('sources.intro')}</p>
      </div>
      {canUpload ? <UploadPanel /> : null}
      <WaitingParts />
      <section className="panel" aria-labelledby="list-title">
        <div className="section-head">
          <h2 id="list-title">{t('sources.listTitle')}</h2>
          {list.data ? <span className="muted">{t('sources.count', { count: total })}</span> : null}
        </div>
        <form className="filters" onSubmit={onFilter} aria-label={t('sources.filters.legend')}>
          <div className="field">
            <label htmlFor={ids.state}>{t('sources.filters.state')}</label>
            <select id={ids.state} name="state" value={draft.state} onChange={(e) => setField('state', e.target.value)}>
              <ChoiceOptions any={t('sources.filters.anyState')} values={SOURCE_STATES} label={(s) => t(`sources.state.${s}`)} />
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.needsOcr}>{t('sources.filters.text')}</label>
            <select id={ids.needsOcr} name="needsOcr" value={draft.needsOcr} onChange={(e) => setField('needsOcr', e.target.value)}>
              <option value="">{t('sources.filters.anyText')}</option>
              <option value="true">{t('sources.filters.toTranscribe')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.language}>{t('sources.filters.language')}</label>
            <select id={ids.language} name="language" value={draft.language} onChange={(e) => setField('language', e.target.value)}>
              <option value="">{t('sources.filters.anyLanguage')}</option>
              <option value="ru">{languageName('ru')}</option>
              <option value="en">{languageName('en')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.confidentiality}>{t('source.confidentiality')}</label>
            <select
              id={ids.confidentiality}
              name="confidentiality"
              value={draft.confidentiality}
              onChange={(e) => setField('confidentiality', e.target.value)}
            >
              <ChoiceOptions
                any={t('sources.filters.anyConfidentiality')}
                values={CONFIDENTIALITY}
                label={(level) => t(`source.confidentialityValues.${level}`)}
              />
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.reliability}>{t('source.reliability')}</label>
            <select id={ids.reliability} name="reliability" value={draft.reliability} onChange={(e) => setField('reliability', e.target.value)}>
              <ChoiceOptions
                any={t('sources.filters.anyReliability')}
                values={[...RELIABILITY, 'none']}
                label={(grade) => (grade === 'none' ? t('source.details.notJudged') : t(`source.reliabilityValues.${grade}`))}
              />
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.from}>{t('sources.filters.from')}</label>
            <input id={ids.from} name="from" type="date" value={draft.from} onChange={(e) => setField('from', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.to}>{t('sources.filters.to')}</label>
            <input id={ids.to} name="to" type="date" value={draft.to} onChange={(e) => setField('to', e.target.value)} />
          </div>
          <div className="field field--grow">
            <label htmlFor={ids.publisher}>{t('sources.filters.publisher')}</label>
            <input
              id={ids.publisher}
              name="publisher"
              type="text"
              value={draft.publisher}
              onChange={(e) => setField('publisher', e.target.value)}
              placeholder={t('sources.filters.publisherPlaceholder')}
            />
          </div>
          <div className="filters__actions">
            <button type="submit" className="button" ref={applyRef}>
              {t('sources.filters.apply')}
            </button>
            {filtered ? (
              <button type="button" className="button button--secondary" onClick={clearFilters}>
                {t('sources.filters.reset')}
              </button>
            ) : null}
          </div>
        </form>
        <RefusedDates values={refused} />
        {list.isPending ? <Loading /> : null}
        {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.data && total === 0 ? (
          <EmptyState title={filtered ? t('sources.emptyFiltered') : canUpload ? t('sources.empty') : t('sources.emptyReadOnly')}>
            {filtered ? (
              <button type="button" className="button button--secondary" onClick={clearFilters}>
                {t('sources.clearFilters')}
              </button>
            ) : null}
          </EmptyState>
        ) : null}
        {list.data && list.data.items.length > 0 ? (
          <>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('sources.columns.title')}</th>
                    <th scope="col">{t('sources.columns.state')}</th>
                    <th scope="col">{t('sources.columns.language')}</th>
                    <th scope="col">{t('sources.columns.published')}</th>
                    <th scope="col">{t('sources.columns.publisher')}</th>
                    <th scope="col" className="num">
                      {t('sources.columns.size')}
                    </th>
                    <th scope="col">{t('sources.columns.captured')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((source) => (
                    <tr key={source.id}>
                      <td className="table__title">
                        <Link to={`/sources/${encodeURIComponent(source.id)}`}>{sourceName(source, t('sources.untitled'))}</Link>
                        {source.ocrPending ? (
                          <span className="badge badge--running">{t('sources.ocrPending')}</span>
                        ) : source.needsOcr ? (
                          <span className="badge badge--warn">{t('sources.needsOcr')}</span>
                        ) : null}
                        {source.confidentiality === 'restricted' ? (
                          <span className="badge badge--restricted">{t('source.confidentialityValues.restricted')}</span>
                        ) : null}
                        <span className="table__sub">{mediaTypeName(source.mediaType)}</span>
                        {source.copyOf ? (
                          <span className="table__sub" data-testid="copy-of">
                            {t(source.copyOf.byWording ? 'source.similarWordingOf' : 'source.nearDuplicateOf')}{' '}
                            <Link to={`/sources/${encodeURIComponent(source.copyOf.sourceId)}`}>
                              {sourceName(source.copyOf, t('sources.untitled'))}
                            </Link>
                          </span>
                        ) : null}
                      </td>
                      <td>
                        <SourceStateCell id={source.id} state={source.state} waiting={source.waiting} canSeeJobs={canSeeJobs} />
                      </td>
                      <td>{languageName(source.language)}</td>
                      <td>{format.partialDate(source.publishedAt)}</td>
                      <td>
                        {source.publisher ?? '—'}
                        {source.reliability ? (
                          <span className="table__sub" data-testid="reliability">
                            {t(`source.reliabilityValues.${source.reliability}`)}
                          </span>
                        ) : null}
                      </td>
                      <td className="num">{format.bytes(source.byteSize)}</td>
                      <td>{format.dateTime(source.capturedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted">
              {t('sources.showing', { from: format.number(offset + 1), to: format.number(offset + list.data.items.length), total: format.number(total) })}
            </p>
            <Pager offset={offset} limit={PAGE_SIZE} total={total} onChange={(next) => setParam({ offset: next === 0 ? null : String(next) })} />
          </>
        ) : null}
      </section>
    </div>
  );
}

const STATE_BADGE: Record<SourceState, string> = {
  'to-review': 'badge badge--warn',
  extracting: 'badge badge--running',
  'extraction-failed': 'badge badge--failed',
  reviewed: 'badge badge--done',
  'nothing-proposed': 'muted',
};

/** Where a source stands, with the way on: its proposals in the review queue, or a failed extraction on the jobs page. */
function SourceStateCell({ id, state, waiting, canSeeJobs }: { id: string; state: SourceState; waiting: number; canSeeJobs: boolean }) {
  const { t } = useTranslation();
  const label = <span className={STATE_BADGE[state]}>{t(`sources.state.${state}`)}</span>;
  if (state === 'to-review')
    return (
      <Link to={`/review${query({ sourceId: id })}`} aria-label={t('sources.reviewWaiting', { count: waiting })}>
        {label} {t('sources.waiting', { count: waiting })}
      </Link>
    );
  if (state === 'extraction-failed' && canSeeJobs) return <Link to="/jobs?status=failed">{label}</Link>;
  return label;
}
