import type { Kysely } from 'kysely';
import { type PolicyUser, visibleIds } from '../../../auth/index.js';
import type { Database } from '../../../db/schema.js';
import type { ProposalView } from '../../../record/index.js';

/**
 * Drops evidence quoted from sources this user may not see: a visible event reported by a restricted source
 * shows without that source's words. `[{ evidence: [{ sourceId: 'secret' }] }]` → `[{ evidence: [] }]`.
 */
export async function withVisibleEvidence<T extends Pick<ProposalView, 'evidence'>>(
  db: Kysely<Database>,
  user: PolicyUser | null,
  views: T[],
): Promise<T[]> {
  const sources = await visibleIds(
    db,
    user,
    'sources',
    views.flatMap((v) => v.evidence.map((e) => e.sourceId)),
  );
  return views.map((v) => ({ ...v, evidence: v.evidence.filter((e) => sources.has(e.sourceId)) }));
}
