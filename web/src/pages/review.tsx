import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../api/client.js';
import { invalidateRecord } from '../api/record-queries.js';
import type { CorrectedProposal, DecisionResult, Evidence, Proposal, ProposalList, SourceText } from '../api/types.js';
import { ActionButton } from '../components/action-button.js';
import { AskedQuestion, useAskOnceMore } from '../components/ask-once-more.js';
import { ChoiceOptions } from '../components/choice-options.js';
import { Pager, useOffsetInRange } from '../components/pager.js';
import { RecordFinder } from '../components/record-finder.js';
import { EVENT_TYPES, EvidenceQuote, ProposalSummary, useRecordLabels } from '../components/record-labels.js';
import { ActionError, type ActionMessage, ActionNotice, EmptyState, ErrorState, errorText, Loading } from '../components/states.js';
import { useFocusLater } from '../focus-later.js';
import { type Edge, moveEdge, passage, type Span, trimSpan } from '../review/boundaries.js';
import {
  allSelected as allRowsSelected,
  bulkDecision,
  type CorrectionBody,
  correctionBody,
  decidable as decidableRows,
  keyAction,
  toggled,
  toggledAll,
} from '../review/queue.js';

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
export function ReviewPage({ canDecide, canLink = false }: { canDecide: boolean; canLink?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('review.title')}</h1>
        <p className="lead">{t('review.intro')}</p>
        <p className="hint" id="review-keys">
          {t('review.keys')}
        </p>
      </div>
      <ReviewQueue canDecide={canDecide} canLink={canLink} describedBy="review-keys" />
    </div>
  );
}

interface ReviewQueueProps {
  canDecide: boolean;
  canLink?: boolean;
  /** The proposals of this source only, with no way to widen the list (the source view's own queue). */
  sourceId?: string;
  /** The id of the element that explains the keys. */
  describedBy: string;
  /** The highlighted proposal, as it changes: the source view marks its words in the text. */
  onCurrent?: (proposal: Proposal | null) => void;
}

/**
 * The queue itself: filters, bulk actions, the proposals with their quotes and actions, the keyboard. The review page
 * shows it across sources; the source view shows one source's beside its text.
 */
export function ReviewQueue({ canDecide, canLink = false, sourceId: fixedSourceId, describedBy, onCurrent }: ReviewQueueProps) {
  const { t } = useTranslation();
  const labels = useRecordLabels();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const kindId = useId();
  const statusId = useId();
  const kind = KINDS.find((k) => k === params.get('kind')) ?? null;
  const status = STATUSES.find((s) => s === params.get('status')) ?? 'proposed';
  const sourceId = fixedSourceId ?? params.get('sourceId');
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const [current, setCurrent] = useState(0);
  /** The proposal whose correction form is open (one at a time: e opens the highlighted one's). */
  const [correcting, setCorrecting] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  /**
   * What the last decision did, with what undoes it: after a proposal was linked to a person in the record, the merge;
   * after an accept or a reject, the proposals it decided, to put back in the queue.
   */
  const [message, setMessage] = useState<(ActionMessage & { undoMerge?: string; undoDecision?: string[] }) | null>(null);
  const rows = useRef<Array<HTMLTableRowElement | null>>([]);
  const notice = useRef<HTMLParagraphElement>(null);
  const focusLater = useFocusLater();

  const list = useQuery({
    queryKey: ['review', kind, status, sourceId, offset],
    queryFn: ({ signal }) =>
      api<ProposalList>(`/api/v1/review${query({ kind, status, sourceId, limit: PAGE_SIZE, offset })}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  // Deciding the last rows of the last page (or an old link) leaves the address past the end: back to rows.
  useOffsetInRange(offset, PAGE_SIZE, list.isPlaceholderData ? undefined : list.data?.total);

  const decide = useMutation({
    mutationFn: (body: { accept?: string[]; reject?: string[] }) =>
      api<DecisionResult>('/api/v1/review/decisions', { method: 'POST', body }),
    onSuccess: (result) => {
      const decided = [...result.accepted, ...result.rejected];
      setMessage({
        text: t('review.decided', { accepted: result.accepted.length, rejected: result.rejected.length }),
        error: false,
        ...(decided.length > 0 ? { undoDecision: decided } : {}),
      });
      setSelected(new Set());
    },
    onError: (error) => setMessage({ text: t('review.failed', { message: errorText(error, t) }), error: true }),
    // An accepted proposal is an event, a person or a case in the record, and the source it came from may now be
    // reviewed: every list that could show that is fetched again.
    onSettled: () => invalidateRecord(queryClient),
  });

  const highlighted = items[Math.min(current, items.length - 1)] ?? null;
  useEffect(() => {
    onCurrent?.(highlighted);
  }, [highlighted, onCurrent]);

  // Linking a proposal to a person in the record is a merge: undone here at once, or later from the merge queue. The
  // Undo button goes with the notice it was in: the keyboard goes to the notice that says it was undone.
  const undo = useMutation({
    mutationFn: (mergeId: string) => api(`/api/v1/merges/${encodeURIComponent(mergeId)}/undo`, { method: 'POST' }),
    onSuccess: () => {
      setMessage({ text: t('review.linkUndone'), error: false });
      focusLater(() => notice.current);
    },
    onError: (error) => setMessage({ text: t('review.failed', { message: errorText(error, t) }), error: true }),
    onSettled: () => invalidateRecord(queryClient),
  });

  // A decision is taken back by putting what it decided back in the queue; the server refuses, saying why, where
  // later work (an edit, a merge, an event accepted since) rests on an accepted one.
  const reopen = useMutation({
    mutationFn: (ids: string[]) => api<{ reopened: string[] }>('/api/v1/review/reopen', { method: 'POST', body: { ids } }),
    onSuccess: (result) => {
      setMessage({ text: t('review.reopened', { count: result.reopened.length }), error: false });
      focusLater(() => notice.current);
    },
    onError: (error) => setMessage({ text: t('review.failed', { message: errorText(error, t) }), error: true }),
    onSettled: () => invalidateRecord(queryClient),
  });
  const busy = decide.isPending || reopen.isPending;
  const lastDecision = message?.undoDecision;

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
      // u takes back the last decision, as on the merge queue; it works with the queue emptied by that decision.
      if (event.key === 'u' && !(event.ctrlKey || event.metaKey || event.altKey) && !isTyping(event.target)) {
        if (lastDecision && canDecide && !busy) {
          event.preventDefault();
          reopen.mutate(lastDecision);
        }
        return;
      }
      const action = keyAction({
        key: event.key,
        modified: event.ctrlKey || event.metaKey || event.altKey,
        typing: isTyping(event.target),
        items,
        current,
        onRow: rows.current[current] === document.activeElement,
        canDecide,
        busy,
      });
      if (!action) return;
      event.preventDefault();
      if (action.kind === 'focus') focusRow(action.index);
      else if (action.kind === 'edit') setCorrecting(items[action.index]?.id ?? null);
      else decide.mutate(action.decision);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [items, current, canDecide, decide, focusRow, lastDecision, busy, reopen]);

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
    <section className="panel" data-testid="review-queue">
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
        {sourceId && !fixedSourceId ? (
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
      {canDecide && fixedSourceId && status === 'proposed' && kind === null && (list.data?.total ?? 0) > 0 ? (
        <AcceptAllOfSource
          sourceId={fixedSourceId}
          waiting={list.data?.total ?? 0}
          busy={decide.isPending}
          onDone={(result) => {
            setMessage({ text: t('review.decided', { accepted: result.accepted.length, rejected: 0 }), error: false });
            // The question and its button are gone with the proposals: the keyboard goes to what was done.
            focusLater(() => notice.current);
          }}
          onError={(error) => setMessage({ text: t('review.failed', { message: error }), error: true })}
        />
      ) : null}
      <ActionNotice ref={notice} message={message}>
        {/* One child or null: the notice puts a space before any children, an array of nulls too. */}
        {message?.undoMerge ? (
          <ActionButton className="button button--secondary button--small" busy={undo.isPending} onClick={() => undo.mutate(message.undoMerge!)}>
            {t('review.undoLink')}
          </ActionButton>
        ) : message?.undoDecision && canDecide ? (
          <ActionButton className="button button--secondary button--small" busy={reopen.isPending} onClick={() => reopen.mutate(message.undoDecision!)}>
            {t('review.undoDecision')}
          </ActionButton>
        ) : null}
      </ActionNotice>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? <p className="muted">{t('review.count', { count: list.data.total })}</p> : null}
      {list.data && list.data.total === 0 ? <EmptyState title={status === 'proposed' ? t('review.empty') : t('review.emptyFiltered')} /> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table review-table" aria-describedby={describedBy}>
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
                  busy={busy}
                  rowRef={(el) => {
                    rows.current[index] = el;
                  }}
                  onFocus={() => setCurrent(index)}
                  onToggle={() => toggle(item.id)}
                  onDecide={(decision) => decide.mutate(decision === 'accept' ? { accept: [item.id] } : { reject: [item.id] })}
                  onReopen={() => reopen.mutate([item.id])}
                  correcting={correcting === item.id}
                  inSource={fixedSourceId ?? null}
                  canLink={canLink}
                  onCorrected={(corrected) =>
                    setMessage(
                      corrected.merged
                        ? { text: t('review.linked', { label: corrected.label }), error: false, undoMerge: corrected.merged.mergeId }
                        : { text: t('review.corrected', { label: corrected.label }), error: false },
                    )
                  }
                  onCorrecting={(open) => {
                    setCorrecting(open ? item.id : null);
                    // Back to the row the form was under, so j, k, a, r, e go on from there.
                    if (!open) rows.current[index]?.focus();
                  }}
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
  );
}

/**
 * A source read as a whole and found right (a court's press release, a list checked against the original): every
 * proposal still waiting from it accepted at once, after a question that says how many (POST
 * /api/v1/review/accept-all with the source).
 */
function AcceptAllOfSource({
  sourceId,
  waiting,
  busy,
  onDone,
  onError,
}: {
  sourceId: string;
  waiting: number;
  busy: boolean;
  onDone: (result: DecisionResult) => void;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const asked = useAskOnceMore();
  const acceptAll = useMutation({
    mutationFn: () => api<DecisionResult>('/api/v1/review/accept-all', { method: 'POST', body: { sourceId } }),
    onSuccess: (result) => {
      asked.close();
      onDone(result);
    },
    onError: (e) => onError(errorText(e, t)),
    onSettled: () => invalidateRecord(queryClient),
  });
  if (!asked.asking)
    return (
      <p>
        <button ref={asked.opener} type="button" className="button button--secondary button--small" disabled={busy} onClick={() => asked.ask(true)}>
          {t('review.acceptSource', { count: waiting })}
        </button>
      </p>
    );
  return (
    <AskedQuestion
      asked={asked}
      label={t('review.acceptSource', { count: waiting })}
      question={t('review.acceptSourceConfirm', { count: waiting })}
      cancel={t('review.cancel')}
    >
      <ActionButton className="button button--small" busy={acceptAll.isPending} onClick={() => acceptAll.mutate()}>
        {t('review.acceptSourceYes', { count: waiting })}
      </ActionButton>
    </AskedQuestion>
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
  /** Back to the queue, undecided: a reviewer reconsidering a decided proposal. */
  onReopen: () => void;
  correcting: boolean;
  canLink: boolean;
  onCorrecting: (open: boolean) => void;
  onCorrected: (corrected: CorrectedProposal) => void;
  /** The source whose view this queue is on: its quotes need no link to it. */
  inSource: string | null;
  kindLabel: string;
  statusLabel: string;
}

function ProposalRow(props: RowProps) {
  const { item, isCurrent, selected, canDecide, busy, rowRef, onFocus, onToggle, onDecide, onReopen, correcting, canLink, onCorrecting, onCorrected, inSource, kindLabel, statusLabel } = props;
  const { t } = useTranslation();
  const proposed = item.status === 'proposed';
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
          <EvidenceQuote key={e.id} evidence={e} inSource={inSource === e.sourceId} />
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
              onClick={() => onCorrecting(!correcting)}
            >
              {t('review.correct')}
            </button>
          </>
        ) : null}
        {canDecide && !proposed ? (
          <>
            <button type="button" className="button button--secondary button--small" disabled={busy} onClick={onReopen}>
              {t('review.reopen')}
            </button>
            {item.status === 'rejected' ? (
              <button type="button" className="button button--small" disabled={busy} onClick={() => onDecide('accept')}>
                {t('review.accept')}
              </button>
            ) : null}
          </>
        ) : null}
      </td>
    </tr>
    {correcting && proposed ? (
      <tr className="review-row__correction">
        <td colSpan={6}>
          <CorrectionForm item={item} canLink={canLink} onDone={() => onCorrecting(false)} onSaved={onCorrected} />
        </td>
      </tr>
    ) : null}
    </>
  );
}

/**
 * Accept with corrections: an event's type, date, penalty and subject (an existing person instead of the proposed
 * ones); a person's, organization's or case's name, and for a person the existing person it is the same as (editors:
 * accepted and merged into them, undone from the merge queue); for every proposal the boundaries of its quotes. The
 * machine's proposal is kept as the version before (POST /api/v1/review/:id/correct). Escape closes the form.
 */
function CorrectionForm({
  item,
  canLink,
  onDone,
  onSaved,
}: {
  item: Proposal;
  canLink: boolean;
  onDone: () => void;
  onSaved: (corrected: CorrectedProposal) => void;
}) {
  const { t } = useTranslation();
  const labels = useRecordLabels();
  const queryClient = useQueryClient();
  const ids = { type: useId(), date: useId(), years: useId(), name: useId(), recordType: useId() };
  /** What the proposal is to become: a person read as an organization (or back) is corrected here. */
  const [recordType, setRecordType] = useState<string>(item.kind);
  const [error, setError] = useState<string | null>(null);
  const [spans, setSpans] = useState<Record<string, Span>>({});
  const save = useMutation({
    mutationFn: (body: CorrectionBody) => api<CorrectedProposal>(`/api/v1/review/${encodeURIComponent(item.id)}/correct`, { method: 'POST', body }),
    onSuccess: (corrected) => {
      onSaved(corrected);
      onDone();
    },
    onError: (e) => setError(errorText(e, t)),
    onSettled: () => invalidateRecord(queryClient),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const field = (name: string) => String(data.get(name) ?? '');
    const moved = item.evidence
      .filter((e) => spans[e.id] && (spans[e.id]!.start !== e.start || spans[e.id]!.end !== e.end))
      .map((e) => ({ id: e.id, ...spans[e.id]! }));
    const correction = correctionBody(
      item.kind,
      Boolean(item.event),
      item.event
        ? { date: field('date'), years: field('years'), type: field('type'), subject: field('subject') }
        : { name: field('name'), samePersonAs: field('samePersonAs'), recordType },
      moved,
      EVENT_TYPES,
    );
    if (!correction.ok) {
      setError(t(`review.${correction.error}`));
      return;
    }
    save.mutate(correction.body);
  };
  return (
    <form
      className="correction"
      onSubmit={onSubmit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
      aria-label={t('review.correctLabel', { label: item.label })}
    >
      <div className="correction__fields">
        {item.event ? (
          <>
            <div className="field">
              <label htmlFor={ids.type}>{t('review.fields.type')}</label>
              {/* biome-ignore lint/a11y/noAutofocus: the form was opened to be filled in, by a click or by e */}
              <select id={ids.type} name="type" defaultValue={item.event.type} autoFocus>
                {EVENT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {labels.eventType(type)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.date}>{t('review.fields.date')}</label>
              <input id={ids.date} name="date" type="text" defaultValue={item.event.date ?? ''} pattern="\d{4}(-\d{2}(-\d{2})?)?" />
            </div>
            <div className="field">
              <label htmlFor={ids.years}>{t('review.fields.sentenceYears')}</label>
              <input id={ids.years} name="years" type="text" inputMode="decimal" defaultValue={item.event.sentenceYears ?? ''} />
            </div>
            <RecordFinder
              type="person"
              name="subject"
              none={t('review.fields.keepSubjects')}
              findLabel={t('review.fields.findSubject')}
              chooseLabel={t('review.fields.subject')}
            />
          </>
        ) : (
          <>
            {item.kind === 'person' || item.kind === 'organization' ? (
              <div className="field">
                <label htmlFor={ids.recordType}>{t('review.fields.recordType')}</label>
                <select id={ids.recordType} name="recordType" value={recordType} onChange={(e) => setRecordType(e.target.value)}>
                  <option value="person">{t('review.kinds.person')}</option>
                  <option value="organization">{t('review.kinds.organization')}</option>
                </select>
              </div>
            ) : null}
            <div className="field field--grow">
              <label htmlFor={ids.name}>{t('review.fields.name')}</label>
              {/* biome-ignore lint/a11y/noAutofocus: the form was opened to be filled in, by a click or by e */}
              <input id={ids.name} name="name" type="text" defaultValue={item.label} required autoFocus />
            </div>
            {item.kind === 'person' && recordType === 'person' && canLink ? (
              <RecordFinder
                type="person"
                name="samePersonAs"
                exclude={item.id}
                none={t('review.fields.newPerson')}
                findLabel={t('review.fields.findSamePerson')}
                chooseLabel={t('review.fields.samePerson')}
                hint={<p className="hint correction__hint">{t('review.samePersonHint')}</p>}
              />
            ) : null}
          </>
        )}
      </div>
      {item.evidence.slice(0, MAX_QUOTES_EDITED).map((evidence, index) => (
        <QuoteBoundaries
          key={evidence.id}
          evidence={evidence}
          number={index + 1}
          span={spans[evidence.id] ?? evidence}
          onChange={(span) => setSpans((before) => ({ ...before, [evidence.id]: span }))}
        />
      ))}
      <div className="filters__actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {t('review.correctAccept')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('review.cancel')}
        </button>
      </div>
      <ActionError error={error} />
    </form>
  );
}

/** Quotes whose boundaries the form offers to move: a proposal's first few; the rest are corrected on their own. */
const MAX_QUOTES_EDITED = 3;

/**
 * One quote in its passage of the source, the quoted words marked: selecting words in the passage quotes exactly
 * them, and four buttons move either end a word at a time. Offsets are the source text's, as the server's.
 */
function QuoteBoundaries({ evidence, number, span, onChange }: { evidence: Evidence; number: number; span: Span; onChange: (span: Span) => void }) {
  const { t } = useTranslation();
  const passageRef = useRef<HTMLParagraphElement>(null);
  const text = useQuery({
    queryKey: ['sources', 'text', evidence.sourceId],
    queryFn: ({ signal }) => api<SourceText>(`/api/v1/sources/${encodeURIComponent(evidence.sourceId)}/text`, { signal }),
  });
  const legend = t('review.boundaries.legend', { number });
  if (text.isPending) return <Loading />;
  if (text.isError) return <ErrorState error={text.error} onRetry={() => void text.refetch()} />;
  const body = text.data.text;
  const shown = passage(body, span, PASSAGE_RADIUS);
  const move = (edge: Edge, direction: -1 | 1) => {
    const next = moveEdge(body, span, edge, direction);
    if (next) onChange(next);
  };
  // A selection inside the passage, in offsets of the whole text: the passage's text before it, counted.
  const onSelect = () => {
    const selection = window.getSelection();
    const element = passageRef.current;
    if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !element) return;
    const range = selection.getRangeAt(0);
    if (!element.contains(range.startContainer) || !element.contains(range.endContainer)) return;
    const before = document.createRange();
    before.selectNodeContents(element);
    before.setEnd(range.startContainer, range.startOffset);
    const start = shown.start + before.toString().length;
    const chosen = trimSpan(body, { start, end: start + range.toString().length });
    if (chosen) onChange(chosen);
  };
  const buttons: Array<{ edge: Edge; direction: -1 | 1; key: string }> = [
    { edge: 'start', direction: -1, key: 'startEarlier' },
    { edge: 'start', direction: 1, key: 'startLater' },
    { edge: 'end', direction: -1, key: 'endEarlier' },
    { edge: 'end', direction: 1, key: 'endLater' },
  ];
  const moved = span.start !== evidence.start || span.end !== evidence.end;
  return (
    <fieldset className="boundaries" data-testid="quote-boundaries">
      <legend>{legend}</legend>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: selecting with the mouse is one of two ways; the buttons are the keyboard's */}
      <p className="boundaries__passage" ref={passageRef} onMouseUp={onSelect}>
        {shown.start > 0 ? '… ' : ''}
        {body.slice(shown.start, span.start)}
        <mark>{body.slice(span.start, span.end)}</mark>
        {body.slice(span.end, shown.end)}
        {shown.end < body.length ? ' …' : ''}
      </p>
      <div className="boundaries__buttons">
        {buttons.map((b) => (
          <button
            key={b.key}
            type="button"
            className="button button--secondary button--small"
            disabled={moveEdge(body, span, b.edge, b.direction) === null}
            onClick={() => move(b.edge, b.direction)}
          >
            {t(`review.boundaries.${b.key}`)}
          </button>
        ))}
        <button type="button" className="button button--secondary button--small" disabled={!moved} onClick={() => onChange({ start: evidence.start, end: evidence.end })}>
          {t('review.boundaries.reset')}
        </button>
      </div>
      <p className="hint">{t('review.boundaries.hint')}</p>
    </fieldset>
  );
}

/** Characters of the source shown each side of a quote being corrected. */
const PASSAGE_RADIUS = 160;
