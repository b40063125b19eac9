import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { invalidateRecord } from '../api/record-queries.js';
import { CONFIDENTIALITY } from '../api/types.js';
import { ActionButton } from './action-button.js';
import { ActionError } from './states.js';

/** The records whose confidentiality and access groups this panel shows (`PATCH /api/v1/{table}/:id`). */
export type AccessTable = 'persons' | 'cases' | 'events';

export interface NamedGroup {
  id: string;
  name: string;
}

/**
 * A form's fields for who may read a record: its confidentiality, and the access groups (all there are, `groups`,
 * null while they load) with those it is given to ticked. The form reads `confidentiality` and every `groups`.
 */
export function AccessFields({
  confidentiality,
  groups,
  given,
}: {
  confidentiality: string;
  groups: NamedGroup[] | null;
  given: NamedGroup[];
}) {
  const { t } = useTranslation();
  const ids = { level: useId(), hint: useId() };
  return (
    <>
      <div className="field">
        <label htmlFor={ids.level}>{t('source.confidentiality')}</label>
        <select id={ids.level} name="confidentiality" defaultValue={confidentiality} aria-describedby={ids.hint}>
          {CONFIDENTIALITY.map((level) => (
            <option key={level} value={level}>
              {t(`source.confidentialityValues.${level}`)}
            </option>
          ))}
        </select>
        <p className="hint" id={ids.hint}>
          {t('source.details.restrictedHint')}
        </p>
      </div>
      <fieldset className="source-details__groups">
        <legend>{t('source.details.groups')}</legend>
        {groups && groups.length === 0 ? <p className="hint">{t('source.details.noGroups')}</p> : null}
        {(groups ?? []).map((group) => (
          <label key={group.id} className="field--inline">
            <input type="checkbox" name="groups" value={group.id} defaultChecked={given.some((g) => g.id === group.id)} />
            {group.name}
          </label>
        ))}
      </fieldset>
    </>
  );
}

/**
 * The groups ticked in a form of `AccessFields`, or null when they are those the record is given to already, or the
 * groups were not shown (still loading: nothing was there to tick).
 */
export function pickedGroups(form: FormData, given: NamedGroup[], shown: NamedGroup[] | null): string[] | null {
  if (!shown) return null;
  const had = given.map((g) => g.id).sort();
  const picked = form.getAll('groups').map(String).sort();
  return picked.join() === had.join() ? null : picked;
}

/**
 * Who may read a record: its confidentiality and, for a restricted one, the access groups whose members may (admins
 * always may). An editor changes both here; a record made restricted leaves the lists of those outside its groups.
 */
export function AccessPanel({
  table,
  id,
  confidentiality,
  canEdit,
}: {
  table: AccessTable;
  id: string;
  confidentiality: string;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const path = `/api/v1/${table}/${encodeURIComponent(id)}`;
  const given = useQuery({
    queryKey: [table, 'groups', id],
    queryFn: ({ signal }) => api<{ groups: NamedGroup[] }>(`${path}/groups`, { signal }).then((r) => r.groups),
  });
  const all = useQuery({
    queryKey: ['groups'],
    queryFn: ({ signal }) => api<{ items: NamedGroup[] }>('/api/v1/groups', { signal }).then((r) => r.items),
    enabled: open,
  });
  const save = useMutation({
    mutationFn: async ({ level, groups }: { level: string | null; groups: string[] | null }) => {
      if (groups) await api(`${path}/groups`, { method: 'PUT', body: { groups } });
      if (level) await api(path, { method: 'PATCH', body: { confidentiality: level } });
    },
    onSuccess: async () => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: [table] });
      await queryClient.invalidateQueries({ queryKey: ['groups'] });
      await invalidateRecord(queryClient);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const level = String(form.get('confidentiality') ?? confidentiality);
    const groups = pickedGroups(form, given.data ?? [], all.data ?? null);
    if (level === confidentiality && groups === null) setOpen(false);
    else save.mutate({ level: level === confidentiality ? null : level, groups });
  };
  const levelName = (CONFIDENTIALITY as readonly string[]).includes(confidentiality)
    ? t(`source.confidentialityValues.${confidentiality}`)
    : confidentiality;
  return (
    <section className="access" aria-labelledby={headingId} data-testid="access">
      <h2 id={headingId}>{t('access.title')}</h2>
      <p>
        {levelName}
        {given.data && given.data.length > 0 ? (
          <span className="muted">
            {' · '}
            {t('access.groups')}: {given.data.map((g) => g.name).join(', ')}
          </span>
        ) : null}
      </p>
      {canEdit && !open ? (
        <button type="button" className="button button--secondary button--small" onClick={() => setOpen(true)}>
          {t('access.change')}
        </button>
      ) : null}
      {canEdit && open ? (
        <form className="source-details" onSubmit={onSubmit}>
          <AccessFields confidentiality={confidentiality} groups={all.data ?? null} given={given.data ?? []} />
          <p>
            <ActionButton type="submit" className="button button--small" busy={save.isPending}>
              {t('access.save')}
            </ActionButton>{' '}
            <button type="button" className="button button--secondary button--small" onClick={() => setOpen(false)}>
              {t('review.cancel')}
            </button>
          </p>
          <ActionError error={save.error} />
        </form>
      ) : null}
    </section>
  );
}
