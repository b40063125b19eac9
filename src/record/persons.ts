import type { Insertable, Kysely } from 'kysely';
import type { Confidentiality, Database, PersonsTable } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
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

/** Prisoner-support details kept in `persons.details` (who may read them is the access policy's concern). */
export interface PersonDetails {
  placeOfImprisonment?: string | null;
  addressForLetters?: string | null;
  themes?: string[];
  region?: string | null;
  [key: string]: unknown;
}

export interface PersonInput {
  displayName: string;
  aliases?: string[];
  gender?: string | null;
  birthYear?: number | null;
  notes?: string | null;
  confidentiality?: Confidentiality;
  consentToPublish?: boolean;
  details?: PersonDetails;
}

export interface PersonView {
  id: string;
  displayName: string;
  names: Array<{ name: string; kind: string; script: string | null }>;
  gender: string | null;
  birthYear: number | null;
  status: string | null;
  statusOverride: string | null;
  statusReason: string | null;
  notes: string | null;
  confidentiality: Confidentiality;
  consentToPublish: boolean;
  reviewStatus: string;
  details: PersonDetails;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  /** Set once this person was merged into another (the merge queue); undoing the merge clears it. */
  mergedInto: string | null;
}

export function toPersonView(snapshot: RecordSnapshot): PersonView {
  const r = snapshot.row as unknown as PersonsTable;
  return {
    id: r.id,
    displayName: r.display_name,
    names: (snapshot.names ?? []).map((n) => ({ name: n.name, kind: n.kind, script: n.script })),
    gender: r.gender,
    birthYear: r.birth_year,
    status: r.status,
    statusOverride: r.status_override,
    statusReason: r.status_reason,
    notes: r.notes,
    confidentiality: r.confidentiality,
    consentToPublish: r.consent_to_publish === 1,
    reviewStatus: r.review_status,
    details: JSON.parse(r.details || '{}') as PersonDetails,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
    mergedInto: r.merged_into ?? null,
  };
}

/**
 * A new person's row: accepted, internal, no status known, version 1, every optional column empty, `columns` over it.
 * Shared by `createPerson` and the generators of the benchmarks and tests, so they write what the record writes.
 */
export function personRow(
  id: string,
  displayName: string,
  now: string,
  columns: Partial<Insertable<PersonsTable>> = {},
): Insertable<PersonsTable> {
  return {
    id,
    display_name: displayName,
    gender: null,
    birth_year: null,
    status: null,
    status_override: null,
    status_reason: null,
    notes: null,
    confidentiality: 'internal',
    consent_to_publish: 0,
    review_status: 'accepted',
    merged_into: null,
    details: '{}',
    version: 1,
    created_at: now,
    updated_at: now,
    deleted_at: null,
    ...columns,
  };
}

/**
 * Creates a person a documentalist enters by hand: accepted (a person decided it), versioned, audited.
 * `createPerson(trx, { displayName: 'Ольга Кузнецова', details: { addressForLetters: '…' } }, userId)` → PersonView.
 */
export async function createPerson(
  trx: Kysely<Database>,
  input: PersonInput,
  userId: string | null,
): Promise<PersonView> {
  const columns = toColumns('persons', { ...input, aliases: undefined });
  if (typeof columns.display_name !== 'string') throw new ChronicleError('VALIDATION', 'displayName is required');
  const id = newId();
  const now = new Date().toISOString();
  await trx
    .insertInto('persons')
    .values(personRow(id, columns.display_name, now, columns))
    .execute();
  const names = [input.displayName.trim(), ...(input.aliases ?? []).map((a) => a.trim()).filter(Boolean)];
  await trx
    .insertInto('person_names')
    .values(
      names.map((name, i) => ({
        id: newId(),
        person_id: id,
        name,
        script: null,
        kind: i === 0 ? 'primary' : 'alias',
        source_id: null,
      })),
    )
    .execute();
  await setNameKeys(trx, 'persons', id, names);
  const snapshot = await recordCreation(trx, 'persons', id, userId, 'person.create');
  return toPersonView(snapshot);
}

/** Changes fields of a person as a new version: `updatePerson(trx, id, { details: { region: 'Башкортостан' } }, userId)`. */
export async function updatePerson(
  trx: Kysely<Database>,
  id: string,
  changes: Partial<PersonInput>,
  userId: string | null,
): Promise<PersonView> {
  const columns = toColumns('persons', { ...changes, aliases: undefined });
  const snapshot = await changeRecord(trx, 'persons', id, userId, 'person.update', async () => {
    if (Object.keys(columns).length > 0) await trx.updateTable('persons').set(columns).where('id', '=', id).execute();
    if (changes.displayName || changes.aliases) {
      const existing = await trx.selectFrom('person_names').select('name').where('person_id', '=', id).execute();
      const have = new Set(existing.map((n) => n.name));
      const added = [changes.displayName, ...(changes.aliases ?? [])]
        .map((n) => n?.trim())
        .filter((n): n is string => Boolean(n) && !have.has(n!));
      if (added.length > 0) {
        await trx
          .insertInto('person_names')
          .values(
            added.map((name) => ({ id: newId(), person_id: id, name, script: null, kind: 'alias', source_id: null })),
          )
          .execute();
      }
      await setNameKeys(trx, 'persons', id, [...have, ...added]);
    }
  });
  return toPersonView(snapshot);
}

export async function getPerson(db: Kysely<Database>, id: string): Promise<PersonView> {
  const snapshot = await loadSnapshot(db, 'persons', id);
  if (!snapshot) throw new ChronicleError('NOT_FOUND', `no person ${id}`);
  return toPersonView(snapshot);
}

/** Accepted persons (and, on request, deleted ones), by name. */
export async function listPersons(
  db: Kysely<Database>,
  options: { limit?: number; offset?: number; includeDeleted?: boolean } = {},
): Promise<{ total: number; items: PersonView[] }> {
  let query = db.selectFrom('persons').where('review_status', '=', 'accepted').where('merged_into', 'is', null);
  if (!options.includeDeleted) query = query.where('deleted_at', 'is', null);
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await query
    .select('id')
    .orderBy('display_name')
    .orderBy('id')
    .limit(Math.min(options.limit ?? 50, 500))
    .offset(options.offset ?? 0)
    .execute();
  const items: PersonView[] = [];
  for (const row of rows) items.push(await getPerson(db, row.id));
  return { total: Number(count?.n ?? 0), items };
}

export async function deletePerson(trx: Kysely<Database>, id: string, userId: string | null): Promise<PersonView> {
  return toPersonView(await softDelete(trx, 'persons', id, userId));
}

export async function restorePerson(trx: Kysely<Database>, id: string, userId: string | null): Promise<PersonView> {
  return toPersonView(await restoreDeleted(trx, 'persons', id, userId));
}
