import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { normalizeName } from './names.js';

export type KeyedTable = 'persons' | 'organizations' | 'places' | 'cases';

/** Replaces the name keys of one record: `setNameKeys(trx, 'persons', id, ['Пётр Семёнов'])` stores 'петр семенов'. */
export async function setNameKeys(
  trx: Kysely<Database>,
  table: KeyedTable,
  id: string,
  names: string[],
): Promise<void> {
  await trx.deleteFrom('name_keys').where('record_table', '=', table).where('record_id', '=', id).execute();
  const keys = [...new Set(names.map(normalizeName).filter((k) => k.length > 0))];
  if (keys.length === 0) return;
  await trx
    .insertInto('name_keys')
    .values(keys.map((name_key) => ({ record_table: table, record_id: id, name_key })))
    .execute();
}

/** Adds one key without dropping the others (a new alias). */
export async function addNameKey(trx: Kysely<Database>, table: KeyedTable, id: string, name: string): Promise<void> {
  const name_key = normalizeName(name);
  if (!name_key) return;
  await trx
    .insertInto('name_keys')
    .values({ record_table: table, record_id: id, name_key })
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
