import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import type { MergeRecord } from '../api/merges.js';
import { invalidateRecord } from '../api/record-queries.js';
import type { PersonDetail } from '../api/types.js';
import { useFormat } from '../format.js';
import { errorText } from './states.js';

interface SplitResult {
  mergeId: string;
  personId: string;
  newPersonId: string;
}

/**
 * Editors split a person that is really two: the chosen names and events go to a new person
 * (POST /api/v1/persons/:id/split), undone with one button (POST /api/v1/merges/:id/undo).
 */
export function SplitPerson({ detail }: { detail: PersonDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<SplitResult | null>(null);
  // A split moves names and events to a new person: lists, cases, statistics and search all change.
  const invalidate = () => invalidateRecord(queryClient);
  const split = useMutation({
    mutationFn: (body: { names: string[]; eventIds: string[] }) =>
      api<SplitResult>(`/api/v1/persons/${encodeURIComponent(detail.person.id)}/split`, { method: 'POST', body }),
    onSuccess: (result) => {
      setDone(result);
      setOpen(false);
      setError(null);
    },
    onError: (e) => setError(errorText(e, t)),
    onSettled: invalidate,
  });
  const undo = useMutation({
    mutationFn: (mergeId: string) => api<MergeRecord>(`/api/v1/merges/${encodeURIComponent(mergeId)}/undo`, { method: 'POST' }),
    onSuccess: () => setDone(null),
    onError: (e) => setError(errorText(e, t)),
    onSettled: invalidate,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const names = data.getAll('name').map(String);
    if (names.length === 0) {
      setError(t('split.needName'));
      return;
    }
    split.mutate({ names, eventIds: data.getAll('event').map(String) });
  };
  const names = [...new Set(detail.person.names.map((n) => n.name))];
  return (
    <div className="split-person">
      <div aria-live="polite">
        {done ? (
          <p className="notice notice--ok">
            {t('split.done')} <Link to={`/persons/${encodeURIComponent(done.newPersonId)}`}>{t('split.openNew')}</Link>{' '}
            <button type="button" className="button button--small" disabled={undo.isPending} onClick={() => undo.mutate(done.mergeId)}>
              {t('merges.undo')}
            </button>
          </p>
        ) : null}
      </div>
      {open ? (
        <form onSubmit={onSubmit} aria-label={t('split.title')}>
          <fieldset>
            <legend>{t('split.names')}</legend>
            {names.map((n) => (
              <label key={n} className="split-person__choice">
                <input type="checkbox" name="name" value={n} /> {n}
              </label>
            ))}
          </fieldset>
          {detail.timeline.length > 0 ? (
            <fieldset>
              <legend>{t('split.events')}</legend>
              {detail.timeline.map((e) => (
                <label key={e.id} className="split-person__choice">
                  <input type="checkbox" name="event" value={e.id} /> {e.label}
                  {e.event?.date ? ` — ${format.partialDate(e.event.date)}` : ''}
                </label>
              ))}
            </fieldset>
          ) : null}
          <p>
            <button type="submit" className="button button--small" disabled={split.isPending}>
              {t('split.submit')}
            </button>{' '}
            <button type="button" className="button button--secondary button--small" onClick={() => setOpen(false)}>
              {t('review.cancel')}
            </button>
          </p>
        </form>
      ) : (
        <p>
          <button type="button" className="button button--secondary button--small" onClick={() => setOpen(true)}>
            {t('split.open')}
          </button>
        </p>
      )}
      {error ? (
        <p className="notice notice--error" role="alert">
          {t('merges.failed', { message: error })}
        </p>
      ) : null}
    </div>
  );
}
