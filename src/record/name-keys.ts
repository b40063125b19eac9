import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { nameSearchKeys } from '../resolve/index.js';
import { normalizeName } from './names.js';

export type KeyedTable = 'persons' | 'organizations' | 'places' | 'cases';

/**
 * The keys stored for one name: its exact key (for linking, `idsByName`) and, for a person, the search keys of its
 * words (`nameSearchKeys`), which the people table finds by prefix across scripts. Search keys start with a capital
 * no exact key holds, so the two kinds never meet.
 * `namesKeys('persons', ['Руслан Галиев'])` → ['руслан галиев', 'Φruslan', 'Ωруслан', 'Φgaliev', 'Ωгалиев'].
 */
export function namesKeys(table: KeyedTable, names: string[]): string[] {
  const exact = names.map(normalizeName).filter((k) => k.length > 0);
  return [...new Set(table === 'persons' ? [...exact, ...names.flatMap(nameSearchKeys)] : exact)];
}

/** Replaces the name keys of one record: `setNameKeys(trx, 'persons', id, ['Пётр Семёнов'])` stores 'петр семенов'. */
export async function setNameKeys(
  trx: Kysely<Database>,
  table: KeyedTable,
  id: string,
  names: string[],
): Promise<void> {
  await trx.deleteFrom('name_keys').where('record_table', '=', table).where('record_id', '=', id).execute();
  const keys = namesKeys(table, names);
  if (keys.length === 0) return;
  await trx
    .insertInto('name_keys')
    .values(keys.map((name_key) => ({ record_table: table, record_id: id, name_key })))
    .execute();
}

/** Adds the keys of one name without dropping the others (a new alias). */
export async function addNameKey(trx: Kysely<Database>, table: KeyedTable, id: string, name: string): Promise<void> {
  const keys = namesKeys(table, [name]);
  if (keys.length === 0) return;
  await trx
    .insertInto('name_keys')
    .values(keys.map((name_key) => ({ record_table: table, record_id: id, name_key })))
    .onConflict((oc) => oc.columns(['record_table', 'name_key', 'record_id']).doNothing())
    .execute();
}

/** Ids of records in `table` with exactly this normalized name. */
export async function idsByName(trx: Kysely<Database>, table: KeyedTable, name: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('name_keys')
    .select('record_id')
    .where('record_table', '=', table)
    .where('name_key', '=', normalizeName(name))
    .orderBy('record_id')
    .execute();
  return rows.map((r) => r.record_id);
}
