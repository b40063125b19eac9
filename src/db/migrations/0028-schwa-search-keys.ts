import { type Kysely, sql } from 'kysely';
import { nameSearchKeys } from '../../resolve/index.js';
import { parameterChunks } from '../parameter-chunks.js';
import { insertPersonKeys, SEARCH_KEY_MARKS } from './0016-person-search-keys.js';

/**
 * `foldName` now reads the Azerbaijani schwa as English and Russian spellings write it (Məmmədli → Mammadli, where it
 * was dropped: "mmmdli"), so the search keys stored for a person with an «ə» in a name are written again: the
 * people table then finds Məmmədli by "Mammad" and by «Мамед». Only such people are touched; each one's search keys
 * are replaced by those of its exact keys. Idempotent: a second run writes the same keys.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const exact = await sql<{ record_id: string; name_key: string }>`
    SELECT record_id, name_key FROM name_keys WHERE record_table = 'persons'`.execute(db);
  const isSearchKey = (key: string) => SEARCH_KEY_MARKS.some((mark) => key.startsWith(mark));
  const touched = new Set(
    exact.rows.filter((r) => !isSearchKey(r.name_key) && /[əƏ]/u.test(r.name_key)).map((r) => r.record_id),
  );
  if (touched.size === 0) return;
  const rows: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const { record_id, name_key } of exact.rows) {
    if (!touched.has(record_id) || isSearchKey(name_key)) continue;
    for (const key of nameSearchKeys(name_key)) {
      if (seen.has(`${record_id} ${key}`)) continue;
      seen.add(`${record_id} ${key}`);
      rows.push([record_id, key]);
    }
  }
  for (const ids of parameterChunks([...touched], 1))
    await sql`DELETE FROM name_keys WHERE record_table = 'persons' AND record_id IN (${sql.join(ids)})
      AND substr(name_key, 1, 1) IN (${sql.join(SEARCH_KEY_MARKS)})`.execute(db);
  await insertPersonKeys(db, rows);
  // People lists kept for the current record generation (src/record/generation-cache.ts) were found with the old
  // keys: moving the generation on makes every server on this database search again.
  await sql`UPDATE record_generation SET generation = generation + 1 WHERE id = 1`.execute(db);
}

/** The keys written are what a fresh workspace writes; there is nothing to take back. */
export async function down(): Promise<void> {}
