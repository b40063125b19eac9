import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../api/client.js';
import type { MergeList, MergeProposal, MergeProposalList, MergeRecord, MergeResult, ProposalPerson, RefreshResult } from '../api/merges.js';
import { invalidateRecord } from '../api/record-queries.js';
import { ActionButton } from '../components/action-button.js';
import { Pager, useOffsetInRange } from '../components/pager.js';
import { type ActionMessage, ActionNotice, EmptyState, ErrorState, errorText, Loading } from '../components/states.js';
import { useFocusLater } from '../focus-later.js';
import { useFormat } from '../format.js';
import { partLabelKey, partPhrase, renderPhrase, summaryPhrase } from '../merges/explain.js';

const PAGE_SIZE = 10;

/** Keys typed into a field are the field's: the shortcuts only act on the page itself. */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** The person kept by default: the one with more events (the first on a tie), as the server decides. */
function defaultKeep(p: MergeProposal): string {
  return p.b.eventsCount > p.a.eventsCount ? p.b.id : p.a.id;
}

/**
 * The merge queue: pairs of persons the names resolver thinks are one, side by side with their names in both
 * scripts, events and evidence, the score and why, part by part. j / k move between pairs, m merges and s keeps
 * the current pair apart, u undoes the last merge. Every merge is listed below with its Undo.
 */
export function MergesPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const [current, setCurrent] = useState(0);
  const [keep, setKeep] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<(ActionMessage & { undo?: string }) | null>(null);
  const cards = useRef<Array<HTMLElement | null>>([]);
  const notice = useRef<HTMLParagraphElement>(null);
  const focusLater = useFocusLater();
  /**
   * A pair merged or kept apart leaves the queue once it is read again: the keyboard goes on to the pair now in its
   * place (the last one when it was the last), as in the review queue, or to the notice when none is left.
   */
  const focusNextPair = (decidedId: string, index: number) =>
    focusLater(() => {
      const shown = cards.current.filter((card): card is HTMLElement => card?.isConnected === true);
      if (shown.some((card) => card.dataset.proposalId === decidedId)) return null;
      return shown[Math.min(index, shown.length - 1)] ?? notice.current;
    });
  /** An undo's button goes with the notice or the line it was on: the keyboard goes to the notice saying it was undone. */
  const focusNotice = () => focusLater(() => notice.current);

  const list = useQuery({
    queryKey: ['merges', 'proposals', offset],
    queryFn: ({ signal }) => api<MergeProposalList>(`/api/v1/merges${query({ limit: PAGE_SIZE, offset })}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const history = useQuery({
    queryKey: ['merges', 'history'],
    queryFn: ({ signal }) => api<MergeList>('/api/v1/merges/history?limit=10', { signal }),
  });
  const items = list.data?.items ?? [];
  useOffsetInRange(offset, PAGE_SIZE, list.isPlaceholderData ? undefined : list.data?.total);

  // A merge or its undo moves names, events and cases between persons: every list that shows them changes.
  const invalidate = () => invalidateRecord(queryClient);
  const failed = (error: unknown) => setMessage({ text: t('merges.failed', { message: errorText(error, t) }), error: true });

  const merge = useMutation({
    mutationFn: ({ proposal, keepId }: { proposal: MergeProposal; keepId: string; index: number }) =>
      api<MergeResult>(`/api/v1/merges/proposals/${encodeURIComponent(proposal.id)}/merge`, { method: 'POST', body: { keepId } }),
    onSuccess: (result, { proposal, index }) => {
      const kept = result.keptId === proposal.a.id ? proposal.a : proposal.b;
      const other = kept === proposal.a ? proposal.b : proposal.a;
      setMessage({ text: t('merges.merged', { kept: kept.displayName, other: other.displayName }), error: false, undo: result.mergeId });
      focusNextPair(proposal.id, index);
    },
    onError: failed,
    onSettled: invalidate,
  });
  const keepApart = useMutation({
    mutationFn: ({ proposal }: { proposal: MergeProposal; index: number }) =>
      api<MergeProposal>(`/api/v1/merges/proposals/${encodeURIComponent(proposal.id)}/keep-apart`, { method: 'POST' }),
    onSuccess: (p, { proposal, index }) => {
      setMessage({ text: t('merges.keptApart', { a: p.a.displayName, b: p.b.displayName }), error: false });
      focusNextPair(proposal.id, index);
    },
    onError: failed,
    onSettled: invalidate,
  });
  const undo = useMutation({
    mutationFn: (mergeId: string) => api<MergeRecord>(`/api/v1/merges/${encodeURIComponent(mergeId)}/undo`, { method: 'POST' }),
    onSuccess: (m) => {
      setMessage({ text: t('merges.undone', { kept: m.keptName, other: m.otherName }), error: false });
      focusNotice();
    },
    onError: failed,
    onSettled: invalidate,
  });
  const refresh = useMutation({
    mutationFn: () => api<RefreshResult>('/api/v1/merges/refresh', { method: 'POST' }),
    onSuccess: (r) => setMessage({ text: t('merges.refreshed', { count: r.pending, created: r.created }), error: false }),
    onError: failed,
    onSettled: invalidate,
  });
  const busy = merge.isPending || keepApart.isPending || undo.isPending || refresh.isPending;

  const focusCard = useCallback((index: number) => {
    setCurrent(index);
    cards.current[index]?.focus();
  }, []);

  useEffect(() => {
    if (current >= items.length && items.length > 0) setCurrent(items.length - 1);
  }, [items.length, current]);

  const lastUndoable = message?.undo ?? history.data?.items[0]?.id;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const item = items[current];
      const onCard = cards.current[current] === document.activeElement;
      if (event.key === 'j' && items.length > 0) {
        event.preventDefault();
        focusCard(onCard ? Math.min(items.length - 1, current + 1) : current);
      } else if (event.key === 'k' && items.length > 0) {
        event.preventDefault();
        focusCard(onCard ? Math.max(0, current - 1) : current);
      } else if (event.key === 'm' && item && canEdit && !busy) {
        event.preventDefault();
        merge.mutate({ proposal: item, keepId: keep[item.id] ?? defaultKeep(item), index: current });
      } else if (event.key === 's' && item && canEdit && !busy) {
        event.preventDefault();
        keepApart.mutate({ proposal: item, index: current });
      } else if (event.key === 'u' && lastUndoable && canEdit && !busy) {
        event.preventDefault();
        undo.mutate(lastUndoable);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [items, current, canEdit, busy, merge, keepApart, undo, keep, focusCard, lastUndoable]);

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('merges.title')}</h1>
        <p className="lead">{t('merges.intro')}</p>
        <p className="hint" id="merge-keys">
          {t('merges.keys')}
        </p>
      </div>
      <section className="panel" aria-labelledby="merge-queue-heading">
        <h2 id="merge-queue-heading" className="visually-hidden">
          {t('merges.queue')}
        </h2>
        <div className="toolbar">
          {list.data ? <p className="muted">{t('merges.count', { count: list.data.total })}</p> : null}
          {canEdit ? (
            <div className="toolbar__actions">
              <ActionButton className="button button--secondary" busy={busy} onClick={() => refresh.mutate()}>
                {t('merges.refresh')}
              </ActionButton>
            </div>
          ) : (
            <p className="muted">{t('merges.readOnly')}</p>
          )}
        </div>
        <ActionNotice ref={notice} message={message}>
          {message?.undo && canEdit ? (
            <ActionButton className="button button--small" busy={busy} onClick={() => undo.mutate(message.undo!)}>
              {t('merges.undo')}
            </ActionButton>
          ) : null}
        </ActionNotice>
        {list.isPending ? <Loading /> : null}
        {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.data && list.data.total === 0 ? <EmptyState title={t('merges.empty')}>{canEdit ? <p>{t('merges.emptyHint')}</p> : null}</EmptyState> : null}
        <ol className="merge-list" aria-describedby="merge-keys">
          {items.map((item, index) => {
            const keepId = keep[item.id] ?? defaultKeep(item);
            return (
              <li key={item.id}>
                <article
                  ref={(el) => {
                    cards.current[index] = el;
                  }}
                  tabIndex={index === current ? 0 : -1}
                  onFocus={() => setCurrent(index)}
                  className={`merge-pair${index === current ? ' is-current' : ''}`}
                  aria-current={index === current ? 'true' : undefined}
                  aria-label={t('merges.pairLabel', { a: item.a.displayName, b: item.b.displayName })}
                  data-proposal-id={item.id}
                >
                  <div className="merge-pair__head">
                    <span className="badge">{t('merges.score', { score: format.fixed(item.score, 2) })}</span>
                    <span className="muted">{renderPhrase(summaryPhrase(item.why), t)}</span>
                  </div>
                  <div className="merge-pair__sides">
                    {[item.a, item.b].map((person) => (
                      <PersonSide
                        key={person.id}
                        person={person}
                        groupName={`keep-${item.id}`}
                        kept={keepId === person.id}
                        canEdit={canEdit}
                        onKeep={() => setKeep((k) => ({ ...k, [item.id]: person.id }))}
                      />
                    ))}
                  </div>
                  <WhyTable proposal={item} />
                  {canEdit ? (
                    <div className="merge-pair__actions">
                      <ActionButton className="button" busy={busy} onClick={() => merge.mutate({ proposal: item, keepId, index })}>
                        {t('merges.merge')}
                      </ActionButton>
                      <ActionButton className="button button--secondary" busy={busy} onClick={() => keepApart.mutate({ proposal: item, index })}>
                        {t('merges.keepApart')}
                      </ActionButton>
                    </div>
                  ) : null}
                </article>
              </li>
            );
          })}
        </ol>
        <Pager offset={offset} limit={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(o) => setParams(o === 0 ? {} : { offset: String(o) })} />
      </section>
      <RecentMerges history={history.data?.items ?? []} canEdit={canEdit} busy={busy} onUndo={(id) => undo.mutate(id)} />
    </div>
  );
}

function PersonSide({
  person,
  groupName,
  kept,
  canEdit,
  onKeep,
}: {
  person: ProposalPerson;
  groupName: string;
  kept: boolean;
  canEdit: boolean;
  onKeep: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="merge-side" aria-label={person.displayName}>
      <h3 className="merge-side__name">
        <Link to={`/persons/${encodeURIComponent(person.id)}`}>{person.displayName}</Link>
      </h3>
      <ul className="merge-side__names">
        {person.names.map((n) => (
          <li key={n.name} lang={n.script === 'cyrillic' ? 'ru' : undefined}>
            {n.name} <span className="muted">({t(n.script === 'cyrillic' ? 'merges.cyrillic' : 'merges.latin')})</span>
          </li>
        ))}
      </ul>
      <p className="muted">{t('merges.events', { count: person.eventsCount })}</p>
      {person.evidence.map((e) => (
        <figure key={`${e.sourceId}-${e.quote}`} className="evidence">
          <blockquote className="evidence__quote">«{e.quote}»</blockquote>
          <figcaption>
            <Link to={`/sources/${encodeURIComponent(e.sourceId)}`}>{e.sourceTitle ?? t('review.openSource')}</Link>
          </figcaption>
        </figure>
      ))}
      {canEdit ? (
        <label className="merge-side__keep">
          <input type="radio" name={groupName} checked={kept} onChange={onKeep} /> {t('merges.keepThis')}
        </label>
      ) : null}
    </section>
  );
}

function WhyTable({ proposal }: { proposal: MergeProposal }) {
  const { t, i18n } = useTranslation();
  return (
    <details className="merge-why">
      <summary>{t('merges.why', { a: proposal.why.names[0], b: proposal.why.names[1] })}</summary>
      {proposal.why.reading ? <p className="muted">{t('merges.reading')}</p> : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('merges.part')}</th>
            <th scope="col">{t('merges.explanation')}</th>
          </tr>
        </thead>
        <tbody>
          {proposal.why.parts.map((p) => (
            <tr key={`${p.part}-${p.note}`}>
              <th scope="row">{partLabelKey(p.part) ? t(partLabelKey(p.part)!) : p.part}</th>
              <td>{renderPhrase(partPhrase(p, i18n.language), t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function RecentMerges({ history, canEdit, busy, onUndo }: { history: MergeRecord[]; canEdit: boolean; busy: boolean; onUndo: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="panel" aria-labelledby="recent-merges">
      <h2 id="recent-merges">{t('merges.recent')}</h2>
      {history.length === 0 ? <p className="muted">{t('merges.noRecent')}</p> : null}
      <ul className="merge-history">
        {history.map((m) => (
          <li key={m.id}>
            <span>
              {t(m.kind === 'merge' ? 'merges.mergedLine' : 'merges.splitLine', { kept: m.keptName, other: m.otherName })}{' '}
              <span className="muted">{format.dateTime(m.createdAt)}</span>
            </span>{' '}
            <Link to={`/persons/${encodeURIComponent(m.keptId)}`}>{t('merges.openPerson')}</Link>{' '}
            {canEdit ? (
              <ActionButton
                className="button button--secondary button--small"
                busy={busy}
                onClick={() => onUndo(m.id)}
                aria-label={t('merges.undoLabel', { kept: m.keptName, other: m.otherName })}
              >
                {t('merges.undo')}
              </ActionButton>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
