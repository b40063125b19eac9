import type { Kysely } from 'kysely';

/**
 * The parts of split archives kept while they wait for their other parts (src/sources/waiting-parts.ts): a case file
 * mailed in three letters on three days, each part stored as it came. One row per part stored without the rest:
 * `set_key` names the archive the parts make (`rar:дело.rar`), `number` the part, `last` whether the part says it is
 * the set's last (1), not (0) or cannot tell (null), `state` 'waiting' until the set is read ('read'). Parts given
 * together are read at once and have no row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('waiting_parts')
    .ifNotExists()
    .addColumn('source_id', 'text', (c) => c.primaryKey().references('sources.id'))
    .addColumn('set_key', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('waiting_parts_set')
    .ifNotExists()
    .on('waiting_parts')
    .columns(['set_key', 'state'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('waiting_parts').ifExists().execute();
}
