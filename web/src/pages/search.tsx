import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api, query } from '../api/client.js';
import type { CaseList, PersonList, SearchFacetCount, SearchHit, SearchResults } from '../api/types.js';
import { HighlightedText } from '../components/highlighted-text.js';
import { Pager, useOffsetInRange } from '../components/pager.js';
import { EmptyState, ErrorState, errorText, Loading, RefusedDates } from '../components/states.js';
import { checkDates } from '../dates.js';
import { htmlLang, useFormat, useLanguageName } from '../format.js';
import { hasSearchWords } from '../search/query-words.js';
import { useFormDraft } from '../url-filters.js';
import { sourceName } from './sources.js';

/** The longest query the server reads. */
const MAX_QUERY_LENGTH = 1000;

const PAGE_SIZE = 20;
/** People and cases shown beside the sources; the rest are a link away, in their own lists. */
const RECORD_HITS = 5;
/** The longest text the record's lists take as a name to look for. */
const RECORD_QUERY_MAX = 200;

/** One search box over every source; the query and filters live in the address so a search can be shared. */
export function SearchPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const languageName = useLanguageName();
  const [params, setParams] = useSearchParams();
  const ids = { q: useId(), hint: useId(), language: useId(), from: useId(), to: useId() };
  const q = params.get('q')?.trim() ?? '';
  const language = params.get('language') ?? '';
  // Dates from the address the API would refuse are said and left out; the date fields themselves give valid ones.
  const {
    sent: { from, to },
    refused,
  } = checkDates({ from: params.get('from') ?? '', to: params.get('to') ?? '' }, ['from', 'to']);
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  // Operators, brackets or stars alone leave nothing to search for: said here, not sent to be refused in English.
  // The server refuses a longer query (MAX_QUERY_LENGTH in src/search/query.ts, counted in characters).
  const length = [...q].length;
  const searchable = q !== '' && length <= MAX_QUERY_LENGTH && hasSearchWords(q);
  const [draft, setField] = useFormDraft({ q, language, from, to });

  const results = useQuery({
    queryKey: ['search', q, language, from, to, offset],
    queryFn: ({ signal }) =>
      api<SearchResults>(`/api/v1/search${query({ q, lang: language, from, to, limit: PAGE_SIZE, offset, facets: 'true' })}`, { signal }),
    enabled: searchable,
    placeholderData: keepPreviousData,
  });
  useOffsetInRange(offset, PAGE_SIZE, results.isPlaceholderData ? undefined : results.data?.total);
  // The same box finds people and cases by name (any script, any case ending), from the record's own lists.
  const inRecord = q !== '' && q.length <= RECORD_QUERY_MAX;
  const people = useQuery({
    queryKey: ['persons', 'search', q],
    queryFn: ({ signal }) => api<PersonList>(`/api/v1/persons${query({ q, limit: RECORD_HITS })}`, { signal }),
    enabled: inRecord,
  });
  const cases = useQuery({
    queryKey: ['cases', 'search', q],
    queryFn: ({ signal }) => api<CaseList>(`/api/v1/cases${query({ q, limit: RECORD_HITS })}`, { signal }),
    enabled: inRecord,
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    for (const name of ['q', 'language', 'from', 'to'] as const) {
      const value = draft[name].trim();
      if (value === '') next.delete(name);
      else next.set(name, value);
    }
    next.delete('offset');
    setParams(next);
  };
  const setOffset = (value: number) => {
    const next = new URLSearchParams(params);
    if (value === 0) next.delete('offset');
    else next.set('offset', String(value));
    setParams(next);
  };

  // An untitled source is named by its file, as in the list.
  const nameOf = (hit: Pick<SearchHit, 'title' | 'fileName'>) => sourceName(hit, t('search.untitled'));

  /** The address with one facet chosen (or, with null, cleared), from the first page. */
  const facetLink = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) next.delete(name);
      else next.set(name, value);
    }
    next.delete('offset');
    return `?${next.toString()}`;
  };
  const yearChosen = /^(\d{4})-01-01$/.exec(from)?.[1];
  const chosenYear = yearChosen && to === `${yearChosen}-12-31` ? yearChosen : null;
  const facetList = (
    name: 'language' | 'year',
    counts: SearchFacetCount[],
    label: (value: string) => string,
    unknown: string,
    link: (value: string | null) => string,
    chosen: string | null,
  ) => (
    <section className="search-facet" aria-labelledby={`search-facet-${name}`}>
      <h3 id={`search-facet-${name}`}>{t(name === 'language' ? 'search.facetLanguage' : 'search.facetYear')}</h3>
      <ul>
        {chosen !== null ? (
          <li>
            <Link to={link(null)}>{t('search.facetAll')}</Link>
          </li>
        ) : null}
        {counts.map((c) => (
          <li key={c.value ?? ''}>
            {c.value === null ? (
              <span className="muted">{unknown}</span>
            ) : (
              <Link to={link(c.value)} aria-current={c.value === chosen ? 'true' : undefined}>
                {label(c.value)}
              </Link>
            )}{' '}
            <span className="search-facet__count">{format.number(c.count)}</span>
          </li>
        ))}
      </ul>
    </section>
  );

  const badQuery = results.error instanceof ApiError && results.error.status === 400;
  /** Whether people or cases were found by name, or may still be: then "nothing found" would not be true. */
  const recordFound = (people.data?.total ?? 0) > 0 || (cases.data?.total ?? 0) > 0;
  const recordPending = inRecord && (people.isPending || cases.isPending);
  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('search.title')}</h1>
      </div>
      <form className="panel search-form" role="search" onSubmit={onSubmit}>
        <label htmlFor={ids.q} className="search-form__label">
          {t('search.label')}
        </label>
        <div className="search-form__row">
          <input
            id={ids.q}
            name="q"
            type="search"
            value={draft.q}
            onChange={(e) => setField('q', e.target.value)}
            placeholder={t('search.placeholder')} aria-describedby={ids.hint}
            autoComplete="off"
          />
          <button type="submit" className="button">
            {t('search.submit')}
          </button>
        </div>
        <p id={ids.hint} className="hint">
          {t('search.hint')}
        </p>
        <fieldset className="filters">
          <legend>{t('search.filtersLegend')}</legend>
          <div className="field">
            <label htmlFor={ids.language}>{t('search.language')}</label>
            <select id={ids.language} name="language" value={draft.language} onChange={(e) => setField('language', e.target.value)}>
              <option value="">{t('search.anyLanguage')}</option>
              <option value="ru">{languageName('ru')}</option>
              <option value="en">{languageName('en')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.from}>{t('search.from')}</label>
            <input id={ids.from} name="from" type="date" value={draft.from} onChange={(e) => setField('from', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.to}>{t('search.to')}</label>
            <input id={ids.to} name="to" type="date" value={draft.to} onChange={(e) => setField('to', e.target.value)} />
          </div>
        </fieldset>
      </form>
      {inRecord && ((people.data?.total ?? 0) > 0 || (cases.data?.total ?? 0) > 0 || people.isError || cases.isError) ? (
        <section className="panel search-record" aria-labelledby="search-record">
          <h2 id="search-record">{t('search.inRecord')}</h2>
          {[people.error, cases.error].filter(Boolean).map((error, i) => (
            <p key={i} className="muted" role="alert">
              {t('search.recordError', { message: errorText(error, t) })}
            </p>
          ))}
          {people.data ? (
            <RecordMatches
              heading={t('search.people')}
              items={people.data.items.map((p) => ({ id: p.id, name: p.displayName }))}
              total={people.data.total}
              pageOf={(id) => `/persons/${encodeURIComponent(id)}`}
              all={{ to: `/persons${query({ q })}`, label: t('search.allPeople', { count: people.data.total }) }}
            />
          ) : null}
          {cases.data ? (
            <RecordMatches
              heading={t('search.cases')}
              items={cases.data.items.map((c) => ({ id: c.id, name: c.name }))}
              total={cases.data.total}
              pageOf={(id) => `/cases/${encodeURIComponent(id)}`}
              all={{ to: `/cases${query({ q })}`, label: t('search.allCases', { count: cases.data.total }) }}
            />
          ) : null}
        </section>
      ) : null}
      <div className="search-layout">
        {results.data?.facets && searchable && results.data.total + results.data.facets.language.length > 0 ? (
          <aside className="search-facets" aria-label={t('search.refine')}>
            {facetList(
              'language',
              results.data.facets.language,
              (value) => languageName(value),
              t('search.unknownLanguage'),
              (value) => facetLink({ language: value }),
              language || null,
            )}
            {facetList(
              'year',
              results.data.facets.year,
              (value) => value,
              t('search.unknownYear'),
              (value) => facetLink(value === null ? { from: null, to: null } : { from: `${value}-01-01`, to: `${value}-12-31` }),
              chosenYear,
            )}
          </aside>
        ) : null}
        <section className="results" aria-live="polite" aria-busy={results.isFetching}>
          <RefusedDates values={refused} />
          {q === '' ? <EmptyState title={t('search.start')} /> : null}
          {length > MAX_QUERY_LENGTH ? (
            <div className="error-state" role="alert">
              <p>{t('search.tooLong', { max: format.number(MAX_QUERY_LENGTH), length: format.number(length) })}</p>
            </div>
          ) : q !== '' && !searchable ? (
            <div className="error-state" role="alert">
              <p>{t('search.noWords', { q })}</p>
              <p className="muted">{t('search.hint')}</p>
            </div>
          ) : null}
          {searchable && results.isPending ? <Loading /> : null}
          {badQuery ? (
            <div className="error-state" role="alert">
              <p>{t('search.badQuery')}</p>
              <p className="muted">{t('search.hint')}</p>
              <p className="muted">
                {t('errors.serverSaid')} <span lang="en">{(results.error as ApiError).message}</span>
              </p>
            </div>
          ) : results.isError ? (
            <ErrorState error={results.error} onRetry={() => void results.refetch()} />
          ) : null}
          {results.data && searchable ? (
            results.data.total === 0 ? (
              recordFound || recordPending ? (
                // People or cases by that name are shown above: only the reports have no match.
                <EmptyState title={t('search.noReports', { q })} />
              ) : (
                <EmptyState title={t('search.none', { q })}>
                  <p>{t('search.noneHint')}</p>
                </EmptyState>
              )
            ) : results.data.results.length === 0 ? null : (
              <>
                <h2 className="results__count">{t('search.results', { count: results.data.total })}</h2>
                <ol className="results__list" start={offset + 1}>
                  {results.data.results.map((hit) => (
                    <li key={hit.sourceId} className="result">
                      <h3 className="result__title">
                        <Link to={`/sources/${encodeURIComponent(hit.sourceId)}`}>{nameOf(hit)}</Link>
                      </h3>
                      <p className="result__meta">
                        {languageName(hit.language)}
                        {hit.publishedAt ? ` · ${format.partialDate(hit.publishedAt)}` : ''}
                      </p>
                      {hit.copyOf ? (
                        <p className="result__copy" data-testid="copy-of">
                          {t(hit.copyOf.byWording ? 'source.similarWordingOf' : 'source.nearDuplicateOf')}{' '}
                          <Link to={`/sources/${encodeURIComponent(hit.copyOf.sourceId)}`}>{nameOf(hit.copyOf)}</Link>
                        </p>
                      ) : null}
                      <p className="result__snippet" lang={htmlLang(hit.language)} data-testid="snippet">
                        <HighlightedText text={hit.snippet} highlights={hit.highlights} />
                      </p>
                    </li>
                  ))}
                </ol>
                <Pager offset={offset} limit={PAGE_SIZE} total={results.data.total} onChange={setOffset} />
              </>
            )
          ) : null}
        </section>
      </div>
    </div>
  );
}

/** People or cases found by name: the first few, linked to their pages, and a link to the whole list when there are more. */
function RecordMatches({
  heading,
  items,
  total,
  pageOf,
  all,
}: {
  heading: string;
  items: { id: string; name: string }[];
  total: number;
  pageOf: (id: string) => string;
  all: { to: string; label: string };
}) {
  if (total === 0) return null;
  return (
    <div className="search-record__group">
      <h3>{heading}</h3>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <Link to={pageOf(item.id)}>{item.name}</Link>
          </li>
        ))}
      </ul>
      {total > items.length ? <Link to={all.to}>{all.label}</Link> : null}
    </div>
  );
}
