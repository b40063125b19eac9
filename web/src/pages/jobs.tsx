import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../api/client.js';
import type { Job, JobList, JobStatus } from '../api/types.js';
import { ActionButton } from '../components/action-button.js';
import { ChoiceOptions } from '../components/choice-options.js';
import { Pager, useOffsetInRange } from '../components/pager.js';
import { type ActionMessage, ActionNotice, EmptyState, ErrorState, errorText, Loading } from '../components/states.js';
import { useFocusLater } from '../focus-later.js';
import { useFormat } from '../format.js';

const STATUSES: JobStatus[] = ['queued', 'running', 'done', 'failed'];
const PAGE_SIZE = 50;

/**
 * What a job is about, for a person: the file name in its payload (a reading job's), else the source it works on
 * (an extraction job's payload holds only `sourceId`; the list has no title for it), else nothing known.
 * `{ name: 'uploads/scan.pdf' }` → `{ file: 'scan.pdf' }`; `{ sourceId: '01J…' }` → `{ sourceId: '01J…' }`.
 */
function jobSubject(job: Job): { file: string } | { sourceId: string } | null {
  const payload = job.payload as Record<string, unknown> | null;
  if (payload && typeof payload === 'object') {
    // `archive`: a read-parts job's, the archive its parts make.
    for (const name of ['file', 'fileName', 'name', 'path', 'archive']) {
      const value = payload[name];
      if (typeof value === 'string' && value !== '') return { file: value.split(/[\\/]/).pop() ?? value };
    }
    if (typeof payload.sourceId === 'string' && payload.sourceId !== '') return { sourceId: payload.sourceId };
  }
  return null;
}

/** The job queue: counts, the list (filterable by status), failures with reasons, and retry. */
export function JobsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filterId = useId();
  const status = STATUSES.find((s) => s === params.get('status')) ?? null;
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const [message, setMessage] = useState<ActionMessage | null>(null);
  const notice = useRef<HTMLParagraphElement>(null);
  const focusLater = useFocusLater();

  const jobs = useQuery({
    queryKey: ['jobs', status, offset],
    queryFn: ({ signal }) => api<JobList>(`/api/v1/jobs${query({ status, limit: PAGE_SIZE, offset })}`, { signal }),
    placeholderData: keepPreviousData,
    // Work in progress is watched; a quiet queue is not polled.
    refetchInterval: (q) => ((q.state.data?.counts.queued ?? 0) + (q.state.data?.counts.running ?? 0) > 0 ? 3000 : false),
  });
  const retry = useMutation({
    mutationFn: (ids?: string[]) => api<{ retried: number }>('/api/v1/jobs/retry', { method: 'POST', body: ids ? { ids } : {} }),
    onSuccess: (body) => {
      setMessage({ text: t('jobs.retried', { count: body.retried }), error: false });
      // A retried job is queued, not failed: its Retry button goes, so the keyboard goes to the notice.
      focusLater(() => notice.current);
    },
    onError: (error) => setMessage({ text: t('jobs.retryFailed', { message: errorText(error, t) }), error: true }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }),
  });

  const setStatus = (value: string) => {
    const next = new URLSearchParams(params);
    if (value === '') next.delete('status');
    else next.set('status', value);
    next.delete('offset');
    setParams(next);
  };
  const counts = jobs.data?.counts;
  const total = counts ? (status ? counts[status] : STATUSES.reduce((sum, s) => sum + counts[s], 0)) : 0;
  useOffsetInRange(offset, PAGE_SIZE, counts && !jobs.isPlaceholderData ? total : undefined);

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('jobs.title')}</h1>
        <p className="lead">{t('jobs.intro')}</p>
      </div>
      {jobs.isPending ? <Loading /> : null}
      {jobs.isError ? <ErrorState error={jobs.error} onRetry={() => void jobs.refetch()} /> : null}
      {counts ? (
        <>
          <section aria-label={t('jobs.counts')}>
            <ul className="stats">
              {STATUSES.map((s) => (
                <li key={s} className={`stat stat--${s}`}>
                  <span className="stat__value">{format.number(counts[s])}</span>
                  <span className="stat__label">{t(`jobs.status.${s}`)}</span>
                </li>
              ))}
            </ul>
          </section>
          {jobs.data?.health.stalled ? (
            <p className="notice notice--warn" role="status">
              {t('jobs.stalled', { since: format.dateTime(jobs.data.health.oldestQueuedAt) })}
            </p>
          ) : null}
          {jobs.data && jobs.data.health.expiredLeases > 0 ? (
            <p className="notice notice--warn" role="status">
              {t('jobs.expiredLeases', { count: jobs.data.health.expiredLeases })}
            </p>
          ) : null}
          <section className="panel">
            <div className="toolbar">
              <div className="field field--inline">
                <label htmlFor={filterId}>{t('jobs.filter')}</label>
                <select id={filterId} value={status ?? ''} onChange={(e) => setStatus(e.target.value)}>
                  <ChoiceOptions any={t('jobs.status.all')} values={STATUSES} label={(s) => t(`jobs.status.${s}`)} />
                </select>
              </div>
              <ActionButton className="button" disabled={counts.failed === 0} busy={retry.isPending} onClick={() => retry.mutate(undefined)}>
                {t('jobs.retryAll')}
              </ActionButton>
            </div>
            <ActionNotice ref={notice} message={message} />
            {jobs.data && total === 0 ? <EmptyState title={status ? t('jobs.emptyStatus') : t('jobs.empty')} /> : null}
            {jobs.data && jobs.data.items.length > 0 ? (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('jobs.columns.subject')}</th>
                      <th scope="col">{t('jobs.columns.kind')}</th>
                      <th scope="col">{t('jobs.columns.status')}</th>
                      <th scope="col">{t('jobs.columns.attempts')}</th>
                      <th scope="col">{t('jobs.columns.updated')}</th>
                      <th scope="col">{t('jobs.columns.reason')}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t('jobs.columns.actions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {jobs.data.items.map((job) => {
                      const subject = jobSubject(job);
                      const sourceLabel = subject && 'sourceId' in subject ? t('jobs.source', { id: subject.sourceId }) : null;
                      return (
                        <tr key={job.id}>
                          <td className="table__title">
                            {job.withheld ? (
                              <span className="muted">{t('jobs.withheld')}</span>
                            ) : subject && 'sourceId' in subject ? (
                              <Link to={`/sources/${encodeURIComponent(subject.sourceId)}`}>{sourceLabel}</Link>
                            ) : (
                              (subject?.file ?? '—')
                            )}
                          </td>
                          <td>{t(`jobs.kinds.${job.kind}`, { defaultValue: job.kind })}</td>
                          <td>
                            <span className={`badge badge--${job.status}`}>{STATUSES.includes(job.status as JobStatus) ? t(`jobs.status.${job.status}`) : job.status}</span>
                          </td>
                          <td>{t('jobs.attempts', { attempts: format.number(job.attempts), max: format.number(job.maxAttempts) })}</td>
                          <td>{format.dateTime(job.updatedAt)}</td>
                          <td className="table__reason">{job.error ?? t('jobs.noReason')}</td>
                          <td>
                            {job.status === 'failed' ? (
                              <ActionButton
                                className="button button--secondary button--small"
                                aria-label={t('jobs.retryLabel', { id: subject && 'file' in subject ? subject.file : (sourceLabel ?? job.id) })}
                                busy={retry.isPending}
                                onClick={() => retry.mutate([job.id])}
                              >
                                {t('jobs.retry')}
                              </ActionButton>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            ) : null}
            <Pager offset={offset} limit={PAGE_SIZE} total={total} onChange={(next) => setParams((p) => {
              const n = new URLSearchParams(p);
              if (next === 0) n.delete('offset');
              else n.set('offset', String(next));
              return n;
            })} />
          </section>
        </>
      ) : null}
    </div>
  );
}
