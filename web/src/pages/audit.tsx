import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type AuditTextFilter, auditFilterFits } from '../../../src/shared/audit-filters.js';
import { type AuditList, type AuditVerification, fieldChanges } from '../api/audit.js';
import { api, query } from '../api/client.js';
import { ActionButton } from '../components/action-button.js';
import { useCodeWords } from '../components/code-words.js';
import { Pager, useOffsetInRange } from '../components/pager.js';
import { EmptyState, ErrorState, Loading, RefusedDates } from '../components/states.js';
import { checkDates } from '../dates.js';
import { useFocusLater } from '../focus-later.js';
import { useFormat } from '../format.js';
import { useFormDraft } from '../url-filters.js';

const PAGE_SIZE = 50;
const FILTERS = ['actor', 'action', 'targetType', 'targetId', 'from', 'to'] as const;
const TEXT_FILTERS = ['actor', 'action', 'targetType', 'targetId'] as const satisfies readonly AuditTextFilter[];

/**
 * The audit log for administrators: who did what, when, to which record, with the fields before and after; filters
 * live in the address so a view can be shared; "Verify the chain" runs the same check as `chronicle audit verify`.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useCodeWords();
  const shown = (field: string, value: string | null) => (value === null ? '—' : words.value(field, value));
  const [params, setParams] = useSearchParams();
  const idPrefix = useId();
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const filtered = FILTERS.some((name) => filters[name] !== '');
  // The log is filtered by whole days: any other date in the address (typed by hand, an old link) is said and left
  // out, as is a range that runs backwards, rather than sent to be refused and fail the page.
  const { sent: datesSent, refused } = checkDates(filters, ['from', 'to'], { wholeDays: true });
  // So are names and codes the log cannot hold (`Anna K`, a code typed in words): the route would refuse them.
  const unusable = TEXT_FILTERS.filter((name) => filters[name] !== '' && !auditFilterFits(name, filters[name]));
  const sent = { ...datesSent, ...Object.fromEntries(unusable.map((name) => [name, ''])) };
  const [draft, setField] = useFormDraft(filters);
  const applyRef = useRef<HTMLButtonElement>(null);
  const focusLater = useFocusLater();

  const entries = useQuery({
    queryKey: ['audit', sent, offset],
    queryFn: ({ signal }) => api<AuditList>(`/api/v1/audit${query({ ...sent, limit: PAGE_SIZE, offset })}`, { signal }),
    placeholderData: keepPreviousData,
  });
  useOffsetInRange(offset, PAGE_SIZE, entries.isPlaceholderData ? undefined : entries.data?.total);
  const verify = useMutation({ mutationFn: () => api<AuditVerification>('/api/v1/audit/verify') });
  // The Action filter is picked from the actions the log holds, in words: the log shows words, and the filter took
  // only the exact code. Until they arrive (or if they cannot), the code may be typed as before.
  const actions = useQuery({
    queryKey: ['audit', 'actions'],
    queryFn: ({ signal }) => api<{ actions: string[] }>('/api/v1/audit/actions', { signal }),
    staleTime: 60_000,
  });
  const actionChoices = actions.data
    ? [...new Set([...actions.data.actions, ...(draft.action ? [draft.action] : [])])]
        .map((code) => ({ code, words: words.action(code) }))
        .sort((a, b) => (a.words ?? a.code).localeCompare(b.words ?? b.code))
    : null;

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = draft[name].trim();
      if (value !== '') next.set(name, value);
    }
    setParams(next);
  };
  const setOffset = (value: number) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (value === 0) n.delete('offset');
      else n.set('offset', String(value));
      return n;
    });

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('audit.title')}</h1>
        <p className="lead">{t('audit.intro')}</p>
      </div>
      <section className="panel" aria-labelledby={`${idPrefix}-verify`}>
        <h2 id={`${idPrefix}-verify`}>{t('audit.verify.title')}</h2>
        <p>{t('audit.verify.intro')}</p>
        <ActionButton className="button" busy={verify.isPending} onClick={() => verify.mutate()}>
          {verify.isPending ? t('audit.verify.running') : t('audit.verify.button')}
        </ActionButton>
        <div aria-live="polite">
          {verify.data?.ok ? (
            <p className="notice notice--ok">{t('audit.verify.ok', { count: verify.data.checked })}</p>
          ) : null}
          {verify.data && !verify.data.ok ? (
            <p className="notice notice--error">
              {t('audit.verify.broken', { seq: verify.data.firstBad?.seq ?? '?', reason: verify.data.firstBad?.reason ?? '' })}
            </p>
          ) : null}
          {verify.isError ? <ErrorState error={verify.error} /> : null}
        </div>
      </section>
      <form className="filters" onSubmit={onFilter} aria-label={t('audit.filters.legend')}>
        {FILTERS.map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`${idPrefix}-${name}`}>{t(`audit.filters.${name}`)}</label>
            {name === 'action' && actionChoices ? (
              <select id={`${idPrefix}-${name}`} name={name} value={draft.action} onChange={(e) => setField(name, e.target.value)}>
                <option value="">{t('audit.filters.anyAction')}</option>
                {actionChoices.map(({ code, words: said }) => (
                  <option key={code} value={code}>
                    {said ? `${said} (${code})` : code}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={`${idPrefix}-${name}`}
                name={name}
                type={name === 'from' || name === 'to' ? 'date' : 'text'}
                value={draft[name]}
                onChange={(e) => setField(name, e.target.value)}
                autoCapitalize="none"
                spellCheck={false}
              />
            )}
          </div>
        ))}
        <div className="filters__actions">
          <button type="submit" className="button" ref={applyRef}>
            {t('audit.filters.apply')}
          </button>
          {filtered ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setParams(new URLSearchParams());
                // The button goes with the filters: the keyboard stays in the form, on Show.
                focusLater(() => applyRef.current);
              }}
            >
              {t('audit.filters.reset')}
            </button>
          ) : null}
        </div>
      </form>
      <RefusedDates values={refused} unreadableKey="audit.filters.refusedDates" />
      {unusable.length > 0 ? (
        <p className="notice notice--warn" role="status">
          {unusable
            .map((name) => t('audit.filters.unusable', { field: t(`audit.filters.${name}`), value: filters[name] }))
            .join(' ')}
        </p>
      ) : null}
      {entries.isPending ? <Loading /> : null}
      {entries.isError ? <ErrorState error={entries.error} onRetry={() => void entries.refetch()} /> : null}
      {entries.data ? (
        <section className="panel" aria-label={t('audit.entries')}>
          <p className="muted">{t('audit.total', { count: entries.data.total })}</p>
          {entries.data.total === 0 ? <EmptyState title={t('audit.empty')} /> : null}
          {entries.data.items.length > 0 ? (
            <div className="table-wrap">
              <table className="table audit-table">
                <thead>
                  <tr>
                    <th scope="col">{t('audit.columns.seq')}</th>
                    <th scope="col">{t('audit.columns.at')}</th>
                    <th scope="col">{t('audit.columns.actor')}</th>
                    <th scope="col">{t('audit.columns.action')}</th>
                    <th scope="col">{t('audit.columns.target')}</th>
                    <th scope="col">{t('audit.columns.changes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.data.items.map((entry) => {
                    const changes = fieldChanges(entry.before, entry.after);
                    return (
                      <tr key={entry.seq}>
                        <td className="num">{format.number(entry.seq)}</td>
                        <td>{format.dateTime(entry.at)}</td>
                        <td>{entry.username ?? (entry.userId ? entry.userId : t('audit.system'))}</td>
                        <td>
                          <CodeInWords words={words.action(entry.action)} code={entry.action} />
                        </td>
                        <td>{entry.target ? <code>{entry.target}</code> : '—'}</td>
                        <td>
                          {changes.length === 0 ? (
                            '—'
                          ) : (
                            <table className="audit-diff">
                              <thead>
                                <tr>
                                  <th scope="col">{t('audit.diff.field')}</th>
                                  <th scope="col">{t('audit.diff.before')}</th>
                                  <th scope="col">{t('audit.diff.after')}</th>
                                </tr>
                              </thead>
                              <tbody>
                                {changes.map((change) => (
                                  <tr key={change.field}>
                                    <th scope="row">
                                      <CodeInWords words={words.field(change.field)} code={change.field} />
                                    </th>
                                    <td className="audit-diff__before">{shown(change.field, change.before)}</td>
                                    <td className="audit-diff__after">{shown(change.field, change.after)}</td>
                                  </tr>
                                ))}
                              </tbody>
                            </table>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : null}
          <Pager offset={offset} limit={PAGE_SIZE} total={entries.data.total} onChange={setOffset} />
        </section>
      ) : null}
    </div>
  );
}

/**
 * A code of the log in words, with the code itself beneath in small type, for whoever searches the log or the server's
 * by it: 'user.role' → "Role changed" over `user.role`. A code with no words yet is shown as it is.
 */
function CodeInWords({ words, code }: { words: string | null; code: string }) {
  if (words === null) return <code>{code}</code>;
  return (
    <>
      {words}
      <br />
      <code className="code-hint">{code}</code>
    </>
  );
}
