import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fewNumbers } from '../../../src/sources/volumes.js';
import { api } from '../api/client.js';
import type { WaitingSets } from '../api/types.js';
import { useFormat } from '../format.js';

/**
 * The archives split into parts whose parts came apart and wait for the rest (GET /api/v1/sources/waiting-parts):
 * which parts are here, which are missing, and why a set whose parts are all here did not read. Shown only while
 * something waits, so that a part uploaded alone is not forgotten.
 */
export function WaitingParts() {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const waiting = useQuery({
    queryKey: ['sources', 'waiting-parts'],
    queryFn: ({ signal }) => api<WaitingSets>('/api/v1/sources/waiting-parts', { signal }),
  });
  const sets = waiting.data?.sets ?? [];
  if (sets.length === 0) return null;
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="waiting-parts">
      <h2 id={headingId}>{t('sources.waitingParts.title')}</h2>
      <p className="muted">{t('sources.waitingParts.intro')}</p>
      <ul className="related">
        {sets.map((set) => (
          <li key={`${set.archive}:${set.parts[0]?.sourceId ?? ''}`}>
            <strong>{set.archive}</strong>
            {': '}
            {set.parts.map((part, i) => (
              <span key={part.sourceId}>
                {i > 0 ? ', ' : null}
                <Link to={`/sources/${encodeURIComponent(part.sourceId)}`} title={part.fileName}>
                  {t('sources.waitingParts.part', { number: format.number(part.number) })}
                </Link>
              </span>
            ))}
            {' — '}
            {set.missing.length > 0
              ? t('sources.waitingParts.missing', {
                  // One part, or more: the count picks the words, not the numbers (Russian says «21 часть»).
                  count: Math.min(set.missing.length, 2),
                  parts: fewNumbers(set.missing, format.number),
                })
              : set.reading
                ? t('sources.waitingParts.reading')
                : set.notRead
                  ? t('sources.waitingParts.notRead', { reason: set.notRead })
                  : t('sources.waitingParts.after', { number: format.number(set.parts.at(-1)?.number ?? 1) })}
          </li>
        ))}
      </ul>
      {waiting.data?.more ? <p className="muted">{t('sources.waitingParts.more500')}</p> : null}
    </section>
  );
}
