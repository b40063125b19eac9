import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../api/client.js';
import type { DecisionResult, Proposal, ProposalList } from '../api/types.js';
import { ChoiceOptions } from '../components/choice-options.js';
import { Pager } from '../components/pager.js';
import { EvidenceQuote, ProposalSummary, useRecordLabels } from '../components/record-labels.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { allSelected as allRowsSelected, bulkDecision, correctionBody, decidable as decidableRows, keyAction, toggled, toggledAll } from '../review/queue.js';

const PAGE_SIZE = 25;
const KINDS = ['event', 'person', 'organization', 'case'] as const;
const STATUSES = ['proposed', 'accepted', 'rejected', 'all'] as const;

/** Keys typed into a field are the field's: the shortcuts only act on the page itself. */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * The review queue: what extraction proposed, with the words it came from. j / k move between proposals, a accepts
 * and r rejects the current one; several can be selected and decided at once. Every row says whether it is still
 * proposed or already reviewed, so nothing unreviewed passes for the record.
 */
export function ReviewPage({ canDecide }: { canDecide: boolean }) {
  const { t } = useTranslation();
  const labels = useRecordLabels();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const kindId = useId();
  const statusId = useId();
  const kind = KINDS.find((k) => k === params.get('kind')) ?? null;
  const status = STATUSES.find((s) => s === params.get('status')) ?? 'proposed';
  const sourceId = params.get('sourceId');
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const [current, setCurrent] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const rows = useRef<Array<HTMLTableRowElement | null>>([]);

  const list = useQuery({
    queryKey: ['review', kind, status, sourceId, offset],
    queryFn: ({ signal }) =>
      api<ProposalList>(`/api/v1/review${query({ kind, status, sourceId, limit: PAGE_SIZE, offset })}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];

  const decide = useMutation({
    mutationFn: (body: { accept?: string[]; reject?: string[] }) =>
      api<DecisionResult>('/api/v1/review/decisions', { method: 'POST', body }),
    onSuccess: (result) => {
      setMessage({ text: t('review.decided', { accepted: result.accepted.length, rejected: result.rejected.length }), error: false });
      setSelected(new Set());
    },
    onError: (error) => setMessage({ text: t('review.failed', { message: error instanceof Error ? error.message : String(error) }), error: true }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['review'] });
      void queryClient.invalidateQueries({ queryKey: ['persons'] });
      void queryClient.invalidateQueries({ queryKey: ['stats'] });
      void queryClient.invalidateQueries({ queryKey: ['sources', 'mentions'] });
    },
  });

  const focusRow = useCallback((index: number) => {
    setCurrent(index);
    rows.current[index]?.focus();
  }, []);

  useEffect(() => {
    if (current >= items.length && items.length > 0) setCurrent(items.length - 1);
  }, [items.length, current]);

  // A decided row leaves the queue and takes the focus with it: hand it to the row now in its place.
  useEffect(() => {
    if (items.length > 0 && (document.activeElement === document.body || document.activeElement === null))
      rows.current[Math.min(current, items.length - 1)]?.focus();
  }, [items, current]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = keyAction({
        key: event.key,
        modified: event.ctrlKey || event.metaKey || event.altKey,
        typing: isTyping(event.target),
        items,
        current,
        onRow: rows.current[current] === document.activeElement,
        canDecide,
        busy: decide.isPending,
      });
      if (!action) return;
      event.preventDefault();
      if (action.kind === 'focus') focusRow(action.index);
      else decide.mutate(action.decision);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [items, current, canDecide, decide, focusRow]);

  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') next.delete(name);
    else next.set(name, value);
    if (name !== 'offset') next.delete('offset');
    setParams(next);
    setCurrent(0);
    setSelected(new Set());
  };
  const toggle = (id: string) => setSelected((before) => toggled(before, id));
  const decideSelected = (verb: 'accept' | 'reject') => {
    const decision = bulkDecision(verb, items, selected);
    if (decision) decide.mutate(decision);
  };
  const selectedOpen = decidableRows(items).filter((i) => selected.has(i.id)).length;
  const allSelected = allRowsSelected(items, selected);

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('review.title')}</h1>
        <p className="lead">{t('review.intro')}</p>
        <p className="hint" id="review-keys">
          {t('review.keys')}
        </p>
      </div>
      <section className="panel">
        <div className="toolbar">
          <div className="field field--inline">
            <label htmlFor={kindId}>{t('review.kind')}</label>
            <select id={kindId} value={kind ?? ''} onChange={(e) => setParam('kind', e.target.value)}>
              <ChoiceOptions any={t('review.kinds.all')} values={KINDS} label={(k) => t(`review.kinds.${k}`)} />
            </select>
          </div>
          <div className="field field--inline">
            <label htmlFor={statusId}>{t('review.show')}</label>
            <select id={statusId} value={status} onChange={(e) => setParam('status', e.target.value === 'proposed' ? null : e.target.value)}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`review.statusFilter.${s}`)}
                </option>
              ))}
            </select>
          </div>
          {sourceId ? (
            <p className="muted">
              {t('review.oneSource')} <Link to={`/sources/${encodeURIComponent(sourceId)}`}>{t('review.openSource')}</Link>{' '}
              <button type="button" className="button button--secondary button--small" onClick={() => setParam('sourceId', null)}>
                {t('review.allSources')}
              </button>
            </p>
          ) : null}
          {canDecide ? (
            <div className="toolbar__actions">
              <button
                type="button"
                className="button"
                disabled={selectedOpen === 0 || decide.isPending}
                onClick={() => decideSelected('accept')}
              >
                {t('review.acceptSelected', { count: selectedOpen })}
              </button>
              <button
                type="button"
                className="button button--secondary"
                disabled={selectedOpen === 0 || decide.isPending}
                onClick={() => decideSelected('reject')}
              >
                {t('review.rejectSelected', { count: selectedOpen })}
              </button>
            </div>
          ) : (
            <p className="muted">{t('review.readOnly')}</p>
          )}
        </div>
        <div aria-live="polite">{message ? <p className={message.error ? 'notice notice--error' : 'notice notice--ok'}>{message.text}</p> : null}</div>
        {list.isPending ? <Loading /> : null}
        {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.data ? <p className="muted">{t('review.count', { count: list.data.total })}</p> : null}
        {list.data && items.length === 0 ? <EmptyState title={status === 'proposed' ? t('review.empty') : t('review.emptyFiltered')} /> : null}
        {items.length > 0 ? (
          <div className="table-wrap">
            <table className="table review-table" aria-describedby="review-keys">
              <thead>
                <tr>
                  <th scope="col">
                    {canDecide ? (
                      <input
                        type="checkbox"
                        aria-label={t('review.selectAll')}
                        checked={allSelected}
                        onChange={() => setSelected(toggledAll(items, selected))}
                      />
                    ) : null}
                  </th>
                  <th scope="col">{t('review.columns.kind')}</th>
                  <th scope="col">{t('review.columns.proposal')}</th>
                  <th scope="col">{t('review.columns.evidence')}</th>
                  <th scope="col">{t('review.columns.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('review.columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((item, index) => (
                  <ProposalRow
                    key={item.id}
                    item={item}
                    isCurrent={index === current}
                    selected={selected.has(item.id)}
                    canDecide={canDecide}
                    busy={decide.isPending}
                    rowRef={(el) => {
                      rows.current[index] = el;
                    }}
                    onFocus={() => setCurrent(index)}
                    onToggle={() => toggle(item.id)}
                    onDecide={(decision) => decide.mutate(decision === 'accept' ? { accept: [item.id] } : { reject: [item.id] })}
                    kindLabel={labels.kind(item.kind)}
                    statusLabel={labels.reviewStatus(item.status)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <Pager offset={offset} limit={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(o) => setParam('offset', String(o))} />
      </section>
    </div>
  );
}

interface RowProps {
  item: Proposal;
  isCurrent: boolean;
  selected: boolean;
  canDecide: boolean;
  busy: boolean;
  rowRef: (el: HTMLTableRowElement | null) => void;
  onFocus: () => void;
  onToggle: () => void;
  onDecide: (decision: 'accept' | 'reject') => void;
  kindLabel: string;
  statusLabel: string;
}

function ProposalRow({ item, isCurrent, selected, canDecide, busy, rowRef, onFocus, onToggle, onDecide, kindLabel, statusLabel }: RowProps) {
  const { t } = useTranslation();
  const proposed = item.status === 'proposed';
  const [correcting, setCorrecting] = useState(false);
  return (
    <>
    <tr
      ref={rowRef}
      tabIndex={isCurrent ? 0 : -1}
      onFocus={onFocus}
      className={`review-row${isCurrent ? ' is-current' : ''}`}
      aria-current={isCurrent ? 'true' : undefined}
      data-proposal-id={item.id}
    >
      <td>
        {canDecide && proposed ? (
          <input type="checkbox" aria-label={t('review.select', { label: item.label })} checked={selected} onChange={onToggle} />
        ) : null}
      </td>
      <td>
        <span className={`mention mention--${item.kind}`}>{kindLabel}</span>
      </td>
      <td className="table__title">
        {item.kind === 'person' ? <Link to={`/persons/${item.id}`}>{item.label}</Link> : <ProposalSummary proposal={item} />}
      </td>
      <td className="review-row__evidence">
        {item.evidence.slice(0, 1).map((e) => (
          <EvidenceQuote key={e.id} evidence={e} />
        ))}
        {item.evidence.length > 1 ? <p className="muted">{t('review.moreEvidence', { count: item.evidence.length - 1 })}</p> : null}
      </td>
      <td>
        <span className={`badge badge--review-${item.status}`}>{statusLabel}</span>
      </td>
      <td className="review-row__actions">
        {canDecide && proposed ? (
          <>
            <button type="button" className="button button--small" disabled={busy} onClick={() => onDecide('accept')}>
              {t('review.accept')}
            </button>
            <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => onDecide('reject')}>
              {t('review.reject')}
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              aria-expanded={correcting}
              onClick={() => setCorrecting((c) => !c)}
            >
              {t('review.correct')}
            </button>
          </>
        ) : null}
      </td>
    </tr>
    {correcting && proposed ? (
      <tr className="review-row__correction">
        <td colSpan={6}>
          <CorrectionForm item={item} onDone={() => setCorrecting(false)} />
        </td>
      </tr>
    ) : null}
    </>
  );
}

/**
 * Accept with corrections: for an event its date and penalty, for a person or organization or case its name. The
 * machine's proposal is kept as the version before (POST /api/v1/review/:id/correct).
 */
function CorrectionForm({ item, onDone }: { item: Proposal; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ids = { date: useId(), years: useId(), name: useId() };
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Proposal>(`/api/v1/review/${encodeURIComponent(item.id)}/correct`, { method: 'POST', body }),
    onSuccess: () => {
      onDone();
      void queryClient.invalidateQueries({ queryKey: ['review'] });
      void queryClient.invalidateQueries({ queryKey: ['persons'] });
      void queryClient.invalidateQueries({ queryKey: ['stats'] });
    },
    onError: (e) => setError(e instanceof Error ? e.message : String(e)),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const field = (name: string) => String(data.get(name) ?? '');
    const correction = correctionBody(
      item.kind,
      Boolean(item.event),
      item.event ? { date: field('date'), years: field('years') } : { name: field('name') },
    );
    if (!correction.ok) {
      setError(t(`review.${correction.error}`));
      return;
    }
    save.mutate(correction.body);
  };
  return (
    <form className="correction" onSubmit={onSubmit} aria-label={t('review.correctLabel', { label: item.label })}>
      {item.event ? (
        <>
          <div className="field">
            <label htmlFor={ids.date}>{t('review.fields.date')}</label>
            <input id={ids.date} name="date" type="text" defaultValue={item.event.date ?? ''} pattern="\d{4}(-\d{2}(-\d{2})?)?" />
          </div>
          <div className="field">
            <label htmlFor={ids.years}>{t('review.fields.sentenceYears')}</label>
            <input id={ids.years} name="years" type="text" inputMode="decimal" defaultValue={item.event.sentenceYears ?? ''} />
          </div>
        </>
      ) : (
        <div className="field field--grow">
          <label htmlFor={ids.name}>{t('review.fields.name')}</label>
          <input id={ids.name} name="name" type="text" defaultValue={item.label} required />
        </div>
      )}
      <div className="filters__actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {t('review.correctAccept')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('review.cancel')}
        </button>
      </div>
      {error ? (
        <p className="notice notice--error" role="alert">
          {t('review.failed', { message: error })}
        </p>
      ) : null}
    </form>
  );
}
