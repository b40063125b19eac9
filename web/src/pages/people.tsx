import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../api/client.js';
import type { PersonList } from '../api/types.js';
import { Pager } from '../components/pager.js';
import { PERSON_STATUSES, useRecordLabels } from '../components/record-labels.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { useFormat } from '../format.js';

const PAGE_SIZE = 25;

/** The reviewed people, searchable by any of their names and filtered by status; filters kept in the address. */
export function PeoplePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useRecordLabels();
  const [params, setParams] = useSearchParams();
  const qId = useId();
  const statusId = useId();
  const q = params.get('q') ?? '';
  const status = PERSON_STATUSES.find((s) => s === params.get('status')) ?? '';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);

  const list = useQuery({
    queryKey: ['persons', 'list', q, status, offset],
    queryFn: ({ signal }) => api<PersonList>(`/api/v1/persons${query({ q, status, limit: PAGE_SIZE, offset })}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(name);
      else next.set(name, value);
    }
    setParams(next);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    set({ q: String(data.get('q') ?? '').trim(), status: String(data.get('status') ?? ''), offset: null });
  };

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('people.title')}</h1>
        <p className="lead">{t('people.intro')}</p>
      </div>
      <section className="panel">
        <form className="filters" onSubmit={onSubmit} role="search">
          <div className="field field--grow">
            <label htmlFor={qId}>{t('people.search')}</label>
            <input id={qId} name="q" type="search" defaultValue={q} key={q} placeholder={t('people.searchPlaceholder')} />
          </div>
          <div className="field">
            <label htmlFor={statusId}>{t('people.status')}</label>
            <select id={statusId} name="status" defaultValue={status} key={status}>
              <option value="">{t('people.anyStatus')}</option>
              {PERSON_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {labels.personStatus(s)}
                </option>
              ))}
            </select>
          </div>
          <div className="filters__actions">
            <button type="submit" className="button">
              {t('people.apply')}
            </button>
          </div>
        </form>
        {list.isPending ? <Loading /> : null}
        {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.data ? <p className="muted">{t('people.count', { count: list.data.total })}</p> : null}
        {list.data && list.data.items.length === 0 ? <EmptyState title={q || status ? t('people.emptyFiltered') : t('people.empty')} /> : null}
        {list.data && list.data.items.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('people.columns.name')}</th>
                  <th scope="col">{t('people.columns.status')}</th>
                  <th scope="col">{t('people.columns.otherNames')}</th>
                  <th scope="col">{t('people.columns.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((p) => (
                  <tr key={p.id}>
                    <td className="table__title">
                      <Link to={`/persons/${p.id}`}>{p.displayName}</Link>
                    </td>
                    <td>
                      <span className={`badge badge--status-${p.status ?? 'unknown'}`}>{labels.personStatus(p.status)}</span>
                    </td>
                    <td className="muted">
                      {p.names
                        .map((n) => n.name)
                        .filter((n) => n !== p.displayName)
                        .join(', ')}
                    </td>
                    <td>{format.dateTime(p.updatedAt)}</td>
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
