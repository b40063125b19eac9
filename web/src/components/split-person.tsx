import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import type { MergeRecord } from '../api/merges.js';
import { invalidateRecord } from '../api/record-queries.js';
import type { PersonDetail } from '../api/types.js';
import { useFocusLater } from '../focus-later.js';
import { useFormat } from '../format.js';
import { ActionButton } from './action-button.js';
import { errorText } from './states.js';

interface SplitResult {
  mergeId: string;
  personId: string;
  newPersonId: string;
}

/**
 * Editors split a person that is really two: the chosen names and events go to a new person
 * (POST /api/v1/persons/:id/split), undone with one button (POST /api/v1/merges/:id/undo). The form opens with the
 * keyboard on its first choice and, cancelled (Escape too), gives it back to its button; a split or its undo leaves
 * a notice, which takes the keyboard.
 */
export function SplitPerson({ detail }: { detail: PersonDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [open, setOpenState] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<SplitResult | null>(null);
  const [undone, setUndone] = useState<string | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const notice = useRef<HTMLParagraphElement>(null);
  const focusLater = useFocusLater();
  const setOpen = (next: boolean) => {
    setOpenState(next);
    focusLater(() => (next ? form.current?.querySelector('input') : opener.current));
  };
  // A split moves names and events to a new person: lists, cases, statistics and search all change.
  const invalidate = () => invalidateRecord(queryClient);
  const split = useMutation({
    mutationFn: (body: { names: string[]; eventIds: string[] }) =>
      api<SplitResult>(`/api/v1/persons/${encodeURIComponent(detail.person.id)}/split`, { method: 'POST', body }),
    onSuccess: (result) => {
      setDone(result);
      setUndone(null);
      setOpenState(false);
      setError(null);
      focusLater(() => notice.current);
    },
    onError: (e) => setError(errorText(e, t)),
    onSettled: invalidate,
  });
  const undo = useMutation({
    mutationFn: (mergeId: string) => api<MergeRecord>(`/api/v1/merges/${encodeURIComponent(mergeId)}/undo`, { method: 'POST' }),
    onSuccess: (m) => {
      setDone(null);
      setUndone(t('merges.undone', { kept: m.keptName, other: m.otherName }));
      focusLater(() => notice.current);
    },
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
          <p ref={notice} className="notice notice--ok" tabIndex={-1}>
            {t('split.done')} <Link to={`/persons/${encodeURIComponent(done.newPersonId)}`}>{t('split.openNew')}</Link>{' '}
            <ActionButton className="button button--small" busy={undo.isPending} onClick={() => undo.mutate(done.mergeId)}>
              {t('merges.undo')}
            </ActionButton>
          </p>
        ) : undone ? (
          <p ref={notice} className="notice notice--ok" tabIndex={-1}>
            {undone}
          </p>
        ) : null}
      </div>
      {open ? (
        <form
          ref={form}
          onSubmit={onSubmit}
          aria-label={t('split.title')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              setOpen(false);
            }
          }}
        >
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
            <ActionButton type="submit" className="button button--small" busy={split.isPending}>
              {t('split.submit')}
            </ActionButton>{' '}
            <button type="button" className="button button--secondary button--small" onClick={() => setOpen(false)}>
              {t('review.cancel')}
            </button>
          </p>
        </form>
      ) : (
        <p>
          <button ref={opener} type="button" className="button button--secondary button--small" onClick={() => setOpen(true)}>
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
