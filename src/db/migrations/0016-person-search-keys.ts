import { type Kysely, sql } from 'kysely';
import { nameSearchKeys } from '../../resolve/index.js';
import { parameterChunks } from '../parameter-chunks.js';

/** The first characters of the search keys (src/resolve/name-search-keys.ts); no exact name key starts with one. */
export const SEARCH_KEY_MARKS = ['Φ', 'Ω'];

/** Writes `[person id, key]` rows into `name_keys`, leaving any already there. */
export async function insertPersonKeys(db: Kysely<unknown>, rows: ReadonlyArray<[string, string]>): Promise<void> {
  for (const chunk of parameterChunks(rows, 3)) {
    const values = sql.join(chunk.map(([id, key]) => sql`(${'persons'}, ${id}, ${key})`));
    await sql`INSERT INTO name_keys (record_table, record_id, name_key) VALUES ${values} ON CONFLICT DO NOTHING`.execute(
      db,
    );
  }
}

/**
 * The search keys of every person's names (`nameSearchKeys`: a fold key and a spelling key per word), beside the
 * exact keys in `name_keys`, so the people table finds a person by the beginning of any word of any name, in either
 * script and in any grammatical case, with one index range per query word instead of reading every key. They are
 * computed from the exact keys already stored, which hold each of the person's names lower-cased, as the record
 * writes them from now on (src/record/name-keys.ts). Idempotent: a second run finds nothing to write.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const exact = await sql<{
    record_id: string;
    name_key: string;
  }>`SELECT record_id, name_key FROM name_keys WHERE record_table = 'persons'`.execute(db);
  const isSearchKey = (key: string) => SEARCH_KEY_MARKS.some((mark) => key.startsWith(mark));
  // Keys already there (a second run) are not written again.
  const seen = new Set(exact.rows.filter((r) => isSearchKey(r.name_key)).map((r) => `${r.record_id} ${r.name_key}`));
  const rows: Array<[string, string]> = [];
  for (const { record_id, name_key } of exact.rows) {
    if (isSearchKey(name_key)) continue;
    for (const key of nameSearchKeys(name_key)) {
      const id = `${record_id} ${key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      rows.push([record_id, key]);
    }
  }
  if (rows.length === 0) return;
  await insertPersonKeys(db, rows);
  // People lists kept for the current record generation (src/record/generation-cache.ts) were found without these
  // keys: moving the generation on makes every server on this database search again.
  await sql`UPDATE record_generation SET generation = generation + 1 WHERE id = 1`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM name_keys WHERE record_table = 'persons' AND substr(name_key, 1, 1) IN (${sql.join(SEARCH_KEY_MARKS)})`.execute(
    db,
  );
}
