import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from './states.js';
import { api } from '../api/client.js';
import { invalidateRecord } from '../api/record-queries.js';
import type { Person } from '../api/types.js';

/**
 * Editors take a wrong person out of the record (read from a typo, a duplicate nobody will merge, a person who does
 * not exist) and bring them back: a soft delete, kept with its history and audited (DELETE /api/v1/persons/:id,
 * POST /api/v1/persons/:id/restore). Deleting asks once more, saying what it does.
 */
export function DeletePerson({ person }: { person: Pick<Person, 'id' | 'displayName' | 'deletedAt'> }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const path = `/api/v1/persons/${encodeURIComponent(person.id)}`;
  const change = useMutation({
    mutationFn: (action: 'delete' | 'restore') =>
      action === 'delete' ? api(path, { method: 'DELETE' }) : api(`${path}/restore`, { method: 'POST' }),
    onSuccess: () => {
      setConfirming(false);
      setError(null);
    },
    onError: setError,
    onSettled: () => invalidateRecord(queryClient),
  });
  return (
    <div className="delete-person">
      {person.deletedAt ? (
        <p>
          <button type="button" className="button button--small" disabled={change.isPending} onClick={() => change.mutate('restore')}>
            {t('person.restore')}
          </button>
        </p>
      ) : confirming ? (
        <div className="notice notice--warn" role="group" aria-label={t('person.deleteLabel', { name: person.displayName })}>
          <p>{t('person.deleteConfirm', { name: person.displayName })}</p>
          <p>
            <button type="button" className="button button--danger button--small" disabled={change.isPending} onClick={() => change.mutate('delete')}>
              {t('person.deleteYes')}
            </button>{' '}
            <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(false)}>
              {t('review.cancel')}
            </button>
          </p>
        </div>
      ) : (
        <p>
          <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(true)}>
            {t('person.delete')}
          </button>
        </p>
      )}
      <ActionError error={error} />
    </div>
  );
}
