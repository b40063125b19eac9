import { useQuery } from '@tanstack/react-query';
import { Fragment, type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../api/client.js';
import type { Article, RecordHistory as History } from '../api/types.js';
import { useFormat } from '../format.js';
import { useArticleLabel, useRoleLabel } from './case-labels.js';
import { useCodeWords } from './code-words.js';
import { useRecordLabels } from './record-labels.js';
import { ErrorState, Loading } from './states.js';

/** Changes shown on a page; older ones are counted, and the API pages through all of them. */
const SHOWN = 50;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const PARTICIPANT = /^(\S+) (persons|organizations)\/(\S+)$/;

/**
 * Who changed a person or a case, when, how and what: every kept version, newest first, each with the fields it
 * changed (from → to) — the edit history of the person and case pages (GET /api/v1/persons/:id/history,
 * /api/v1/cases/:id/history). The first kept version is the record as first kept: as extraction proposed it, or as
 * it was created.
 */
export function RecordHistory({ table, id }: { table: 'persons' | 'cases' | 'events'; id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useRecordLabels();
  const articleLabel = useArticleLabel();
  const roleLabel = useRoleLabel();
  const words = useCodeWords();
  const headingId = useId();
  const history = useQuery({
    queryKey: [table, 'history', id],
    queryFn: ({ signal }) =>
      api<History>(`/api/v1/${table}/${encodeURIComponent(id)}/history${query({ limit: SHOWN })}`, { signal }),
  });
  const value = (field: string, raw: unknown): ReactNode => {
    if (raw === null || raw === undefined || raw === '') return '—';
    if (Array.isArray(raw)) {
      if (raw.length === 0) return '—';
      // A case's parties and an event's participants come as 'role persons/<id>': the role in words, the person linked
      // (the history names no one: their page says who it is, to those who may see them).
      return raw.map((item, index) => {
        const text = String(item);
        const member = PARTICIPANT.exec(text);
        const separator = index > 0 ? ', ' : '';
        if (!member) return `${separator}${text}`;
        const [, role = '', table, memberId = ''] = member;
        const who = roleLabel(role);
        return (
          <Fragment key={text}>
            {separator}
            {who}:{' '}
            {table === 'persons' ? (
              <Link to={`/persons/${encodeURIComponent(memberId)}`}>{t('history.aPerson')}</Link>
            ) : (
              t('history.anOrganization')
            )}
          </Fragment>
        );
      });
    }
    if (field === 'articles' && typeof raw === 'string' && raw.startsWith('[')) {
      try {
        const list = JSON.parse(raw) as Array<Article | string>;
        return list.length === 0 ? '—' : list.map((a) => (typeof a === 'string' ? a : articleLabel(a))).join('; ');
      } catch {
        return raw;
      }
    }
    if (typeof raw === 'string') {
      if (table === 'persons' && (field === 'status' || field === 'status_override')) return labels.personStatus(raw);
      const inWords = words.value(field, raw);
      if (inWords !== raw) return inWords;
      if (ISO_TIME.test(raw)) return format.dateTime(raw);
      if (PARTIAL_DATE.test(raw)) return format.partialDate(raw);
      return raw;
    }
    return typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  };
  return (
    <section className="panel history" aria-labelledby={headingId} data-testid="record-history">
      <h2 id={headingId}>{t('history.title')}</h2>
      {history.isPending ? <Loading /> : null}
      {history.isError ? <ErrorState error={history.error} onRetry={() => void history.refetch()} /> : null}
      {history.data && history.data.items.length === 0 ? <p className="muted">{t('history.empty')}</p> : null}
      {history.data && history.data.items.length > 0 ? (
        <ol className="history__list">
          {history.data.items.map((entry) => (
            <li key={entry.version} className="history__entry">
              <p className="history__head">
                {/* The action's code stays in its title, for whoever looks it up in the audit log. */}
                <strong title={entry.action ?? undefined}>
                  {entry.action
                    ? (words.action(entry.action, 'history') ?? <code>{entry.action}</code>)
                    : t('history.actions.unknown')}
                </strong>
                {' · '}
                <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
                {' · '}
                {entry.user ? (entry.user.username ?? t('history.formerUser')) : t('history.byChronicle')}
              </p>
              {entry.changes.length > 0 ? (
                <ul className="history__changes">
                  {entry.changes.map((change) => (
                    <li key={change.field}>
                      <span title={change.field}>{words.field(change.field) ?? <code>{change.field}</code>}</span>:{' '}
                      <del>{value(change.field, change.before)}</del> →{' '}
                      <ins>{value(change.field, change.after)}</ins>
                    </li>
                  ))}
                </ul>
              ) : entry.withheld ? (
                <p className="muted">{t('history.withheld')}</p>
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
