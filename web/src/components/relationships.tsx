import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { invalidateRecord } from '../api/record-queries.js';
import type { PersonRelationships } from '../api/types.js';
import { useFocusLater } from '../focus-later.js';
import { ActionButton } from './action-button.js';
import { RecordFinder } from './record-finder.js';
import { ActionError, ErrorState, Loading } from './states.js';

/**
 * A person's relationships, both ways, each read from this person's side ("mother of Ринат" on her page, "child of
 * Тамара" on his), linked to the other person; editors add one (kind, then the other end found by name) or delete
 * one. The server shows only relationships whose both ends the user may see. A deleted one's line goes: the keyboard
 * goes to the notice saying what was deleted.
 */
export function RelationshipsSection({ personId, canEdit }: { personId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [error, setError] = useState<unknown>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const notice = useRef<HTMLParagraphElement>(null);
  const focusLater = useFocusLater();
  const list = useQuery({
    queryKey: ['persons', 'relationships', personId],
    queryFn: ({ signal }) => api<PersonRelationships>(`/api/v1/persons/${encodeURIComponent(personId)}/relationships`, { signal }),
  });
  const remove = useMutation({
    mutationFn: (r: { id: string; relation: string; name: string }) => api(`/api/v1/relationships/${encodeURIComponent(r.id)}`, { method: 'DELETE' }),
    onSuccess: (_, r) => {
      setError(null);
      setDeleted(t('relationships.deleted', { relation: r.relation, name: r.name }));
      focusLater(() => notice.current);
      // Both ends' pages, their histories and the audit log change.
      void invalidateRecord(queryClient);
    },
    onError: setError,
  });
  return (
    <section aria-labelledby={headingId} data-testid="relationships">
      <h2 id={headingId}>{t('relationships.title')}</h2>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {deleted ? (
        <p ref={notice} className="notice notice--ok" tabIndex={-1}>
          {deleted}
        </p>
      ) : null}
      {list.data && list.data.items.length === 0 ? <p className="muted">{t('relationships.empty')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <ul className="plain-list">
          {list.data.items.map((r) => {
            const relation = t(`relationships.kinds.${r.relation}`, { defaultValue: r.relation });
            return (
              <li key={r.id} data-testid="relationship">
                {t('relationships.line', { relation })}{' '}
                {r.other.type === 'person' ? <Link to={`/persons/${r.other.id}`}>{r.other.name}</Link> : <span>{r.other.name}</span>}
                {r.note ? <span className="muted"> — {r.note}</span> : null}
                {canEdit ? (
                  <>
                    {' '}
                    <ActionButton
                      className="button button--secondary button--small"
                      busy={remove.isPending}
                      aria-label={t('relationships.deleteLabel', { relation, name: r.other.name })}
                      onClick={() => remove.mutate({ id: r.id, relation, name: r.other.name })}
                    >
                      {t('relationships.delete')}
                    </ActionButton>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      <ActionError error={error} />
      {canEdit && list.data ? <AddRelationshipForm personId={personId} kinds={list.data.kinds} /> : null}
    </section>
  );
}

/** Opens with the keyboard in its first field; saved or cancelled (Escape too), gives it back to the button that opened it. */
function AddRelationshipForm({ personId, kinds }: { personId: string; kinds: PersonRelationships['kinds'] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ids = { kind: useId(), note: useId() };
  const [open, setOpenState] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  const focusLater = useFocusLater();
  const setOpen = (next: boolean) => {
    setOpenState(next);
    focusLater(() => (next ? firstField.current : opener.current));
  };
  const [kind, setKind] = useState(kinds[0]?.kind ?? 'relative_of');
  const [error, setError] = useState<unknown>(null);
  const targetType = kinds.find((k) => k.kind === kind)?.target ?? 'person';
  const save = useMutation({
    mutationFn: (body: { kind: string; toType: string; toId: string; note?: string }) =>
      api(`/api/v1/persons/${encodeURIComponent(personId)}/relationships`, { method: 'POST', body }),
    onSuccess: () => {
      setOpen(false);
      setError(null);
      void invalidateRecord(queryClient);
    },
    onError: setError,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const toId = String(data.get('target') ?? '');
    if (!toId) {
      setError(t('relationships.chooseFirst'));
      return;
    }
    const note = String(data.get('note') ?? '').trim();
    save.mutate({ kind, toType: targetType, toId, ...(note ? { note } : {}) });
  };
  if (!open)
    return (
      <p>
        <button ref={opener} type="button" className="button button--secondary button--small" onClick={() => setOpen(true)}>
          {t('relationships.add')}
        </button>
      </p>
    );
  return (
    <form
      className="relationship-form"
      onSubmit={onSubmit}
      aria-label={t('relationships.add')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          setOpen(false);
        }
      }}
    >
      <div className="field">
        <label htmlFor={ids.kind}>{t('relationships.kind')}</label>
        <select ref={firstField} id={ids.kind} name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {t(`relationships.kinds.${k.kind}`, { defaultValue: k.kind })}
            </option>
          ))}
        </select>
      </div>
      <RecordFinder
        type={targetType}
        name="target"
        exclude={personId}
        findLabel={targetType === 'organization' ? t('relationships.findOrganization') : t('relationships.findPerson')}
        chooseLabel={t('relationships.choose')}
      />
      <div className="field">
        <label htmlFor={ids.note}>{t('relationships.note')}</label>
        <input id={ids.note} name="note" type="text" maxLength={2000} />
      </div>
      <p>
        <ActionButton type="submit" className="button button--small" busy={save.isPending}>
          {t('relationships.save')}
        </ActionButton>{' '}
        <button type="button" className="button button--secondary button--small" onClick={() => setOpen(false)}>
          {t('review.cancel')}
        </button>
      </p>
      <ActionError error={error} />
    </form>
  );
}
