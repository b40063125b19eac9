import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import * as unknownStatusMigration from '../../src/db/migrations/0027-unknown-person-status.js';
import { personRow } from '../../src/record/index.js';
import { testDialects, unmigratedWorkspaceSuite } from '../helpers/workspaces.js';

const dialects = await testDialects();

describe.each(dialects)('migration 0027 over an older workspace on %s', (dialect) => {
  const workspace = unmigratedWorkspaceSuite(dialect);

  it('clears the "at liberty" stored for persons nothing was known of, keeps every status set by hand or an event', async () => {
    const db = workspace().db;
    await migrateTo(db as Kysely<unknown>, '0026-case-party-events');
    const now = new Date().toISOString();
    await db
      .insertInto('persons')
      .values([
        // As persons were written before 0027: at liberty by default.
        personRow('p-unknown', 'Иван Петров', now, { status: 'at_liberty' }),
        personRow('p-set', 'Анна Смирнова', now, {
          status: 'at_liberty',
          status_override: 'at_liberty',
          status_reason: 'released, per her lawyer',
        }),
        personRow('p-detained', 'Олег Зимин', now, { status: 'detained' }),
      ])
      .execute();
    const statuses = async () =>
      Object.fromEntries(
        (await db.selectFrom('persons').select(['id', 'status']).execute()).map((p) => [p.id, p.status]),
      );
    const after = { 'p-unknown': null, 'p-set': 'at_liberty', 'p-detained': 'detained' };
    await migrateToLatest(db as Kysely<unknown>);
    expect(await statuses()).toEqual(after);
    await unknownStatusMigration.up(db as Kysely<unknown>);
    expect(await statuses()).toEqual(after);
  });
});
