import type { Kysely } from 'kysely';
import type { CasesTable, Confidentiality, Database } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { ArticleInput } from './extraction-input.js';
import { toColumns } from './fields.js';
import { setNameKeys } from './name-keys.js';
import {
  changeRecord,
  loadSnapshot,
  type RecordSnapshot,
  recordCreation,
  restoreDeleted,
  softDelete,
} from './versions.js';

export interface CaseInput {
  name: string;
  jurisdiction?: string | null;
  /** GLOSSARY: `{code: 'УК РФ', article: '205.5', part: 2}`. */
  articles?: ArticleInput[];
  openedOn?: string | null;
  status?: string | null;
  court?: string | null;
  notes?: string | null;
  confidentiality?: Confidentiality;
  parties?: Array<{ personId: string; role: string }>;
}

export interface CaseView {
  id: string;
  name: string;
  jurisdiction: string | null;
  articles: ArticleInput[];
  openedOn: string | null;
  status: string | null;
  court: string | null;
  notes: string | null;
  confidentiality: Confidentiality;
  reviewStatus: string;
  parties: Array<{ personId: string; role: string }>;
  version: number;
  deletedAt: string | null;
}

export function toCaseView(snapshot: RecordSnapshot): CaseView {
  const r = snapshot.row as unknown as CasesTable;
  return {
    id: r.id,
    name: r.name,
    jurisdiction: r.jurisdiction,
    articles: JSON.parse(r.articles || '[]') as ArticleInput[],
    openedOn: r.opened_on,
    status: r.status,
    court: r.court,
    notes: r.notes,
    confidentiality: r.confidentiality,
    reviewStatus: r.review_status,
    parties: (snapshot.parties ?? []).map((p) => ({ personId: p.person_id, role: p.role })),
    version: r.version,
    deletedAt: r.deleted_at,
  };
}

async function setParties(
  trx: Kysely<Database>,
  caseId: string,
  parties: Array<{ personId: string; role: string }>,
): Promise<void> {
  // A party that stays keeps the accepted event that made it, so taking that event back still removes it.
  const made = await trx
    .selectFrom('case_parties')
    .select(['person_id', 'role', 'event_id'])
    .where('case_id', '=', caseId)
    .where('event_id', 'is not', null)
    .execute();
  const madeBy = new Map(made.map((p) => [`${p.person_id}/${p.role}`, p.event_id]));
  await trx.deleteFrom('case_parties').where('case_id', '=', caseId).execute();
  const unique = new Map(
    parties.map((p) => {
      const key = `${p.personId}/${p.role}`;
      return [key, { case_id: caseId, person_id: p.personId, role: p.role, event_id: madeBy.get(key) ?? null }];
    }),
  );
  if (unique.size > 0)
    await trx
      .insertInto('case_parties')
      .values([...unique.values()])
      .execute();
}

/** `createCase(trx, { name: 'дело «Башкирского кружка»', articles: [{ code: 'УК РФ', article: '282.2', part: 1 }] }, userId)`. */
export async function createCase(trx: Kysely<Database>, input: CaseInput, userId: string | null): Promise<CaseView> {
  const columns = toColumns('cases', { ...input, parties: undefined });
  if (typeof columns.name !== 'string') throw new ChronicleError('VALIDATION', 'name is required');
  const id = newId();
  const now = new Date().toISOString();
  await trx
    .insertInto('cases')
    .values({
      id,
      name: columns.name,
      jurisdiction: null,
      articles: '[]',
      opened_on: null,
      status: null,
      court: null,
      notes: null,
      confidentiality: 'internal',
      review_status: 'accepted',
      version: 1,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      ...columns,
    })
    .execute();
  await setNameKeys(trx, 'cases', id, [columns.name]);
  if (input.parties) await setParties(trx, id, input.parties);
  const snapshot = await recordCreation(trx, 'cases', id, userId, 'case.create');
  return toCaseView(snapshot);
}

export async function updateCase(
  trx: Kysely<Database>,
  id: string,
  changes: Partial<CaseInput>,
  userId: string | null,
): Promise<CaseView> {
  const columns = toColumns('cases', { ...changes, parties: undefined });
  const snapshot = await changeRecord(trx, 'cases', id, userId, 'case.update', async () => {
    if (Object.keys(columns).length > 0) await trx.updateTable('cases').set(columns).where('id', '=', id).execute();
    if (typeof columns.name === 'string') await setNameKeys(trx, 'cases', id, [columns.name]);
    if (changes.parties) await setParties(trx, id, changes.parties);
  });
  return toCaseView(snapshot);
}

export async function getCase(db: Kysely<Database>, id: string): Promise<CaseView> {
  const snapshot = await loadSnapshot(db, 'cases', id);
  if (!snapshot) throw new ChronicleError('NOT_FOUND', `no case ${id}`);
  return toCaseView(snapshot);
}

export async function listCases(
  db: Kysely<Database>,
  options: { limit?: number; offset?: number; includeDeleted?: boolean } = {},
): Promise<{ total: number; items: CaseView[] }> {
  let query = db.selectFrom('cases').where('review_status', '=', 'accepted');
  if (!options.includeDeleted) query = query.where('deleted_at', 'is', null);
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await query
    .select('id')
    .orderBy('name')
    .orderBy('id')
    .limit(Math.min(options.limit ?? 50, 500))
    .offset(options.offset ?? 0)
    .execute();
  const items: CaseView[] = [];
  for (const row of rows) items.push(await getCase(db, row.id));
  return { total: Number(count?.n ?? 0), items };
}

export async function deleteCase(trx: Kysely<Database>, id: string, userId: string | null): Promise<CaseView> {
  return toCaseView(await softDelete(trx, 'cases', id, userId));
}

export async function restoreCase(trx: Kysely<Database>, id: string, userId: string | null): Promise<CaseView> {
  return toCaseView(await restoreDeleted(trx, 'cases', id, userId));
}
