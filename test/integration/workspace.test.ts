import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createTestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();

describe.each(dialects)('workspace on %s', (dialect) => {
  it('creates every table of the data model and migrates idempotently', async () => {
    const t = await createTestWorkspace(dialect);
    try {
      const tables = (await t.workspace.db.introspection.getTables()).map((x) => x.name);
      for (const name of [
        'sources',
        'blobs',
        'source_texts',
        'mentions',
        'persons',
        'events',
        'evidence',
        'audit_log',
        'jobs',
        'users',
      ]) {
        expect(tables).toContain(name);
      }
      await migrateToLatest(t.workspace.db as never);
      await migrateToLatest(t.workspace.db as never);
    } finally {
      await t.dispose();
    }
  });
});

describe('SQLite migrations', () => {
  it('apply a failing migration entirely or not at all, so a start killed half-way starts again cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-migrations-'));
    try {
      const w = await openWorkspace({ dataDir: dir, key: null });
      try {
        const db = w.db as unknown as Kysely<unknown>;
        const broken: Record<string, Migration> = {
          '9001-add-then-fail': {
            up: async (trx) => {
              await sql`ALTER TABLE sources ADD COLUMN half_done TEXT`.execute(trx);
              throw new Error('killed here');
            },
          },
        };
        const migrator = new Migrator({
          db,
          provider: { getMigrations: async () => broken },
          migrationTableName: 'chronicle_migrations_test',
          migrationLockTableName: 'chronicle_migrations_test_lock',
        });
        const { error } = await migrator.migrateToLatest();
        expect(String(error)).toContain('killed here');
        const columns = await sql<{ name: string }>`SELECT name FROM pragma_table_info('sources')`.execute(db);
        expect(columns.rows.map((c) => c.name)).not.toContain('half_done');
      } finally {
        await w.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finish migration 0011 on a workspace where an older start added some of its columns and was killed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-migrations-'));
    try {
      const w = await openWorkspace({ dataDir: dir, key: null });
      const db = w.db as unknown as Kysely<unknown>;
      await sql`DELETE FROM chronicle_migrations WHERE name >= '0011'`.execute(db);
      await sql`DROP TRIGGER IF EXISTS source_search_filters`.execute(db);
      await sql`DROP INDEX IF EXISTS source_search_keys_maybe_hidden`.execute(db);
      await sql`DROP TABLE record_generation`.execute(db);
      await w.close();
      const again = await openWorkspace({ dataDir: dir, key: null });
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite durability settings', () => {
  it('commits durably in WAL mode, checks foreign keys, and checkpoints every 10,000 pages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-pragmas-'));
    const workspace = await openWorkspace({ dataDir: dir, databaseUrl: '', key: null });
    try {
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`PRAGMA ${name}`).execute(workspace.db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      // 2 is FULL: a committed source survives a power cut.
      expect(await pragma('synchronous')).toBe(2);
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('wal_autocheckpoint')).toBe(10_000);
      expect(await pragma('journal_size_limit')).toBe(64 * 1024 * 1024);
    } finally {
      await workspace.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('encrypted SQLite workspace', () => {
  it('refuses a wrong key with BAD_KEY instead of opening an empty workspace', async () => {
    const t = await createTestWorkspace('sqlite', { key: 'correct horse battery staple' });
    await t.workspace.close();
    await expect(openWorkspace({ dataDir: t.dataDir!, databaseUrl: '', key: 'wrong' })).rejects.toMatchObject({
      code: 'BAD_KEY',
    });
    await expect(openWorkspace({ dataDir: t.dataDir!, databaseUrl: '', key: null })).rejects.toMatchObject({
      code: 'BAD_KEY',
    });
    const reopened = await openWorkspace({ dataDir: t.dataDir!, databaseUrl: '', key: 'correct horse battery staple' });
    await reopened.close();
    await t.dispose().catch(() => {});
  });
});

describe('a workspace upgraded by a newer version', () => {
  it('says which migration it does not know, instead of claiming the database cannot be reached', async () => {
    const t = await createTestWorkspace('sqlite');
    await sql`INSERT INTO chronicle_migrations (name, timestamp) VALUES ('9999-from-the-future', '2030-01-01T00:00:00.000Z')`.execute(
      t.workspace.db,
    );
    await t.workspace.close();
    await expect(openWorkspace({ dataDir: t.dataDir!, databaseUrl: '', key: null })).rejects.toThrow(
      /^this workspace was upgraded by a newer version of Chronicle \(its migration 9999-from-the-future is unknown here\)/,
    );
    await t.dispose().catch(() => {});
  });
});

describe.runIf((await testDialects()).includes('postgres'))('a new PostgreSQL workspace', () => {
  it('leaves its empty search tables unanalyzed, so inserts check their foreign keys by index as the tables grow', async () => {
    // Analyzed while empty, a table's foreign-key check is planned as a scan of it on each connection's first insert
    // and kept: ingestion then slowed with every source (migrations 0019 and 0020 had done that).
    const t = await createTestWorkspace('postgres');
    try {
      const stats = await sql<{ relname: string; reltuples: number }>`SELECT relname, reltuples FROM pg_class
        WHERE relname IN ('source_search', 'source_search_rank') ORDER BY relname`.execute(t.workspace.db);
      expect(stats.rows).toEqual([
        { relname: 'source_search', reltuples: -1 },
        { relname: 'source_search_rank', reltuples: -1 },
      ]);
    } finally {
      await t.dispose();
    }
  });
});

describe('a PostgreSQL workspace that cannot be reached', () => {
  it('says so, instead of blaming a migration', async () => {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const opening = openWorkspace({ databaseUrl: 'postgres://root@127.0.0.1:1/chronicle_nowhere' });
    await expect(opening).rejects.toMatchObject({ code: 'DATABASE' });
    await expect(opening).rejects.toThrow(/^cannot reach the database: .*ECONNREFUSED/);
  });

  it('says what a URL of another database is, without its credentials', async () => {
    const opening = openWorkspace({ databaseUrl: 'mysql://admin:secret@db.example/chronicle' });
    await expect(opening).rejects.toMatchObject({ code: 'USAGE' });
    await expect(opening).rejects.toThrow(/^DATABASE_URL must be a PostgreSQL URL .* not one beginning "mysql:"/);
    await expect(opening).rejects.not.toThrow(/secret/);
  });
});
