import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../api/client.js';
import type { RelationshipTargets } from '../api/types.js';

interface RecordFinderProps {
  /** What may be chosen: reviewed, active people or organizations the user may see. */
  type: 'person' | 'organization';
  /** The form field the chosen id is sent as. */
  name: string;
  findLabel: string;
  chooseLabel: string;
  /** Never offered (the record being edited). */
  exclude?: string;
  /** A first choice meaning "none": without it the first match is chosen. */
  none?: string;
  /** Shown under the two fields, e.g. what choosing does. */
  hint?: ReactNode;
}

/**
 * A record found by part of its name, in either script: a text field, then a list of the matches to choose from
 * (`/api/v1/relationship-targets`, under the access policy). Used to pick the other end of a relationship and, in
 * review, the existing person a proposal is about.
 */
export function RecordFinder({ type, name, findLabel, chooseLabel, exclude, none, hint }: RecordFinderProps) {
  const { t } = useTranslation();
  const ids = { find: useId(), choose: useId() };
  const [text, setText] = useState('');
  const search = text.trim();
  const targets = useQuery({
    queryKey: ['relationship-targets', type, search],
    queryFn: ({ signal }) => api<RelationshipTargets>(`/api/v1/relationship-targets${query({ q: search, type })}`, { signal }),
    enabled: search.length >= 2,
  });
  const choices = (targets.data?.items ?? []).filter((c) => c.type === type && c.id !== exclude);
  const empty = search.length < 2 ? t('relationships.typeToFind') : targets.isFetching ? t('app.loading') : t('relationships.noMatches');
  return (
    <>
      <div className="field">
        <label htmlFor={ids.find}>{findLabel}</label>
        <input id={ids.find} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('relationships.findPlaceholder')} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={ids.choose}>{chooseLabel}</label>
        <select id={ids.choose} name={name} key={`${type}-${search}-${choices.length}`} defaultValue={none === undefined ? (choices[0]?.id ?? '') : ''}>
          {none !== undefined ? <option value="">{search.length >= 2 && choices.length === 0 ? empty : none}</option> : null}
          {none === undefined && choices.length === 0 ? <option value="">{empty}</option> : null}
          {choices.map((c) => (
            <option key={`${c.type}-${c.id}`} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {hint}
    </>
  );
}
