import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { invalidateRecord } from '../api/record-queries.js';
import type { Person } from '../api/types.js';
import { ActionError } from './states.js';

/**
 * Whether a person is named on the open internet (/public): only when public, consenting and accepted, as
 * src/publish/public-list.ts selects them. The state is said to every reader, since "public" alone does not publish;
 * editors record the consent here (`PATCH /api/v1/persons/:id`, versioned and audited by the server).
 */
export function PublishConsent({ person, canEdit }: { person: Person; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (consentToPublish: boolean) =>
      api(`/api/v1/persons/${encodeURIComponent(person.id)}`, { method: 'PATCH', body: { consentToPublish } }),
    onSuccess: () => setError(null),
    onError: setError,
    // The public list, the person's history and the people table all follow from it.
    onSettled: () => invalidateRecord(queryClient),
  });
  const isPublic = person.confidentiality === 'public';
  const live = person.reviewStatus === 'accepted' && !person.deletedAt && !person.mergedInto;
  const state = !isPublic
    ? null
    : !person.consentToPublish
      ? 'noConsent'
      : live
        ? 'listed'
        : 'notInRecord';
  return (
    <div className="publish-consent">
      <h2>{t('publishConsent.title')}</h2>
      {state === 'listed' ? (
        <p>
          <span className="badge badge--done" data-testid="public-list-state">
            {t('publishConsent.listed')}
          </span>
        </p>
      ) : state ? (
        <p className="notice notice--warn" data-testid="public-list-state">
          {t(`publishConsent.${state}`)}
        </p>
      ) : (
        <p className="muted" data-testid="public-list-state">
          {t('publishConsent.notPublic')}
        </p>
      )}
      {canEdit ? (
        <p>
          <label className="field--inline">
            <input
              type="checkbox"
              checked={save.isPending ? save.variables : person.consentToPublish}
              disabled={save.isPending}
              onChange={(e) => save.mutate(e.target.checked)}
            />{' '}
            {t('publishConsent.consent')}
          </label>
        </p>
      ) : (
        <p>{person.consentToPublish ? t('publishConsent.consented') : t('publishConsent.notConsented')}</p>
      )}
      <ActionError error={error} />
    </div>
  );
}
