import { type Kysely, sql } from 'kysely';
import { queueWordingComparison } from '../../sources/similar-texts.js';
import { bandKeys, shingles } from '../../sources/text-similarity.js';
import { insertRows } from '../insert-rows.js';
import type { Database } from '../schema.js';

/** Texts read at a time while filing those stored before: a chunk of court files stays within tens of megabytes. */
const CHUNK = 200;

/**
 * Reports republished with small changes (src/sources/similar-texts.ts). `text_bands`: the keys a text's wording is
 * filed under (`bandKeys`), so that texts sharing a key are compared without comparing every pair. `similar_texts`:
 * a source linked as a near-duplicate because its wording is mostly another's — the source it matched and the share
 * of the shorter one's wording found in the other — kept apart from exact copies (same text), which need no
 * explanation and cannot be unlinked.
 * `distinct_texts`: pairs a person said are two reports, never linked again (the lower id first).
 *
 * The texts stored before are filed under their keys here, so that a report republished after the upgrade is linked
 * to one stored before it at once; a compare-wording job (`wordingJobHandler`) then links those stored before among
 * themselves, in the background. Copies of another text and deleted sources are not filed, as `linkSimilarText` files
 * none. Idempotent: a second run files nothing again (and queues a comparison that links nothing new).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('text_bands')
    .ifNotExists()
    .addColumn('band_key', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addPrimaryKeyConstraint('text_bands_pk', ['band_key', 'source_id'])
    .execute();
  await db.schema.createIndex('text_bands_source').ifNotExists().on('text_bands').column('source_id').execute();
  await db.schema
    .createTable('similar_texts')
    .ifNotExists()
    .addColumn('source_id', 'text', (c) => c.primaryKey().references('sources.id'))
    .addColumn('similar_to', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('similarity', 'real', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('similar_texts_to').ifNotExists().on('similar_texts').column('similar_to').execute();
  await db.schema
    .createTable('distinct_texts')
    .ifNotExists()
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('other_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('distinct_texts_pk', ['source_id', 'other_id'])
    .execute();
  const workspace = db as unknown as Kysely<Database>;
  await fileStoredTexts(workspace);
  if (await workspace.selectFrom('source_texts').select('source_id').limit(1).executeTakeFirst())
    await queueWordingComparison(workspace);
}

async function fileStoredTexts(db: Kysely<Database>): Promise<void> {
  let after = '';
  for (;;) {
    const texts = await sql<{ id: string; text: string }>`SELECT sources.id AS id, source_texts.text AS text
      FROM sources JOIN source_texts ON source_texts.source_id = sources.id
      WHERE sources.id > ${after} AND sources.near_duplicate_of IS NULL AND sources.deleted_at IS NULL
      ORDER BY sources.id LIMIT ${CHUNK}`.execute(db);
    if (texts.rows.length === 0) return;
    const filed = new Set(
      (
        await db
          .selectFrom('text_bands')
          .select('source_id')
          .distinct()
          .where(
            'source_id',
            'in',
            texts.rows.map((row) => row.id),
          )
          .execute()
      ).map((row) => row.source_id),
    );
    await insertRows(
      db,
      'text_bands',
      texts.rows.flatMap((row) =>
        filed.has(row.id) ? [] : bandKeys(shingles(row.text)).map((band_key) => ({ band_key, source_id: row.id })),
      ),
    );
    after = texts.rows.at(-1)!.id;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('distinct_texts').ifExists().execute();
  await db.schema.dropTable('similar_texts').ifExists().execute();
  await db.schema.dropTable('text_bands').ifExists().execute();
}
