import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../api/client.js';
import type { RecordHistory } from '../api/types.js';
import { useFormat } from '../format.js';
import { useRecordLabels } from './record-labels.js';
import { ErrorState, Loading } from './states.js';

/** Changes shown on a page; older ones are counted, and the API pages through all of them. */
const SHOWN = 50;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** i18next reads dots as nesting: 'review.correct' is looked up as 'review_correct'. */
const keyOf = (name: string) => name.replace(/[.-]/g, '_');

/**
 * Who changed a person, when, how and what: every kept version, newest first, each with the fields it changed (from →
 * to) — the person page's edit history (GET /api/v1/persons/:id/history). The first kept version is the record as it
 * was first kept: as extraction proposed it, or as it was created.
 */
export function PersonHistory({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useRecordLabels();
  const headingId = useId();
  const history = useQuery({
    queryKey: ['persons', 'history', personId],
    queryFn: ({ signal }) =>
      api<RecordHistory>(`/api/v1/persons/${encodeURIComponent(personId)}/history${query({ limit: SHOWN })}`, { signal }),
  });
  const value = (field: string, raw: unknown): string => {
    if (raw === null || raw === undefined || raw === '') return '—';
    if (Array.isArray(raw)) return raw.length === 0 ? '—' : raw.map((v) => String(v)).join(', ');
    if (typeof raw === 'string') {
      if (field === 'status' || field === 'status_override') return labels.personStatus(raw);
      if (field === 'review_status') return labels.reviewStatus(raw);
      if (field === 'confidentiality') return t(`source.confidentialityValues.${raw}`, { defaultValue: raw });
      if (ISO_TIME.test(raw)) return format.dateTime(raw);
      return raw;
    }
    return typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  };
  return (
    <section className="panel history" aria-labelledby={headingId} data-testid="person-history">
      <h2 id={headingId}>{t('history.title')}</h2>
      {history.isPending ? <Loading /> : null}
      {history.isError ? <ErrorState error={history.error} onRetry={() => void history.refetch()} /> : null}
      {history.data && history.data.items.length === 0 ? <p className="muted">{t('history.empty')}</p> : null}
      {history.data && history.data.items.length > 0 ? (
        <ol className="history__list">
          {history.data.items.map((entry) => (
            <li key={entry.version} className="history__entry">
              <p className="history__head">
                <strong>{entry.action ? t(`history.actions.${keyOf(entry.action)}`, { defaultValue: entry.action }) : t('history.actions.unknown')}</strong>
                {' · '}
                <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
                {' · '}
                {entry.user ? (entry.user.username ?? t('history.formerUser')) : t('history.byChronicle')}
              </p>
              {entry.changes.length > 0 ? (
                <ul className="history__changes">
                  {entry.changes.map((change) => (
                    <li key={change.field}>
                      {t(`history.fields.${keyOf(change.field)}`, { defaultValue: change.field })}: <del>{value(change.field, change.before)}</del> →{' '}
                      <ins>{value(change.field, change.after)}</ins>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {history.data && history.data.total > history.data.items.length ? (
        <p className="muted">{t('history.older', { count: history.data.total - history.data.items.length })}</p>
      ) : null}
    </section>
  );
}
