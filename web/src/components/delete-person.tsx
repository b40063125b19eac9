import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { invalidateRecord } from '../api/record-queries.js';
import type { Person } from '../api/types.js';
import { useFocusLater } from '../focus-later.js';
import { ActionButton } from './action-button.js';
import { AskedQuestion, useAskOnceMore } from './ask-once-more.js';
import { ActionError } from './states.js';

/**
 * Editors take a wrong person out of the record (read from a typo, a duplicate nobody will merge, a person who does
 * not exist) and bring them back: a soft delete, kept with its history and audited (DELETE /api/v1/persons/:id,
 * POST /api/v1/persons/:id/restore). Deleting asks once more, saying what it does. The keyboard follows: to the
 * question when it is asked, back to the button when it is cancelled (Escape too), and to the notice saying what
 * was done once the button pressed has gone.
 */
export function DeletePerson({ person }: { person: Pick<Person, 'id' | 'displayName' | 'deletedAt'> }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const asked = useAskOnceMore();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const notice = useRef<HTMLParagraphElement>(null);
  const focusLater = useFocusLater();
  const path = `/api/v1/persons/${encodeURIComponent(person.id)}`;
  const change = useMutation({
    mutationFn: (action: 'delete' | 'restore') =>
      action === 'delete' ? api(path, { method: 'DELETE' }) : api(`${path}/restore`, { method: 'POST' }),
    onSuccess: (_, action) => {
      asked.close();
      setError(null);
      setDone(t(action === 'delete' ? 'person.deletedDone' : 'person.restoredDone', { name: person.displayName }));
      focusLater(() => notice.current);
    },
    onError: setError,
    onSettled: () => invalidateRecord(queryClient),
  });
  return (
    <div className="delete-person">
      {done ? (
        <p ref={notice} className="notice notice--ok" tabIndex={-1}>
          {done}
        </p>
      ) : null}
      {person.deletedAt ? (
        <p>
          <ActionButton className="button button--small" busy={change.isPending} onClick={() => change.mutate('restore')}>
            {t('person.restore')}
          </ActionButton>
        </p>
      ) : asked.asking ? (
        <AskedQuestion
          asked={asked}
          label={t('person.deleteLabel', { name: person.displayName })}
          question={t('person.deleteConfirm', { name: person.displayName })}
          cancel={t('review.cancel')}
        >
          <ActionButton className="button button--danger button--small" busy={change.isPending} onClick={() => change.mutate('delete')}>
            {t('person.deleteYes')}
          </ActionButton>
        </AskedQuestion>
      ) : (
        <p>
          <button ref={asked.opener} type="button" className="button button--secondary button--small" onClick={() => asked.ask(true)}>
            {t('person.delete')}
          </button>
        </p>
      )}
      <ActionError error={error} />
    </div>
  );
}
