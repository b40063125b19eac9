import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.js';
import type { Database } from '../db/schema.js';
import type { PolicyUser, ScopedTable } from './policy.js';

/**
 * DESIGN §8: every read of a restricted record appends to the audit log. Call after the policy let the read
 * through; `auditRestrictedRead(db, user, 'sources', { id, confidentiality: 'restricted' }, 'text')` appends
 * `read sources/01J… (text)`; reads of public and internal records are not logged.
 */
export async function auditRestrictedRead(
  db: Kysely<Database>,
  user: PolicyUser | null,
  table: ScopedTable,
  record: { id: string; confidentiality: string },
  part?: string,
): Promise<void> {
  if (record.confidentiality !== 'restricted') return;
  await db.transaction().execute(async (trx) => {
    await appendAudit(trx, {
      userId: user?.id ?? null,
      action: 'record.read',
      target: `${table}/${record.id}`,
      after: part ? { part } : undefined,
    });
  });
}

/**
 * The same for many records read at once (an export): one `record.read` entry per restricted record, appended in
 * one transaction, each naming `part` (`export:csv`). `auditRestrictedReads(db, user, 'persons', rows, 'export:ftm')`.
 */
export async function auditRestrictedReads(
  db: Kysely<Database>,
  user: PolicyUser | null,
  table: ScopedTable,
  records: Iterable<{ id: string; confidentiality: string }>,
  part: string,
): Promise<number> {
  const restricted = [...records].filter((r) => r.confidentiality === 'restricted');
  if (restricted.length === 0) return 0;
  await db.transaction().execute(async (trx) => {
    for (const record of restricted)
      await appendAudit(trx, {
        userId: user?.id ?? null,
        action: 'record.read',
        target: `${table}/${record.id}`,
        after: { part },
      });
  });
  return restricted.length;
}

/**
 * A page of a list (at most a few hundred ids) shown to a user: each restricted record on it is a read.
 * `auditRestrictedListRead(db, user, 'persons', page.items.map((p) => p.id))` looks up which of them are restricted.
 */
export async function auditRestrictedListRead(
  db: Kysely<Database>,
  user: PolicyUser | null,
  table: ScopedTable,
  ids: readonly string[],
  part = 'list',
): Promise<number> {
  if (ids.length === 0) return 0;
  return auditRestrictedReads(db, user, table, await restrictedAmong(db, table, ids), part);
}

/**
 * The restricted records among `ids` (at most a few hundred), to audit now or on each later read of what was kept:
 * `auditRestrictedReads(db, user, 'events', await restrictedAmong(db, 'events', ids), 'timeline')`.
 */
export async function restrictedAmong(
  db: Kysely<Database>,
  table: ScopedTable,
  ids: readonly string[],
): Promise<Array<{ id: string; confidentiality: string }>> {
  if (ids.length === 0) return [];
  return db
    .selectFrom(table as 'sources')
    .select(['id', 'confidentiality'])
    .where('id', 'in', [...new Set(ids)])
    .where('confidentiality', '=', 'restricted')
    .execute();
}
